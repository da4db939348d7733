"""Topic segmentation on real meetings, and the metrics that measure it."""

from __future__ import annotations

import statistics

import numpy as np
import pytest

from podium.engine.segment import (
    SegmentOptions,
    pk,
    qmsum_gold_labels,
    segment_topics,
    split_sentences,
    window_diff,
)
from podium.engine.segment.metrics import boundaries, labels_at_times, random_labels
from podium.engine.segment.tiling import MIN_EMBED_WORDS, finer
from podium.engine.transcript import read_transcript
from podium.engine.transcript.qmsum import load_meeting


def test_pk_and_window_diff_on_hand_counted_cases():
    reference = [0, 0, 0, 0, 1, 1, 1, 1]
    assert pk(reference, reference) == 0.0
    assert window_diff(reference, reference) == 0.0
    # No boundary at all: with k = 2 the windows starting at 3 and 2 straddle the true cut.
    none = [0] * 8
    assert pk(reference, none, k=2) == pytest.approx(2 / 6)
    assert window_diff(reference, none, k=2) == pytest.approx(2 / 6)
    # A boundary one unit late: windows (2, 4) and (4, 6) are judged wrongly.
    late = [0, 0, 0, 0, 0, 1, 1, 1]
    assert pk(reference, late, k=2) == pytest.approx(2 / 6)
    assert window_diff(reference, late, k=2) == pytest.approx(2 / 6)
    # An extra boundary right after the start: only window (0, 2) is wrong, for both.
    extra = [0, 9, 9, 9, 1, 1, 1, 1]
    assert pk(reference, extra, k=2) == pytest.approx(1 / 6)
    assert window_diff(reference, extra, k=2) == pytest.approx(1 / 6)
    # Labels, not values, make segments: a topic that comes back is a new segment.
    assert boundaries([3, 3, 5, 5, 3]) == [0, 1, 0, 1]
    with pytest.raises(ValueError):
        pk([0, 1], [0])


def test_gold_labels_follow_the_documented_rule(qmsum_dir):
    meeting = load_meeting(qmsum_dir / "val" / "education_22.json")
    gold = qmsum_gold_labels(meeting)
    assert len(gold) == len(meeting.turn_times)
    # Turns 99-105 are in two topics (87-105 and 99-133): the shorter span wins there.
    public_report, impact = 4, 5
    assert meeting.topics[public_report].spans == [(87, 105)]
    assert meeting.topics[impact].spans == [(99, 133)]
    assert gold[98] == public_report and gold[99] == public_report and gold[106] == impact
    # Turn 0 is in no span: it takes the first covered turn's topic.
    assert gold[0] == gold[1] == 0
    assert gold == sorted(gold)  # this meeting's topics come in order


@pytest.fixture(scope="module")
def val_meeting():
    from tests.conftest import QMSUM

    meeting = load_meeting(QMSUM / "val" / "education_18.json")
    return meeting, segment_topics(meeting.transcript)


def test_topics_tile_the_transcript(val_meeting):
    meeting, seg = val_meeting
    topics = seg.topics
    assert 3 <= len(topics) <= 15
    assert topics[0].start_segment == 0
    assert topics[-1].end_segment == len(meeting.transcript.segments) - 1
    for before, after in zip(topics, topics[1:], strict=False):
        assert after.start_segment in (before.end_segment, before.end_segment + 1)
        assert after.start_time >= before.start_time
    for topic in topics:
        assert topic.main_speakers
        assert set(topic.main_speakers) <= set(meeting.transcript.speakers)
        segment = meeting.transcript.segments[topic.start_segment]
        assert topic.start_time == segment.start


def test_segmentation_beats_no_boundary_and_random_on_a_real_meeting(val_meeting):
    meeting, seg = val_meeting
    gold = qmsum_gold_labels(meeting)
    hypothesis = labels_at_times(
        [start for start, _ in meeting.turn_times], [t.start_time for t in seg.topics]
    )
    ours = pk(gold, hypothesis)
    no_boundary = pk(gold, [0] * len(gold))
    random = statistics.mean(
        pk(gold, random_labels(len(gold), len(set(gold)), seed=s)) for s in range(20)
    )
    assert ours < no_boundary - 0.05, (ours, no_boundary)
    assert ours < random, (ours, random)
    assert window_diff(gold, hypothesis) < window_diff(gold, [0] * len(gold))


