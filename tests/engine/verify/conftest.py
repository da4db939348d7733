"""Helpers for the verification tests: small transcripts and briefs built in code."""

from __future__ import annotations

from pathlib import Path

import pytest

from podium.engine.brief.model import Brief, Part, Quote, Section
from podium.engine.transcript.model import Segment, Transcript

VERIFY_DATA = Path(__file__).resolve().parents[2] / "data" / "verify"
SEED_TRANSCRIPT = VERIFY_DATA / "seed_000_transcript.vtt"


def make_transcript(*turns: tuple[float, str, str], words_per_cue: int = 8) -> Transcript:
    """Segments of `words_per_cue` words at 0.4 s a word, from (start, speaker, text) turns."""
    segments = []
    for start, speaker, text in turns:
        words = text.split()
        clock = start
        for begin in range(0, len(words), words_per_cue):
            chunk = words[begin : begin + words_per_cue]
            end = clock + 0.4 * len(chunk)
            segments.append(Segment(clock, end, speaker, " ".join(chunk)))
            clock = end
    return Transcript(segments=segments, source="<test>")


def make_brief(*sections: Section, title: str = "A test brief") -> Brief:
    return Brief(title=title, parts=[Part(title="", sections=list(sections))])


def section(
    number: int = 1,
    *,
    speaker: str,
    start: float | None = None,
    summary: str = "",
    quotes: list[str] | tuple[str, ...] = (),
    quote_speaker: str | None = None,
    title: str = "A section",
) -> Section:
    return Section(
        number=number,
        title=title,
        start=start,
        speakers=[speaker],
        summary=[summary] if summary else [],
        quotes=[Quote(text=q, speaker=quote_speaker or speaker) for q in quotes],
    )


@pytest.fixture
def seed_transcript_path() -> Path:
    return SEED_TRANSCRIPT
