"""Passages: the unit the archive searches, shows and quotes from.

A passage is a run of consecutive segments of one speaker's turn, cut at
segment ends once it holds about `PASSAGE_WORDS` words (MiniLM reads 128 word
pieces, about 90 words, so a passage fits the model whole). A segment longer
than that is cut at sentence ends. Plain Python over the transcript model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from podium.engine.transcript.model import Transcript

PASSAGE_WORDS = 80
_BREAK = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """`text` cut after each sentence end, every character kept (closing quotes stay with their sentence)."""
    out, start = [], 0
    for match in _BREAK.finditer(text):
        out.append(text[start : match.start() + len(match.group(1))])
        start = match.end()
    out.append(text[start:])
    return [s for s in out if s.strip()]


@dataclass(frozen=True, slots=True)
class Passage:
    """What one speaker said in one stretch of a transcript."""

    number: int
    """Position in the transcript's list of passages."""
    speaker: str
    start: float
    end: float
    text: str
    turn: int
    """Index of the turn (`Transcript.turns()`) the passage belongs to."""

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def make_passages(transcript: Transcript, *, max_words: int = PASSAGE_WORDS) -> list[Passage]:
    """The transcript's passages in order; empty segments are skipped."""
    passages: list[Passage] = []
    for turn in transcript.turns():
        pieces: list[tuple[float, float, str]] = []
        for segment in turn.segments:
            text = " ".join(segment.text.split())
            if not text:
                continue
            pieces.extend(_split_long(segment.start, segment.end, text, max_words))
        run: list[tuple[float, float, str]] = []
        words = 0
        for piece in pieces:
            count = len(piece[2].split())
            if run and words + count > max_words:
                passages.append(_passage(len(passages), turn.speaker, run, turn.index))
                run, words = [], 0
            run.append(piece)
            words += count
        if run:
            passages.append(_passage(len(passages), turn.speaker, run, turn.index))
    return passages


def _split_long(
    start: float, end: float, text: str, max_words: int
) -> list[tuple[float, float, str]]:
    """A segment as pieces of at most about `max_words` words, with times shared out by words."""
    total = len(text.split())
    if total <= max_words:
        return [(start, end, text)]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in sentences(text):
        if current and len(" ".join([*current, sentence]).split()) > max_words:
            pieces.append(" ".join(current))
            current = []
        current.append(sentence)
    if current:
        pieces.append(" ".join(current))
    out = []
    clock = start
    for piece in pieces:
        length = (end - start) * len(piece.split()) / total
        out.append((clock, clock + length, piece))
        clock += length
    return out


def _passage(number: int, speaker: str, run: list[tuple[float, float, str]], turn: int) -> Passage:
    return Passage(
        number=number,
        speaker=speaker,
        start=run[0][0],
        end=run[-1][1],
        text=" ".join(piece[2] for piece in run),
        turn=turn,
    )
