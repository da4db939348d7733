"""The transcript passage a section's prompt gives the model: what it may write from.

The rule (documented in docs/llm.md):

1. The window starts `LEAD` seconds before the section's ▶ time (a section time
   may fall just before the turn that carries it) and ends where the next
   section starts in time order, but lasts at least `MIN_SECONDS` and at most
   `MAX_SECONDS`. A section without a time starts at its first quote.
2. Only the section's own speakers' segments inside the window are taken
   (the moderator's questions and other panelists stay out, so the model
   cannot attribute their words to the speaker).
3. The segments that hold the section's quotes are always taken, wherever
   they are (the quote finder of `podium.engine.verify` locates them).
4. At most `MAX_WORDS` words: quote segments first, then the rest in time
   order. Consecutive segments of one speaker become one line
   ``[35:24] Ankit Panda: …``.

Plain Python over the verifier's transcript index; nothing is embedded here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from podium.engine.brief.model import Brief, Section
from podium.engine.timefmt import format_time
from podium.engine.transcript.model import Segment
from podium.engine.verify.context import Context
from podium.engine.verify.quote import find_quote

LEAD = 30.0
MIN_SECONDS = 120.0
MAX_SECONDS = 600.0
MAX_WORDS = 900
JOIN_GAP = 3.0
"""Segments of one speaker closer than this (seconds) share a line."""


@dataclass(slots=True)
class Passage:
    """The transcript lines of one section's prompt."""

    start: float
    end: float
    lines: list[str] = field(default_factory=list)
    words: int = 0

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def section_passages(
    brief: Brief, ctx: Context, *, max_words: int = MAX_WORDS
) -> dict[int, Passage]:
    """The passage of every section of `brief`, by section number (see the module rule)."""
    starts = sorted({s.start for s in brief.sections() if s.start is not None})
    return {
        s.number: section_passage(s, ctx, starts=starts, max_words=max_words)
        for s in brief.sections()
    }


def section_passage(
    section: Section, ctx: Context, *, starts: list[float], max_words: int = MAX_WORDS
) -> Passage:
    segments = ctx.index.transcript.segments
    labels = ctx.people.labels_of(section.speakers)
    quote_segments = _quote_segments(section, ctx, labels)
    begin = section.start
    if begin is None:
        begin = min((segments[i].start for i in quote_segments), default=0.0)
    later = [t for t in starts if t > begin + 1.0]
    end = min(later[0] if later else begin + MAX_SECONDS, begin + MAX_SECONDS)
    end = max(end, begin + MIN_SECONDS)
    window = [
        i
        for i, seg in enumerate(segments)
        if seg.speaker in labels and seg.end > begin - LEAD and seg.start < end and seg.text.strip()
    ]
    chosen: list[int] = []
    words = 0
    for i in quote_segments + [i for i in window if i not in quote_segments]:
        count = len(segments[i].text.split())
        if chosen and words + count > max_words:
            continue
        chosen.append(i)
        words += count
    chosen.sort()
    picked = [segments[i] for i in chosen]
    return Passage(
        start=picked[0].start if picked else begin,
        end=picked[-1].end if picked else end,
        lines=_lines(picked, _brief_names(section, ctx)),
        words=words,
    )


def _quote_segments(section: Section, ctx: Context, labels: set[str]) -> list[int]:
    found: list[int] = []
    for quote in section.quotes:
        named = ctx.people.labels_of([quote.speaker]) if quote.speaker else labels
        match = find_quote(ctx, quote.text, prefer=named)
        if match is None or not match.exact:
            continue
        for token in range(match.start, match.end):
            number = ctx.index.segment_of[token]
            if number not in found:
                found.append(number)
    return found


def _brief_names(section: Section, ctx: Context) -> dict[str, str]:
    """Transcript label -> the name the brief uses for that person."""
    names: dict[str, str] = {}
    for name in reversed(section.speakers):
        for label in ctx.people.labels_of([name]):
            names[label] = name
    return names


def _lines(segments: list[Segment], names: dict[str, str]) -> list[str]:
    lines: list[str] = []
    previous: Segment | None = None
    for segment in segments:
        text = " ".join(segment.text.split())
        if (
            previous is not None
            and segment.speaker == previous.speaker
            and segment.start - previous.end <= JOIN_GAP
        ):
            lines[-1] += " " + text
        else:
            lines.append(
                f"[{format_time(segment.start)}] {names.get(segment.speaker, segment.speaker)}: {text}"
            )
        previous = segment
    return lines
