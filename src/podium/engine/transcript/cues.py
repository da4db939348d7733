"""What every reader hands over before it becomes a `Transcript`, and the repairs.

Readers turn their format into `Cue`s (times, speaker, text, and the line of
the file the cue came from). `build_transcript` then makes the one set of
repairs all formats share, each reported in `Transcript.warnings` instead of
refusing the file:

- cues out of order are sorted by start time;
- a cue that ends after the next one starts is cut to end where the next begins;
- formats without end times (plain text) end a cue where the next begins, the
  last one after its words at `WORDS_PER_MINUTE`;
- cues left empty once tags are stripped are dropped.

Pure Python; nothing here knows about a file format.
"""

from __future__ import annotations

from dataclasses import dataclass

from podium.engine.timefmt import format_cue_time
from podium.engine.transcript.model import Segment, Transcript, Word

WORDS_PER_MINUTE = 150.0
"""Speaking rate used to estimate the end of a last cue that has no end time."""
MIN_LAST_DURATION = 1.0
"""Shortest duration given to a last cue whose end is estimated."""


@dataclass(slots=True)
class Cue:
    """One timed piece of text as a reader found it."""

    start: float
    end: float | None
    """None when the format has no end times: filled in by `build_transcript`."""
    speaker: str
    text: str
    line: int | None = None
    """1-based line of the file where the cue starts, for warnings."""
    words: tuple[Word, ...] = ()
    place: str | None = None
    """Where the cue is when there is no useful line (``segments[12]`` in JSON)."""


def where(cue: Cue) -> str:
    """``"line 57: "``, ``"segments[12]: "`` or nothing: the prefix of a warning about a cue."""
    if cue.line is not None:
        return f"line {cue.line}: "
    return f"{cue.place}: " if cue.place else ""


def build_transcript(
    cues: list[Cue],
    *,
    source: str | None,
    title: str | None = None,
    language: str | None = None,
    warnings: list[str] | None = None,
) -> Transcript:
    """Repair order, overlaps and missing ends (with warnings) and build the transcript."""
    warnings = list(warnings or [])
    cues = [c for c in cues if c.text.strip() or c.words]
    cues = _sorted(cues, warnings)
    _fill_missing_ends(cues)
    _trim_overlaps(cues, warnings)
    segments = [
        Segment(
            start=round(c.start, 3),
            end=round(c.end if c.end is not None else c.start, 3),
            speaker=c.speaker,
            text=c.text,
            words=c.words,
        )
        for c in cues
    ]
    return Transcript(
        segments=segments, title=title, language=language, source=source, warnings=warnings
    )


def _sorted(cues: list[Cue], warnings: list[str]) -> list[Cue]:
    first = None
    count = 0
    latest = float("-inf")
    for cue in cues:
        if cue.start < latest:
            count += 1
            first = first or cue
        latest = max(latest, cue.start)
    if not count:
        return cues
    assert first is not None
    warnings.append(
        f"{where(first)}cue at {format_cue_time(first.start)} starts before the cue above it; "
        f"{count} cue(s) out of order, sorted by start time"
    )
    return sorted(cues, key=lambda c: c.start)


def _fill_missing_ends(cues: list[Cue]) -> None:
    for index, cue in enumerate(cues):
        if cue.end is not None:
            continue
        following = next((c.start for c in cues[index + 1 :] if c.start > cue.start), None)
        if following is not None:
            cue.end = following
        else:
            spoken = len(cue.text.split()) * 60.0 / WORDS_PER_MINUTE
            cue.end = cue.start + max(spoken, MIN_LAST_DURATION)


def _trim_overlaps(cues: list[Cue], warnings: list[str]) -> None:
    first = None
    count = 0
    for cue, following in zip(cues, cues[1:], strict=False):
        assert cue.end is not None
        if cue.end > following.start:
            if first is None:
                first = (cue, cue.end, following.start)
            count += 1
            cue.end = max(cue.start, following.start)
    if first is not None:
        cue, end, next_start = first
        warnings.append(
            f"{where(cue)}cue ends at {format_cue_time(end)}, after the next cue starts at "
            f"{format_cue_time(next_start)}; {count} overlapping cue(s) cut to end where the next begins"
        )
