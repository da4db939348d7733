"""Sentences and blocks: the units topic segmentation and brief writing work on.

A transcript's segments may be whole paragraphs (QMSum, plain-text exports) or
caption cues of a few words that cut sentences in two (YouTube-style WebVTT).
So sentences are found in each *turn's* joined text with `pysbd` (which knows
"Mr.", "4.5", "U.S.") and mapped back to the segment each one starts in, which
gives every sentence a speaker, a turn, a segment index and a start time.

Blocks are runs of sentences from one turn, cut so that no block is much
longer than `max_words`: the units between which a topic boundary may fall.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import numpy as np

from podium.engine.transcript.model import Transcript, Turn


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the transcript, with where and by whom it was said."""

    index: int
    """Position in the transcript's list of sentences."""
    text: str
    speaker: str
    turn: int
    """Index of the turn (`Transcript.turns()`) the sentence belongs to."""
    segment: int
    """Index of the segment in which the sentence starts."""
    end_segment: int
    """Index of the segment in which the sentence ends."""
    start: float
    """Start time of the segment the sentence starts in (seconds)."""
    end: float

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive sentences of one turn: a unit of topic segmentation."""

    index: int
    speaker: str
    turn: int
    sentences: tuple[Sentence, ...]

    @property
    def start(self) -> float:
        return self.sentences[0].start

    @property
    def end(self) -> float:
        return self.sentences[-1].end

    @property
    def first_segment(self) -> int:
        return self.sentences[0].segment

    @property
    def last_segment(self) -> int:
        return self.sentences[-1].end_segment

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@functools.cache
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(transcript: Transcript, turns: list[Turn] | None = None) -> list[Sentence]:
    """Every sentence of the transcript in order, split per turn with pysbd."""
    turns = transcript.turns() if turns is None else turns
    index_of = {id(segment): i for i, segment in enumerate(transcript.segments)}
    sentences: list[Sentence] = []
    for turn in turns:
        offsets: list[int] = []
        pieces: list[str] = []
        segment_ids: list[int] = []
        cursor = 0
        for segment in turn.segments:
            text = " ".join(segment.text.split())
            if not text:
                continue
            offsets.append(cursor)
            pieces.append(text)
            segment_ids.append(index_of[id(segment)])
            cursor += len(text) + 1
        if not pieces:
            continue
        joined = " ".join(pieces)
        for span in _segmenter().segment(joined):
            text = span.sent.strip()
            if not any(ch.isalnum() for ch in text):
                continue
            first = max(0, bisect.bisect_right(offsets, span.start) - 1)
            last = max(0, bisect.bisect_right(offsets, max(span.start, span.end - 2)) - 1)
            seg_first = transcript.segments[segment_ids[first]]
            seg_last = transcript.segments[segment_ids[last]]
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=text,
                    speaker=turn.speaker,
                    turn=turn.index,
                    segment=segment_ids[first],
                    end_segment=segment_ids[last],
                    start=seg_first.start,
                    end=seg_last.end,
                )
            )
    return sentences


def make_blocks(sentences: list[Sentence], *, max_words: int = 120) -> list[Block]:
    """Group sentences into blocks: one per turn, long turns cut near `max_words`."""
    blocks: list[Block] = []
    run: list[Sentence] = []

    def flush() -> None:
        if run:
            blocks.append(Block(len(blocks), run[0].speaker, run[0].turn, tuple(run)))
            run.clear()

    for sentence in sentences:
        if run and (
            sentence.turn != run[-1].turn or sum(s.words for s in run) + sentence.words > max_words
        ):
            flush()
        run.append(sentence)
    flush()
    return blocks


def block_vectors(blocks: list[Block], vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Word-weighted sums of sentence vectors per block, and each block's word count."""
    sums = np.zeros((len(blocks), vectors.shape[1] if len(vectors) else 384), dtype=np.float64)
    words = np.zeros(len(blocks), dtype=np.float64)
    for i, block in enumerate(blocks):
        for sentence in block.sentences:
            sums[i] += vectors[sentence.index] * sentence.words
            words[i] += sentence.words
    return sums, words
