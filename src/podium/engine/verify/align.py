"""Sentence alignment: the one to three transcript sentences a summary sentence paraphrases.

Retrieval (claim.py: BM25 shortlist, MiniLM rerank) finds the best passages
of about 60 words. Here the speaker's turn around each of those passages is
cut into sentences (at the transcript's own ``.``, ``?``, ``!``) and every
run of one to three consecutive sentences is scored by the share of the
claim's content words and numbers it contains, each word weighted by its
BM25 inverse document frequency (a rare word such as "gigawatts" counts more
than "people"), with a small cost per extra sentence. The best run is the
aligned passage the claim is judged against.

A turn that answers a question ("Will fees rise?" — "No.") is aligned
together with that question, so the checks can read the answer's polarity.
Plain Python over `TranscriptIndex` tokens; no model.
"""

from __future__ import annotations

from dataclasses import dataclass

from podium.engine.verify.text import Passage, TranscriptIndex
from podium.engine.verify.wordlists import word_list

_ENDS = (".", "?", "!", '."', '?"', '!"', ".'", "?'")
EXTRA_SENTENCE_COST = 0.04
"""Score given up for each sentence beyond the first in an aligned run."""
REGION_WORDS = 60
"""How far around a retrieved passage (inside its turn) sentences are considered."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """The transcript sentences a summary sentence is judged against."""

    start_token: int
    end_token: int
    """Exclusive."""
    coverage: float
    """Weighted share (0–1) of the claim's content words and numbers found in it."""
    question_start: int | None = None
    """When the run opens with the answer to another sentence's question: where that
    question starts (it is included in the span)."""


def stem(word: str) -> str:
    """The first five letters: "designed" and "design" meet (shared with claim.py and
    consistency.substitutions)."""
    return word[:5] if len(word) > 5 else word


def turn_bounds(
    index: TranscriptIndex, token: int, cache: dict[int, tuple[int, int]]
) -> tuple[int, int]:
    """Token range ``[start, end)`` of the turn that `token` belongs to."""
    turn = index.turn_of_segment[index.segment_of[token]]
    if turn in cache:
        return cache[turn]
    start = token
    while start > 0 and index.turn_of_segment[index.segment_of[start - 1]] == turn:
        start -= 1
    end = token
    while end < len(index.tokens) and index.turn_of_segment[index.segment_of[end]] == turn:
        end += 1
    cache[turn] = (start, end)
    return start, end


def sentence_spans(index: TranscriptIndex, start: int, end: int) -> list[tuple[int, int]]:
    """``[a, b)`` token spans of the sentences in ``[start, end)`` (cut after ``. ? !``)."""
    spans = []
    begin = start
    for position in range(start, end):
        surface = index.tokens[position].surface
        if surface.endswith(_ENDS) and surface.lower().rstrip(".") not in word_list("titles"):
            spans.append((begin, position + 1))
            begin = position + 1
    if begin < end:
        spans.append((begin, end))
    return spans


def _is_question(index: TranscriptIndex, span: tuple[int, int]) -> bool:
    return span[1] > span[0] and index.tokens[span[1] - 1].surface.rstrip("\"')").endswith("?")


def align(
    index: TranscriptIndex,
    weights: dict[str, float],
    passages: list[Passage],
    *,
    cache: dict[int, tuple[int, int]] | None = None,
    max_sentences: int = 3,
) -> Alignment | None:
    """The best run of 1..`max_sentences` sentences around `passages` for a claim whose
    content words (stemmed, see `_stem`) and numbers carry `weights`."""
    if not weights or not passages:
        return None
    cache = {} if cache is None else cache
    total = sum(weights.values())
    regions: list[list[tuple[int, int]]] = []
    seen: set[tuple[int, int]] = set()
    for passage in passages:
        turn_start, turn_end = turn_bounds(index, passage.start_token, cache)
        # widen to whole sentences of the turn around the passage
        spans = sentence_spans(index, turn_start, turn_end)
        lo = max(passage.start_token - REGION_WORDS, turn_start)
        hi = min(passage.end_token + REGION_WORDS, turn_end)
        region = [s for s in spans if s[1] > lo and s[0] < hi and s not in seen]
        if not region:
            continue
        if region[0][0] == turn_start and turn_start > 0:
            # the turn may answer a question that ends the turn before it
            before_start, _ = turn_bounds(index, turn_start - 1, cache)
            previous = sentence_spans(index, max(before_start, turn_start - 80), turn_start)
            if previous and _is_question(index, previous[-1]):
                region.insert(0, previous[-1])
        seen.update(region)
        regions.append(region)
    best: tuple[float, float, int, int, int | None] | None = None
    for region in regions:
        stems = [{stem(t.norm) for t in index.tokens[a:b]} for a, b in region]
        for first in range(len(region)):
            covered: set[str] = set()
            for last in range(first, min(first + max_sentences, len(region))):
                covered |= stems[last]
                weight = sum(w for word, w in weights.items() if word in covered)
                coverage = weight / total
                score = coverage - EXTRA_SENTENCE_COST * (last - first)
                question = region[first][0] if _is_question(index, region[first]) else None
                if question is not None and last == first:
                    continue  # a question alone asserts nothing
                if best is None or score > best[0] + 1e-9:
                    best = (score, coverage, region[first][0], region[last][1], question)
    if best is None:
        return None
    _, coverage, start, end, question = best
    return Alignment(start, end, coverage, question)


def claim_weights(words: list[str], idf: dict[str, float]) -> dict[str, float]:
    """Stemmed claim words -> weight (their BM25 idf; unknown words weigh the most)."""
    top = max(idf.values(), default=1.0)
    weights: dict[str, float] = {}
    for word in words:
        key = stem(word)
        weights[key] = max(weights.get(key, 0.0), max(idf.get(word, top), 0.1))

    return weights
