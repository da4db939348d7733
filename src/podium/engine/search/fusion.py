"""Reciprocal-rank fusion: merge several rankings of the same items into one.

Cormack, Clarke and Büttcher (SIGIR 2009): an item's score is the sum over
rankings of ``weight / (k + rank)``; it needs no score calibration between a
BM25 ranking and a cosine one. Plain Python.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

RRF_K = 10
"""Chosen on QMSum train (benchmarks/archive): 10 lets the first few places of each ranking
count more than the usual 60 does (recall@5 0.788 against 0.736, shipped weights)."""
FUSION_WEIGHTS = (2.0, 1.0)
"""Weights of the lexical and semantic rankings, chosen on QMSum train (benchmarks/archive)."""
SPEAKER_WEIGHT = 2.0
"""Weight of the named speaker's ranking (their passages by meaning), chosen on QMSum train."""
EVENT_TOP = 30
EVENT_WEIGHT = 0.75
"""The event prior (`event_prior`): the share of the fused top `EVENT_TOP` each event holds,
times `EVENT_WEIGHT` times the best fused score, is added to its passages. Chosen on QMSum
train (benchmarks/archive) at the middle of the plateau: top 20-40, weight 0.75-1.0."""


def reciprocal_rank_fusion[T: Hashable](
    rankings: Sequence[Sequence[T]],
    *,
    weights: Sequence[float] | None = None,
    k: int = RRF_K,
) -> list[tuple[T, float]]:
    """Items of all `rankings` (best first) with their fused score, best first; ties keep first-seen order."""
    weights = weights or [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    scores: dict[T, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])


def event_prior[T: Hashable](
    fused: Sequence[tuple[T, float]],
    event_of: Callable[[T], Hashable],
    *,
    top: int = EVENT_TOP,
    weight: float = EVENT_WEIGHT,
) -> list[tuple[T, float]]:
    """`fused` (best first) re-scored by how much of its top belongs to each item's event.

    A question is usually about one event (the cluster hypothesis: relevant
    passages come together), so the passages of the events that hold most of
    the fused score of the first `top` items are raised: each gets
    ``weight × best score × its event's share of that score``. Events outside
    the top get nothing. Ties keep their order.
    """
    if not fused or weight <= 0:
        return list(fused)
    head = fused[:top]
    total = sum(score for _, score in head)
    if total <= 0:
        return list(fused)
    share: dict[Hashable, float] = {}
    for item, score in head:
        event = event_of(item)
        share[event] = share.get(event, 0.0) + score / total
    lift = weight * fused[0][1]
    rescored = [(item, score + lift * share.get(event_of(item), 0.0)) for item, score in fused]
    return sorted(rescored, key=lambda pair: -pair[1])
