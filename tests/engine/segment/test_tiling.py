"""The tiling stage (segment/tiling.py) on hand-built blocks and vectors.

No embedding model: each sentence gets a one-hot vector by construction, so the
cosine between windows is 1 inside a topic and 0 across two, and every cue
(speaker change, pause, transition phrase) can be switched on alone. Expected
gaps and cuts are worked out by hand in the comments.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from podium.engine.segment import SegmentOptions, Sentence, make_blocks, segment_topics
from podium.engine.segment.tiling import (
    _depths,
    choose_boundaries,
    count_prior,
    finer,
    gap_scores,
    handover_gaps,
    snap_to_handovers,
    speaker_roles,
)
from podium.engine.transcript.model import Segment, Transcript

WORDS = 60
"""Words per sentence; with block_words=60 every sentence is a block of its own."""
PLAIN = dict(block_words=WORDS, window_words=120, smoothing=0)
"""Two blocks (120 words) on each side of a gap, no smoothing."""


def build(
    n: int = 12,
    *,
    speakers: list[str] | None = None,
    starts: list[float] | None = None,
    openings: dict[int, str] | None = None,
) -> tuple[Transcript, list[Sentence]]:
    """`n` one-sentence segments of 60 words and 60 s each, back to back unless `starts` says."""
    speakers = speakers or ["A"] * n
    starts = starts or [60.0 * i for i in range(n)]
    openings = openings or {}
    segments, sentences, turn = [], [], 0
    for i in range(n):
        if i and speakers[i] != speakers[i - 1]:
            turn += 1
        opening = openings.get(i, "")
        filler = ["talk"] * (WORDS - 1 - len(opening.split()))
        text = " ".join([*opening.split(), *filler, "end."])
        segments.append(Segment(starts[i], starts[i] + 60.0, speakers[i], text))
        sentences.append(Sentence(i, text, speakers[i], turn, i, i, starts[i], starts[i] + 60.0))
    return Transcript(segments), sentences


def one_hot(topic_of: list[int]) -> np.ndarray:
    vectors = np.zeros((len(topic_of), 384), dtype=np.float32)
    for i, topic in enumerate(topic_of):
        vectors[i, topic] = 1.0
    return vectors


SAME = one_hot([0] * 12)
TWO_TOPICS = one_hot([0] * 6 + [1] * 6)


def test_depth_climbs_to_the_highest_point_on_each_side():
    assert _depths(np.array([1.0, 0.5, 1.0])).tolist() == pytest.approx([0.0, 1.0, 0.0])
    # Gap 2: left climbs 0.8 -> 1.0, right climbs 0.6 -> 0.9: (1.0 - 0.2) + (0.9 - 0.2).
    depths = _depths(np.array([1.0, 0.8, 0.2, 0.6, 0.9]))
    assert depths[2] == pytest.approx(1.5)
    # Gap 1: left 1.0, right stops at once (0.2 < 0.8): 0.2 + 0.
    assert depths[1] == pytest.approx(0.2)
    assert _depths(np.array([0.5, 0.5, 0.5])).tolist() == [0.0, 0.0, 0.0]


def test_the_deepest_gap_is_where_the_vectors_change():
    _, sentences = build()
    blocks = make_blocks(sentences, max_words=WORDS)
    assert len(blocks) == 12
    scores = gap_scores(blocks, TWO_TOPICS, SegmentOptions(**PLAIN))
    # Similarities: 1 everywhere, 1/sqrt(2) at gaps 4 and 6 (one block of each topic on
    # one side), 0 at gap 5; the depth there is (1 - 0) + (1 - 0).
    assert len(scores) == 11
    assert int(np.argmax(scores)) == 5
    assert scores[5] == pytest.approx(2.0)
    assert scores[4] == pytest.approx(1 - 2**-0.5, abs=1e-6)
    assert scores[0] == scores[10] == 0.0


def test_no_cue_no_depth():
    _, sentences = build()
    scores = gap_scores(make_blocks(sentences, max_words=WORDS), SAME, SegmentOptions(**PLAIN))
    assert scores.tolist() == [0.0] * 11


def test_a_change_of_speaker_alone_makes_the_dip():
    _, sentences = build(speakers=["A"] * 6 + ["B"] * 6)
    blocks = make_blocks(sentences, max_words=WORDS)
    scores = gap_scores(blocks, SAME, SegmentOptions(**PLAIN, speaker_weight=0.5))
    # Speaker shares: gap 5 all A | all B (change 1 -> 1 - 0.5); gaps 4 and 6 half (0.75).
    assert int(np.argmax(scores)) == 5
    assert scores[5] == pytest.approx(2 * 0.5)
    without = gap_scores(blocks, SAME, SegmentOptions(**PLAIN, speaker_weight=0.0))
    assert without.tolist() == [0.0] * 11


def test_a_long_pause_alone_makes_the_dip():
    starts = [60.0 * i + (30.0 if i >= 6 else 0.0) for i in range(12)]
    _, sentences = build(starts=starts)
    blocks = make_blocks(sentences, max_words=WORDS)
    scores = gap_scores(blocks, SAME, SegmentOptions(**PLAIN, pause_weight=0.05))
    # A 30 s silence before block 6, none elsewhere: capped at 10 s -> 0.05 lower, depth 0.1.
    assert int(np.argmax(scores)) == 5
    assert scores[5] == pytest.approx(0.1)
    assert np.count_nonzero(scores) == 1


def test_a_transition_phrase_alone_makes_the_dip():
    _, sentences = build(openings={6: "Moving on to the budget now,"})
    blocks = make_blocks(sentences, max_words=WORDS)
    scores = gap_scores(blocks, SAME, SegmentOptions(**PLAIN, cue_weight=0.1))
    assert int(np.argmax(scores)) == 5
    assert scores[5] == pytest.approx(0.2)
    _, plain = build(openings={6: "Moving the budget on to paper,"})
    assert gap_scores(make_blocks(plain, max_words=WORDS), SAME, SegmentOptions(**PLAIN)).max() == 0


def test_segment_topics_cuts_at_the_change_and_tiles_the_transcript():
    transcript, sentences = build(speakers=["A"] * 5 + ["B"] * 7)
    options = SegmentOptions(**PLAIN, min_topic_seconds=120)
    result = segment_topics(transcript, options, sentences=sentences, vectors=TWO_TOPICS)
    assert [(t.start_segment, t.end_segment) for t in result.topics] == [(0, 5), (6, 11)]
    assert [(t.start_time, t.end_time) for t in result.topics] == [(0.0, 360.0), (360.0, 720.0)]
    # Topic 0: A 300 words, B 60 (17 %); topic 1: B only.
    assert [t.main_speakers for t in result.topics] == [("A", "B"), ("B",)]
    assert [(t.first_block, t.last_block) for t in result.topics] == [(0, 5), (6, 11)]
    assert [s.index for s in result.topic_sentences(result.topics[1])] == list(range(6, 12))


def test_min_topic_length_keeps_the_deeper_of_two_close_dips():
    # 10 blocks of 60 s. Dips at gap 2 (cut at 180 s) and gap 4 (cut at 300 s).
    _, sentences = build(10)
    blocks = make_blocks(sentences, max_words=WORDS)
    depths = np.array([0, 0, 3.0, 0, 2.9, 0, 0, 0, 0])
    options = SegmentOptions(depth_threshold=1.0, min_topic_share=1.0, max_topic_seconds=1e9)
    # 300 - 180 = 120 s is under 150 s: only the deeper dip stays.
    assert choose_boundaries(blocks, depths, replace(options, min_topic_seconds=150)) == [2]
    assert choose_boundaries(blocks, depths, replace(options, min_topic_seconds=100)) == [2, 4]


def test_too_long_topics_are_split_at_the_first_gap_that_fits():
    # Flat depths (no candidate); 600 s in 10 blocks, at most 250 s a topic, at least 120 s:
    # cut at 120 s (gap 1), then 240 s (gap 3), then 360 s (gap 5); 360-600 s is 240 s.
    _, sentences = build(10)
    blocks = make_blocks(sentences, max_words=WORDS)
    options = SegmentOptions(min_topic_seconds=120, min_topic_share=1.0, max_topic_seconds=250)
    assert choose_boundaries(blocks, np.zeros(9), options) == [1, 3, 5]
    assert choose_boundaries(blocks[:1], np.zeros(0), options) == []


def test_finer_adds_topics_from_the_same_scores():
    transcript, sentences = build()
    options = SegmentOptions(**PLAIN, min_topic_seconds=120)
    coarse = segment_topics(transcript, options, sentences=sentences, vectors=TWO_TOPICS)
    assert len(coarse.topics) == 2
    assert finer(transcript, coarse, options, min_topics=2) is coarse
    fine = finer(transcript, coarse, options, min_topics=4)
    assert len(fine.topics) >= 4
    assert fine.gap_scores is coarse.gap_scores and fine.sentence_vectors is coarse.sentence_vectors
    assert fine.topics[0].start_segment == 0 and fine.topics[-1].end_segment == 11
    for before, after in zip(fine.topics, fine.topics[1:], strict=False):
        assert after.start_segment == before.end_segment + 1


def hearing(turns: list[tuple[str, str]]) -> list[Sentence]:
    """One sentence per turn, 60 s each: (speaker, text)."""
    return [
        Sentence(i, text, speaker, i, i, i, 60.0 * i, 60.0 * (i + 1))
        for i, (speaker, text) in enumerate(turns)
    ]


HEARING = hearing(
    [
        ("Chair", "Welcome. The first questions are from Ann."),  # 0
        ("Ann", "Minister, how many places are funded this year?"),  # 1
        ("Minister", "About four thousand places are funded, across every county. " * 3),  # 2
        ("Ann", "And will that rise next year?"),  # 3
        ("Minister", "It will rise, as the budget allows, by a tenth or so. " * 3),  # 4
        ("Chair", "Thank you. The next questions are from Bob."),  # 5
        ("Bob", "What about the workforce, do you have enough staff?"),  # 6
        ("Minister", "We are training more staff in the colleges this year. " * 3),  # 7
        ("Chair", "Thank you, Minister. Bob?"),  # 8
        ("Bob", "And the pay of that staff, is it rising?"),  # 9
        ("Minister", "Pay is agreed with the unions for three years now. " * 3),  # 10
        ("Chair", "Ann, briefly."),  # 11
        ("Ann", "Can I come back on funding, briefly?"),  # 12
        ("Minister", "Of course, the funding is set for three years now. " * 3),  # 13
    ]
)


def test_handovers_are_where_a_new_member_takes_the_questions_at_the_chairs_turn():
    blocks = make_blocks(HEARING, max_words=200)
    # The chair has the most turns for its words. Bob after Ann: at the chair's
    # hand-over before him (turn 5, so the gap after block 4); Ann again after
    # Bob: at the chair's turn 11 (gap 10). Ann's first turn is no hand-over
    # (nobody asked before her), nor are Bob's second question and the answers.
    assert handover_gaps(blocks) == [4, 10]


WITNESS_ASKS = hearing(
    [
        ("Chair", "Welcome. The first questions are from Ann."),  # 0
        ("Ann", "How many places are funded?"),  # 1
        (
            "Witness",
            "About four thousand places, across every county. " * 3 + "Shall I go on?",
        ),  # 2
        ("Ann", "Yes. Will that rise?"),  # 3
        ("Witness", "It will rise, as the budget allows, by a tenth or so. " * 3),  # 4
        ("Chair", "Ann, a last one, briefly."),  # 5
        ("Ann", "And rural counties?"),  # 6
        (
            "Witness",
            "Rural counties get the same share per child as towns. " * 3 + "Is that clear?",
        ),  # 7
        ("Chair", "Thank you. The next questions are from Bob, on the workforce."),  # 8
        ("Bob", "Do you have enough staff in the colleges?"),  # 9
        ("Witness", "We are training more staff in the colleges this year. " * 3),  # 10
        ("Bob", "And is their pay rising?"),  # 11
        ("Witness", "Pay is agreed with the unions for three years now. " * 3),  # 12
        ("Chair", "Thank you both. That ends the session."),  # 13
    ]
)


def test_a_witness_who_sometimes_asks_is_no_member_and_the_chair_is_the_switchboard():
    blocks = make_blocks(WITNESS_ASKS, max_words=200)
    # The witness asks in 2 of 5 turns (over the 30 % that made a member before) but
    # answers a question in all 5: an answerer. Ann has the most turns per word
    # (3 turns, 13 words, the old rule's chair) but only the witness speaks after
    # her; the chair's turns are followed by Ann and by Bob: the chair is "Chair".
    assert speaker_roles(blocks) == ("Chair", {"Ann", "Bob"})
    # One hand-over: Bob after Ann, moved back to the chair's turn 8 (gap after block 7);
    # none at the witness's turns.
    assert handover_gaps(blocks) == [7]


def test_roles_on_a_real_hearing_with_a_chair_who_asks_too():
    from podium.engine.segment import split_sentences
    from podium.engine.transcript.qmsum import load_meeting
    from tests.conftest import QMSUM

    # A committee hearing in which the chair asks many questions herself and the
    # witness often closes an answer with one: before, Hefin David (a member with
    # short questions) was taken for the chair and the witness for a member, and
    # nearly every turn was a "hand-over" (70 of 97 turns).
    meeting = load_meeting(QMSUM / "train" / "education_11.json")
    blocks = make_blocks(split_sentences(meeting.transcript))
    chair, members = speaker_roles(blocks)
    assert chair == "Lynne Neagle"
    assert "Carol Shillabeer" not in members
    assert {"Hefin David", "Suzy Davies", "Janet Finch-Saunders"} <= members
    assert 2 <= len(handover_gaps(blocks)) <= 10


def test_no_handovers_with_a_single_questioner():
    one = hearing(
        [(s if s != "Bob" else "Ann", t) for s, t in [(x.speaker, x.text) for x in HEARING]]
    )
    assert handover_gaps(make_blocks(one, max_words=200)) == []


def test_boundaries_snap_to_the_nearest_handover_within_the_window():
    blocks = make_blocks(HEARING, max_words=200)
    # A cut at gap 6 (turn 7 starts at 420 s) is 120 s from the hand-over at gap 4
    # (turn 5 at 300 s): it moves with a 240 s window, not with a 60 s one.
    assert snap_to_handovers(blocks, [6], [4, 10], 240.0) == [4]
    assert snap_to_handovers(blocks, [6], [4, 10], 60.0) == [6]
    # Two cuts never collapse onto one hand-over: the second takes the next nearest
    # (gap 10, block 11 at 660 s, 300 s from the cut at 360 s).
    assert snap_to_handovers(blocks, [3, 5], [4, 10], 400.0) == [4, 10]
    assert snap_to_handovers(blocks, [6], [], 240.0) == [6]


def test_count_prior_drops_the_shallowest_cuts_when_there_are_too_many():
    # 12 blocks of 60 s, cuts at gaps 1, 3, 5, 7, 9 (six topics); at most three
    # topics keeps the two deepest cuts, gaps 3 (depth 4) and 7 (depth 5).
    _, sentences = build(12)
    blocks = make_blocks(sentences, max_words=WORDS)
    depths = np.array([0, 2.0, 0, 4.0, 0, 1.0, 0, 5.0, 0, 3.0, 0])
    options = SegmentOptions(max_topics=3)
    assert count_prior(blocks, depths, [1, 3, 5, 7, 9], [], options) == [3, 7]
    assert count_prior(blocks, depths, [1, 3, 5, 7, 9], [], SegmentOptions()) == [1, 3, 5, 7, 9]


def test_count_prior_splits_the_longest_topic_at_the_handover_nearest_its_middle():
    # 60 blocks of 60 s (one hour). Hand-overs at gaps 10, 28 and 40 (block 11 at
    # 660 s, block 29 at 1740 s, block 41 at 2460 s). At least three topics:
    # the hour splits at 1740 s (nearest its middle, 1800 s), then the longer
    # half (1740-3600 s, middle 2670 s) at 2460 s.
    _, sentences = build(60)
    blocks = make_blocks(sentences, max_words=WORDS)
    depths = np.zeros(59)
    depths[50] = 9.0  # the deepest gap is not used while there are hand-overs
    options = SegmentOptions(min_topics=3)
    assert count_prior(blocks, depths, [], [10, 28, 40], options) == [28, 40]
    # Without hand-overs the deepest gap that leaves half the shortest topic
    # (0.5 x min(600 s, 12 % of 3600 s) = 216 s) on each side splits instead.
    assert count_prior(blocks, depths, [], [], replace(options, min_topics=2)) == [50]
    # An hour holds at most six topics of 600 s: asking for ten gives six.
    assert (
        len(count_prior(blocks, depths, [], list(range(59)), replace(options, min_topics=10))) == 5
    )


def test_count_prior_leaves_a_short_transcript_alone():
    # 12 minutes hold one topic of 600 s: five topics are not forced on it.
    _, sentences = build(12)
    blocks = make_blocks(sentences, max_words=WORDS)
    options = SegmentOptions(min_topics=5)
    assert count_prior(blocks, np.zeros(11), [], [2, 5, 8], options) == []


def test_segment_topics_applies_the_count_prior():
    transcript, sentences = build()
    options = SegmentOptions(**PLAIN, min_topic_seconds=120)
    assert (
        len(segment_topics(transcript, options, sentences=sentences, vectors=TWO_TOPICS).topics)
        == 2
    )
    one = replace(options, max_topics=1)
    assert len(segment_topics(transcript, one, sentences=sentences, vectors=TWO_TOPICS).topics) == 1
