"""Features of each hand-over (segment/ranker.py) on the committed committee transcript.

docs/examples/childcare-offer-committee.vtt is a Welsh committee hearing: the
chair, Lynne Neagle, gives the floor to six members in turn. No embedding model:
the sentence vectors are built by hand (one-hot per side of a chosen hand-over),
so every expected value is worked out from the transcript's text and times.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from podium.engine.segment import SegmentOptions, make_blocks, segment_topics, split_sentences
from podium.engine.segment.ranker import (
    FEATURES,
    MODEL_FILE,
    Ranker,
    choose_handovers,
    handover_features,
    load_ranker,
)
from podium.engine.segment.tiling import handover_gaps, speaker_roles
from podium.engine.transcript import read_transcript

VTT = Path(__file__).resolve().parents[3] / "docs" / "examples" / "childcare-offer-committee.vtt"


@pytest.fixture(scope="module")
def hearing():
    transcript = read_transcript(VTT)
    sentences = split_sentences(transcript)
    blocks = make_blocks(sentences, max_words=120)
    return transcript, sentences, blocks


def column(features: np.ndarray, name: str) -> list[float]:
    return features[:, FEATURES.index(name)].round(6).tolist()


def features_of(blocks, sentences, *, vectors=None, depths=None, cuts=()):
    chair, members = speaker_roles(blocks)
    handovers = handover_gaps(blocks)
    if vectors is None:
        vectors = np.zeros((len(sentences), 384), dtype=np.float32)
    if depths is None:
        depths = np.zeros(len(blocks) - 1)
    return handovers, handover_features(
        blocks, vectors, depths, handovers, chair, members, list(cuts)
    )


def opening(blocks, gap: int) -> str:
    return " ".join(b.text for b in blocks if b.turn == blocks[gap + 1].turn)


def test_handovers_are_the_chairs_turns_giving_the_floor(hearing):
    _, sentences, blocks = hearing
    handovers, features = features_of(blocks, sentences)
    assert features.shape == (len(handovers), len(FEATURES))
    texts = [opening(blocks, g) for g in handovers]
    assert texts[0] == "Darren on this."
    assert "The next questions are from Mark." in texts[-1]
    assert {blocks[g + 1].speaker for g in handovers} == {"Lynne Neagle"}


def test_announcement_and_transition_cues_follow_the_chairs_words(hearing):
    _, sentences, blocks = hearing
    handovers, features = features_of(blocks, sentences)
    texts = [opening(blocks, g) for g in handovers]
    # Only "David, you had a question on the pilots." names a subject.
    announced = [t for t, a in zip(texts, column(features, "announce"), strict=True) if a]
    assert announced == ["David, you had a question on the pilots."]
    # Only "I do want to move on now, John, ... Llyr." moves on.
    moved = [t for t, a in zip(texts, column(features, "transition"), strict=True) if a]
    assert len(moved) == 1 and moved[0].startswith("I do want to move on now")


def test_new_member_is_one_only_for_a_members_first_turn(hearing):
    _, sentences, blocks = hearing
    handovers, features = features_of(blocks, sentences)
    texts = [opening(blocks, g) for g in handovers]
    new = dict(zip(texts, column(features, "new_member"), strict=True))
    # Darren, Mark, John and David ask for the first time; Darren and Mark come back later
    # ("Right, I've got John and then David" gives the floor back to John).
    assert new["Mark on this."] == 1.0
    assert new["John on this."] == 1.0
    assert new["David, you had a question on the pilots."] == 1.0
    assert column(features, "new_member")[0] == 1.0  # Darren's first question
    assert column(features, "new_member")[-3:] == [0.0, 0.0, 0.0]


def test_times_position_and_density_come_from_the_block_times(hearing):
    transcript, sentences, blocks = hearing
    handovers, features = features_of(blocks, sentences)
    start, end = blocks[0].start, blocks[-1].end
    times = [blocks[g + 1].start for g in handovers]
    # "Darren on this." at 22:21, 1341 s after the start (00:00:00).
    assert round(times[0]) == 1341
    assert column(features, "log_since_previous")[0] == pytest.approx(math.log1p(1341 / 60), 1e-3)
    assert column(features, "log_until_next")[-1] == pytest.approx(
        math.log1p((end - times[-1]) / 60), 1e-5
    )
    assert column(features, "log_since_previous")[1] == pytest.approx(
        math.log1p((times[1] - times[0]) / 60), 1e-5
    )
    assert column(features, "position") == pytest.approx(
        [(t - start) / (end - start) for t in times], abs=1e-6
    )
    assert column(features, "handovers_per_hour") == pytest.approx(
        [len(handovers) / ((end - start) / 3600)] * len(handovers), abs=1e-5
    )
    words_before_first = sum(b.words for b in blocks[: handovers[0] + 1])
    assert column(features, "log_slot_words")[0] == pytest.approx(math.log1p(words_before_first))


def test_slot_drop_sees_where_the_vectors_of_the_members_slots_change(hearing):
    _, sentences, blocks = hearing
    handovers = handover_gaps(blocks)
    change = handovers[3]  # "David, you had a question on the pilots."
    vectors = np.zeros((len(sentences), 384), dtype=np.float32)
    for block in blocks:
        for sentence in block.sentences:
            vectors[sentence.index, 0 if block.index <= change else 1] = 1.0
    _, features = features_of(blocks, sentences, vectors=vectors)
    # One member's slot against the next: only the slots either side of the change differ.
    assert column(features, "slot_drop") == [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    two = column(features, "slot_drop_2")
    assert two[3] == 1.0 and two[0] == 0.0 and two[-1] == 0.0
    assert 0.0 < two[2] < 1.0 and 0.0 < two[4] < 1.0  # two slots on one side straddle it


def test_depth_is_standardised_and_near_takes_the_deepest_gap_within_two_minutes(hearing):
    _, sentences, blocks = hearing
    handovers = handover_gaps(blocks)
    depths = np.zeros(len(blocks) - 1)
    target = handovers[4]
    depths[target - 1] = 1.0  # the block before the hand-over, seconds away
    _, features = features_of(blocks, sentences, depths=depths, cuts=[target])
    z = (1.0 - depths.mean()) / depths.std()
    assert column(features, "depth")[4] == pytest.approx(-depths.mean() / depths.std(), abs=1e-5)
    assert column(features, "depth_near")[4] == pytest.approx(z, abs=1e-5)
    assert column(features, "default_cut") == [float(g == target) for g in handovers]


def test_choose_handovers_keeps_likely_ones_spaced_apart(hearing):
    _, _, blocks = hearing
    handovers = handover_gaps(blocks)
    probabilities = np.array([0.9, 0.8, 0.1, 0.7, 0.65, 0.2, 0.95, 0.3])
    ranker = Ranker(np.zeros(1), np.ones(1), np.zeros(1), 0.0, 0.6, 0.0, 3)
    assert choose_handovers(blocks, handovers, probabilities, ranker, []) == [
        handovers[k] for k in (0, 1, 3, 4, 6)
    ]
    # 0.07 of the 81-minute hearing is 5.7 minutes: Mark at 26:55 is 4.6 minutes after
    # Darren (22:21) and goes; David (35:51) is kept and Llyr (45:36) is 9.8 min after.
    spaced = replace(ranker, min_share=0.07)
    assert choose_handovers(blocks, handovers, probabilities, spaced, []) == [
        handovers[k] for k in (0, 3, 4, 6)
    ]
    capped = replace(ranker, default_count=True)
    assert choose_handovers(blocks, handovers, probabilities, capped, [1, 2]) == [
        handovers[0],
        handovers[6],
    ]


def test_the_shipped_ranker_loads_and_a_wrong_file_is_named(tmp_path):
    ranker = load_ranker()
    assert len(ranker.coef) == len(FEATURES) and np.isfinite(ranker.coef).all()
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    bad = tmp_path / "ranker.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="ranker.json"):
        load_ranker(bad)


def test_segment_topics_with_the_ranker_cuts_only_at_handovers(hearing):
    transcript, sentences, _ = hearing
    vectors = np.zeros((len(sentences), 384), dtype=np.float32)
    options = replace(SegmentOptions(), handover_ranker=True)
    seg = segment_topics(transcript, options, sentences=sentences, vectors=vectors)
    assert len(seg.topics) >= 2
    assert all(t.first_block - 1 in seg.handovers for t in seg.topics[1:])
