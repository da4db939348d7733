"""Topic segmentation of a whole transcript into coherent discussions.

`segment_topics(transcript, options)` returns a `Segmentation` whose `topics`
are `TopicSpan`s (first and last segment, start and end time, main speakers);
`metrics` holds Pk / WindowDiff and the QMSum gold segmentation used to
measure it (see benchmarks/brief).
"""

from podium.engine.segment.metrics import pk, qmsum_gold_labels, window_diff
from podium.engine.segment.tiling import (
    Segmentation,
    SegmentOptions,
    TopicSpan,
    segment_topics,
)
from podium.engine.segment.units import Block, Sentence, make_blocks, split_sentences

__all__ = [
    "Block",
    "SegmentOptions",
    "Segmentation",
    "Sentence",
    "TopicSpan",
    "make_blocks",
    "pk",
    "qmsum_gold_labels",
    "segment_topics",
    "split_sentences",
    "window_diff",
]