def test_finer_gives_more_topics_from_the_same_scores(val_meeting):
    meeting, seg = val_meeting
    fine = finer(meeting.transcript, seg, min_topics=len(seg.topics) + 4)
    assert len(fine.topics) >= len(seg.topics) + 4
    coarse_starts = {t.start_segment for t in seg.topics}
    assert coarse_starts <= {t.start_segment for t in fine.topics} | coarse_starts
    assert fine.sentence_vectors is seg.sentence_vectors


def test_sentences_span_caption_cues(data_dir):
    """YouTube-style cues cut sentences; sentences are found across them, per turn."""
    transcript = read_transcript(data_dir / "verify" / "seed_000_transcript.vtt")
    sentences = split_sentences(transcript)
    crossing = [s for s in sentences if s.end_segment > s.segment]
    assert crossing, "some sentences run over two cues"
    for sentence in sentences:
        first = transcript.segments[sentence.segment]
        last = transcript.segments[sentence.end_segment]
        assert first.speaker == last.speaker == sentence.speaker
        assert sentence.text.split()[0].strip(",.") in first.text
        assert sentence.start == first.start


def test_boundaries_sit_on_handovers_when_one_is_near(val_meeting):
    meeting, seg = val_meeting
    options = SegmentOptions()
    # education_18: the chair hands the floor to a new member again and again.
    assert len(seg.handovers) >= 5
    opening = [seg.blocks[g + 1].text.lower() for g in seg.handovers]
    assert any("next questions are from" in text for text in opening), opening
    for topic in seg.topics[1:]:
        gap = topic.first_block - 1
        at = seg.blocks[topic.first_block].start
        near = [
            g
            for g in seg.handovers
            if abs(seg.blocks[g + 1].start - at) <= options.handover_snap_seconds
        ]
        assert gap in seg.handovers or not near, (gap, near)


def test_short_sentences_are_not_embedded(val_meeting):
    _, seg = val_meeting
    norms = np.linalg.norm(seg.sentence_vectors, axis=1)
    short = [s.index for s in seg.sentences if s.words < MIN_EMBED_WORDS]
    long = [s.index for s in seg.sentences if s.words >= MIN_EMBED_WORDS]
    assert short and long
    assert np.all(norms[short] == 0.0)
    assert np.allclose(norms[long], 1.0, atol=1e-4)


def test_small_batches_give_the_vectors_of_the_default_batch(val_meeting):
    # Segmentation encodes in batches of EMBED_BATCH (8) for speed; the vectors
    # must be the ones the model gives in its default batches of 64, row by row.
    from podium.engine.embed import get_embedder
    from podium.engine.segment.tiling import EMBED_BATCH

    _, seg = val_meeting
    long = [s.index for s in seg.sentences if s.words >= MIN_EMBED_WORDS][:150]
    assert EMBED_BATCH < 64 and len(long) > 2 * EMBED_BATCH
    default = get_embedder().encode([seg.sentences[i].text for i in long], batch_size=64)
    assert np.allclose(seg.sentence_vectors[long], default, atol=1e-4)


def test_segmentation_benchmark_options_and_exact_count(val_meeting):
    # benchmarks/brief/segmentation.py: --set parses into SegmentOptions, a wrong
    # field is named, and --count keeps exactly the topics asked (spacing allowing).
    from benchmarks.brief.segmentation import exactly, options_from

    options = options_from(["depth_threshold=0.5", "block_words=90"])
    assert options.depth_threshold == 0.5 and options.block_words == 90
    assert options.window_words == SegmentOptions().window_words
    with pytest.raises(SystemExit, match="no SegmentOptions field 'depth'"):
        options_from(["depth=1"])
    assert options_from(["handover_ranker=true"]).handover_ranker is True
    assert options_from(["handover_ranker=False"]).handover_ranker is False
    with pytest.raises(SystemExit, match="give true or false"):
        options_from(["handover_ranker=yes please"])
    _, seg = val_meeting
    for topics in (1, 3, 5):
        starts = exactly(seg, SegmentOptions(), topics)
        assert len(starts) == topics
        assert starts == sorted(starts) and starts[0] == seg.blocks[0].start
