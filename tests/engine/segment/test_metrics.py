"""Segmentation metrics helpers and the QMSum gold rule on hand-built meetings."""

from __future__ import annotations

import pytest

from podium.engine.segment.metrics import (
    boundaries,
    default_k,
    labels_at_times,
    pk,
    qmsum_gold_labels,
    random_labels,
    window_diff,
)
from podium.engine.transcript.model import Transcript
from podium.engine.transcript.qmsum import Meeting, Topic


def meeting(turns: int, topics: list[list[tuple[int, int]]]) -> Meeting:
    return Meeting(
        transcript=Transcript([]),
        topics=[Topic(f"topic {i}", spans) for i, spans in enumerate(topics)],
        turn_times=[(10.0 * i, 10.0 * i + 9) for i in range(turns)],
    )


def test_default_k_is_half_the_mean_segment_length_but_at_least_two():
    assert default_k([0] * 4 + [1] * 4) == 2  # 8 units / 2 segments / 2
    assert default_k([0] * 20) == 10  # one segment of 20
    assert default_k([0, 1, 2, 3]) == 2  # 4 / 4 / 2 = 0.5, raised to 2
    assert default_k([0] * 9 + [1] * 9 + [2] * 12) == 5  # 30 / 3 / 2


def test_windows_longer_than_the_text_score_zero():
    assert pk([0, 1], [0, 0], k=2) == 0.0
    assert window_diff([0, 1, 1], [0, 0, 0], k=3) == 0.0


def test_window_diff_counts_boundaries_where_pk_only_sees_same_or_different():
    # Two hypothesis boundaries inside one k=4 window where the reference has one:
    # Pk judges (0, 4) "different" in both; WindowDiff sees 2 boundaries against 1.
    reference = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    hypothesis = [0, 0, 0, 7, 1, 1, 1, 1, 1, 1]
    assert boundaries(hypothesis) == [0, 0, 1, 1, 0, 0, 0, 0, 0]
    # Windows i = 0..5 over k = 4: boundary counts ref [1,1,1,1,0,0], hyp [2,2,2,1,0,0].
    assert window_diff(reference, hypothesis, k=4) == pytest.approx(3 / 6)
    # Pk: same/different at (i, i+4): ref [d,d,d,d,s,s]; hyp [d,d,d,d,s,s] -> no error.
    assert pk(reference, hypothesis, k=4) == 0.0


def test_labels_at_times_take_the_last_start_at_or_before_each_time():
    assert labels_at_times([0.0, 5.0, 10.0, 15.0, 99.0], [2.0, 10.0]) == [0, 0, 1, 1, 1]
    assert labels_at_times([], [0.0]) == []


@pytest.mark.parametrize(("n", "segments"), [(10, 3), (50, 7), (5, 5), (4, 9), (1, 3), (6, 1)])
def test_random_labels_make_the_asked_number_of_segments_in_order(n, segments):
    labels = random_labels(n, segments, seed=3)
    assert len(labels) == n
    assert labels[0] == 0
    assert all(b - a in (0, 1) for a, b in zip(labels, labels[1:], strict=False))
    assert len(set(labels)) == min(segments, n)
    assert random_labels(n, segments, seed=3) == labels  # seeded: the same every run


def test_random_labels_differ_between_seeds():
    assert len({tuple(random_labels(40, 5, seed=s)) for s in range(10)}) > 1


def test_gold_labels_shortest_covering_span_wins_and_gaps_take_the_turn_before():
    # Turns 0..8. Topic 0 covers 1-3, topic 1 covers 2-5, topic 2 covers 7-8.
    # Turn 0: uncovered at the start -> first covered turn's topic (0).
    # Turns 2-3: in topics 0 (3 turns) and 1 (4 turns) -> the shorter, 0.
    # Turn 6: uncovered -> the turn before (1).
    gold = qmsum_gold_labels(meeting(9, [[(1, 3)], [(2, 5)], [(7, 8)]]))
    assert gold == [0, 0, 0, 0, 1, 1, 1, 2, 2]


def test_gold_labels_tie_goes_to_the_topic_listed_first_and_returns_are_new_segments():
    # Topics 0 and 1 both cover 2-3 with spans of equal length: topic 0 (listed first).
    assert qmsum_gold_labels(meeting(4, [[(0, 3)], [(0, 3)]])) == [0, 0, 0, 0]
    # A discontinuous topic that comes back makes two segments.
    gold = qmsum_gold_labels(meeting(6, [[(0, 1), (4, 5)], [(2, 3)]]))
    assert gold == [0, 0, 1, 1, 0, 0]
    assert sum(boundaries(gold)) == 2


def test_gold_labels_clip_spans_outside_the_meeting():
    assert qmsum_gold_labels(meeting(3, [[(-5, 0)], [(1, 99)]])) == [0, 1, 1]
    assert qmsum_gold_labels(meeting(3, [])) == [0, 0, 0]
