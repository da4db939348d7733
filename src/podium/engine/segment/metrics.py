"""Segmentation metrics (Pk, WindowDiff) and the QMSum gold segmentation.

Pk (Beeferman et al. 1999) and WindowDiff (Pevzner & Hearst 2002) compare two
linear segmentations of the same units, given as one label per unit (a new
segment starts wherever the label changes). Both slide a window of `k` units
(by default half the mean gold segment length) and count disagreements:
lower is better, 0 is perfect. Written out here because they are a dozen
lines each and the usual library (`segeval`) is unmaintained.

QMSum topics are lists of turn spans that may be discontinuous and may
overlap. `qmsum_gold_labels` turns them into one linear segmentation over the
meeting's turns with this rule: each turn gets the topic whose span covers it
(the shortest covering span when several do, then the topic listed first);
turns no span covers get the label of the turn before them (or, at the very
start, of the first covered turn). A topic that returns later therefore forms
two segments, as a reader of the transcript would see it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from podium.engine.transcript.qmsum import Meeting


def boundaries(labels: Sequence[object]) -> list[int]:
    """1 at unit i when a new segment starts at unit i + 1, else 0 (length n - 1)."""
    return [int(labels[i] != labels[i + 1]) for i in range(len(labels) - 1)]


def default_k(reference: Sequence[object]) -> int:
    """Half the mean segment length of the reference, at least 2 (the usual choice)."""
    segments = 1 + sum(boundaries(reference))
    return max(2, round(len(reference) / segments / 2))


def pk(reference: Sequence[object], hypothesis: Sequence[object], k: int | None = None) -> float:
    """Probability that a window of k units is judged wrongly as same/different segment."""
    if len(reference) != len(hypothesis):
        raise ValueError("reference and hypothesis must label the same units")
    k = k or default_k(reference)
    n = len(reference)
    if n <= k:
        return 0.0
    ref = _segment_ids(reference)
    hyp = _segment_ids(hypothesis)
    errors = sum((ref[i] == ref[i + k]) != (hyp[i] == hyp[i + k]) for i in range(n - k))
    return errors / (n - k)


def window_diff(
    reference: Sequence[object], hypothesis: Sequence[object], k: int | None = None
) -> float:
    """Share of windows of k units in which the number of boundaries differs."""
    if len(reference) != len(hypothesis):
        raise ValueError("reference and hypothesis must label the same units")
    k = k or default_k(reference)
    ref = boundaries(reference)
    hyp = boundaries(hypothesis)
    n = len(reference)
    if n <= k:
        return 0.0
    errors = sum(sum(ref[i : i + k]) != sum(hyp[i : i + k]) for i in range(n - k))
    return errors / (n - k)


def _segment_ids(labels: Sequence[object]) -> list[int]:
    ids, current = [], 0
    for i, label in enumerate(labels):
        if i and label != labels[i - 1]:
            current += 1
        ids.append(current)
    return ids


def qmsum_gold_labels(meeting: Meeting) -> list[int]:
    """One topic index per QMSum turn, by the rule in the module docstring."""
    n = len(meeting.turn_times)
    labels: list[int | None] = [None] * n
    best: list[float] = [float("inf")] * n
    for topic_index, topic in enumerate(meeting.topics):
        for a, b in topic.spans:
            length = b - a + 1
            for turn in range(max(0, a), min(n - 1, b) + 1):
                if length < best[turn]:
                    best[turn] = length
                    labels[turn] = topic_index
    first = next((label for label in labels if label is not None), 0)
    out: list[int] = []
    for label in labels:
        out.append(label if label is not None else (out[-1] if out else first))
    return out


def labels_at_times(times: Sequence[float], starts: Sequence[float]) -> list[int]:
    """For each time, the index of the last segment start at or before it (0 before the first)."""
    from bisect import bisect_right

    return [max(0, bisect_right(starts, t) - 1) for t in times]


def random_labels(n: int, segments: int, *, seed: int = 0) -> list[int]:
    """A random segmentation of n units into `segments` pieces (a baseline)."""
    rng = random.Random(seed)
    cuts = set(rng.sample(range(1, n), min(max(segments - 1, 0), n - 1))) if n > 1 else set()
    labels, current = [], 0
    for i in range(n):
        if i in cuts:
            current += 1
        labels.append(current)
    return labels
