"""The transcript model: an ordered list of timed, speaker-labelled segments.

Plain dataclasses. Readers build a `Transcript`, writers and every later stage
(segmentation, brief writing, verification) read it. Times are float seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class Word:
    """One word with its own timing, as speech-to-text gives it."""

    start: float
    end: float
    text: str
    speaker: str | None = None
    probability: float | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of speech by one speaker: a cue, a subtitle, a paragraph."""

    start: float
    """Seconds from the start of the recording."""
    end: float
    """Seconds from the start of the recording; never before `start`."""
    speaker: str
    """A label (``SPEAKER_01``) or a person's name; ``""`` when unknown."""
    text: str
    words: tuple[Word, ...] = ()
    """Word timings when the source has them, else empty."""

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Turn:
    """Consecutive segments of one speaker, merged: what one person said in one go."""

    speaker: str
    start: float
    end: float
    segments: tuple[Segment, ...]
    index: int = 0
    """Position of the turn in the transcript's list of turns."""

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments if s.text)


@dataclass(slots=True)
class Transcript:
    """An ordered list of segments plus what is known about the recording."""

    segments: list[Segment]
    title: str | None = None
    language: str | None = None
    source: str | None = None
    """Path or name of the file the transcript was read from."""
    warnings: list[str] = field(default_factory=list)
    """Repairs the reader made (unsorted or overlapping cues, …), one line each."""

    @property
    def duration(self) -> float:
        return max((s.end for s in self.segments), default=0.0)

    @property
    def speakers(self) -> list[str]:
        """Speaker labels in order of first appearance."""
        seen: dict[str, None] = {}
        for segment in self.segments:
            seen.setdefault(segment.speaker, None)
        return list(seen)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments if s.text)

    def word_count(self) -> int:
        return sum(len(s.text.split()) for s in self.segments)

    def turns(self) -> list[Turn]:
        """Merge consecutive segments of the same speaker into turns."""
        turns: list[Turn] = []
        run: list[Segment] = []
        for segment in self.segments:
            if run and segment.speaker != run[-1].speaker:
                turns.append(_turn(run, len(turns)))
                run = []
            run.append(segment)
        if run:
            turns.append(_turn(run, len(turns)))
        return turns

    def renamed(self, names: dict[str, str]) -> Transcript:
        """A copy with speaker labels replaced by names (labels not in `names` stay)."""

        def rename(label: str | None) -> str | None:
            return names.get(label, label) if label is not None else None

        segments = [
            replace(
                s,
                speaker=rename(s.speaker),
                words=tuple(replace(w, speaker=rename(w.speaker)) for w in s.words),
            )
            for s in self.segments
        ]
        return replace(self, segments=segments, warnings=list(self.warnings))


def _turn(run: list[Segment], index: int) -> Turn:
    return Turn(
        speaker=run[0].speaker,
        start=run[0].start,
        end=max(s.end for s in run),
        segments=tuple(run),
        index=index,
    )
