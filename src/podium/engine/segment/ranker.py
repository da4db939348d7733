"""Which hand-overs start a topic: features of each hand-over and a logistic ranker.

In a hearing a QMSum topic almost always starts at a hand-over (a new member
taking the questions, `tiling.handover_gaps`): cutting at the hand-over nearest
each gold boundary would give Pk 0.17 on train and 0.12 on val. A meeting has
5 to 30 hand-overs and 3 to 9 topics, so the question is *which* hand-overs.
`handover_features` describes each hand-over by the signals the segmenter
already has (one row per hand-over, columns `FEATURES`); `rank_handovers`
scores them with a logistic regression whose coefficients are fitted on the
QMSum train meetings by ``python -m benchmarks.brief.handover_ranker`` and
stored in `handover_ranker.json`, then keeps the likely ones, spaced apart.

numpy does the arithmetic (scikit-learn is used only by the fitting script);
the sentence vectors are the segmenter's (MiniLM through `podium.engine.embed`);
the chair's subject announcement and the transition phrase are regular
expressions over the chair's short turn (a parse would find the object of
"questions on …" more cleanly, but the cue is a handful of fixed phrasings).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from podium.engine.segment.units import Block, block_vectors

FEATURES = (
    "depth",
    "depth_near",
    "default_cut",
    "announce",
    "transition",
    "log_since_previous",
    "log_until_next",
    "new_member",
    "log_slot_words",
    "position",
    "slot_drop",
    "slot_drop_2",
    "handovers_per_hour",
)
"""Columns of `handover_features`, in order:

- ``depth``: the gap's TextTiling depth score, in standard deviations from the
  meeting's mean depth;
- ``depth_near``: the largest such depth within `NEAR_SECONDS` of the hand-over
  (the dip is often a block or two off the hand-over);
- ``default_cut``: 1 when the default segmenter (dips, spacing, snapping) cuts here;
- ``announce``: the chair's turn at the hand-over (at most 80 words) names a
  subject ("some questions now on examinations from Janet");
- ``transition``: a transition phrase opens the hand-over ("moving on to");
- ``log_since_previous`` / ``log_until_next``: log of the minutes since the
  previous hand-over (or the start) and until the next (or the end);
- ``new_member``: the member taking the questions has not asked before;
- ``log_slot_words``: log of the words of the previous member's slot (their
  questions and the answers they got);
- ``position``: start time of the hand-over over the meeting's length;
- ``slot_drop``: 1 − cosine between the mean sentence vectors of the
  previous slot and the next one; ``slot_drop_2`` the same over two slots
  each side;
- ``handovers_per_hour``: how dense the hand-overs of the meeting are (a
  committee giving each member five minutes has far more hand-overs than topics).
"""

NEAR_SECONDS = 120.0

_ANNOUNCE = re.compile(
    r"\bquestions?\b[^.?!]{0,60}?\b(?:on|about|around|regarding|in relation to|relating to|"
    r"to do with|in the area of|looking at|concerning)\b",
    re.IGNORECASE,
)
_TRANSITION = re.compile(
    r"\b(?:mov(?:e|ing) on|turn(?:ing)? (?:now |finally )?to|next (?:area|topic|theme|section)|"
    r"another (?:area|issue|topic)|(?:a|the) (?:new|different|final|last) "
    r"(?:topic|area|issue|subject|theme))\b",
    re.IGNORECASE,
)

MODEL_FILE = Path(__file__).with_name("handover_ranker.json")


@dataclass(frozen=True, slots=True)
class Ranker:
    """A fitted logistic regression over `FEATURES` and its decision rule."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float
    """A hand-over is a cut when its probability is at least this."""
    min_share: float
    """Cuts are kept at least this share of the meeting apart (most likely first)."""
    min_handovers: int
    """Meetings with fewer hand-overs keep the default segmenter."""
    default_count: bool = False
    """Keep as many cuts as the default segmenter made (the likeliest hand-overs,
    spaced, above the threshold) instead of every hand-over above the threshold."""

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0)
        z = (features - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(z @ self.coef + self.intercept)))

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "min_share": self.min_share,
            "min_handovers": self.min_handovers,
            "default_count": self.default_count,
        }

    @classmethod
    def from_json(cls, data: dict, source: str = "handover ranker") -> Ranker:
        if data.get("features") != list(FEATURES):
            raise ValueError(f"{source}: features {data.get('features')} are not {list(FEATURES)}")
        return cls(
            np.asarray(data["mean"], dtype=float),
            np.asarray(data["scale"], dtype=float),
            np.asarray(data["coef"], dtype=float),
            float(data["intercept"]),
            float(data["threshold"]),
            float(data["min_share"]),
            int(data["min_handovers"]),
            bool(data.get("default_count", False)),
        )


def load_ranker(path: Path = MODEL_FILE) -> Ranker:
    """The fitted ranker shipped with the engine (see `MODEL_FILE`)."""
    return Ranker.from_json(json.loads(path.read_text(encoding="utf-8")), str(path))


def _unit_mean(sums: np.ndarray) -> np.ndarray:
    total = sums.sum(axis=0)
    norm = float(np.linalg.norm(total))
    return total / norm if norm > 0 else total


def handover_features(
    blocks: list[Block],
    vectors: np.ndarray,
    depths: np.ndarray,
    handovers: list[int],
    chair: str | None,
    members: set[str],
    default_cuts: list[int],
) -> np.ndarray:
    """One row of `FEATURES` per hand-over gap (in the order of `handovers`)."""
    out = np.zeros((len(handovers), len(FEATURES)))
    if not handovers or not blocks:
        return out
    start, end = blocks[0].start, blocks[-1].end
    length = max(end - start, 1.0)
    spread = float(depths.std()) if len(depths) else 0.0
    z = (depths - depths.mean()) / spread if spread > 0 else np.zeros_like(depths)
    sums, words = block_vectors(blocks, vectors)
    # slot k runs from the block after hand-over k-1 to the block of hand-over k
    edges = [-1, *handovers, len(blocks) - 1]
    slot_sums = [sums[a + 1 : b + 1] for a, b in zip(edges, edges[1:], strict=False)]
    slot_words = [float(words[a + 1 : b + 1].sum()) for a, b in zip(edges, edges[1:], strict=False)]
    slot_means = [_unit_mean(s) if len(s) else np.zeros(sums.shape[1]) for s in slot_sums]
    cuts = set(default_cuts)
    first_seen: dict[str, int] = {}
    for block in blocks:
        first_seen.setdefault(block.speaker, block.index)
    asked_before = []
    for gap in handovers:
        member = next((b.speaker for b in blocks[gap + 1 :] if b.speaker in members), None)
        asked_before.append(member is not None and first_seen[member] <= gap)
    times = [blocks[g + 1].start for g in handovers]
    per_hour = len(handovers) / (length / 3600.0)
    for k, gap in enumerate(handovers):
        at = times[k]
        near = [
            z[g] for g in range(len(depths)) if abs(blocks[g + 1].start - at) <= NEAR_SECONDS
        ] or [z[gap]]
        chair_turn = [b for b in blocks if b.turn == blocks[gap + 1].turn]
        chair_text = " ".join(b.text for b in chair_turn)
        opening = " ".join(s.text for s in blocks[gap + 1].sentences[:2])
        is_chair = blocks[gap + 1].speaker == chair and len(chair_text.split()) <= 80
        before = times[k - 1] if k else start
        after = times[k + 1] if k + 1 < len(times) else end
        prev_mean, next_mean = slot_means[k], slot_means[k + 1]
        prev2 = _unit_mean(np.vstack(slot_sums[max(0, k - 1) : k + 1]))
        next2 = _unit_mean(np.vstack(slot_sums[k + 1 : k + 3]))
        out[k] = (
            z[gap],
            max(near),
            1.0 if gap in cuts else 0.0,
            1.0 if is_chair and _ANNOUNCE.search(chair_text) else 0.0,
            1.0 if _TRANSITION.search(opening) else 0.0,
            math.log1p(max(at - before, 0.0) / 60.0),
            math.log1p(max(after - at, 0.0) / 60.0),
            0.0 if asked_before[k] else 1.0,
            math.log1p(slot_words[k]),
            (at - start) / length,
            1.0 - float(prev_mean @ next_mean),
            1.0 - float(prev2 @ next2),
            per_hour,
        )
    return out


def choose_handovers(
    blocks: list[Block],
    handovers: list[int],
    probabilities: np.ndarray,
    ranker: Ranker,
    default_cuts: list[int],
) -> list[int]:
    """The hand-overs with probability ≥ the threshold, most likely first, kept spaced
    (at most as many as `default_cuts` when `ranker.default_count`)."""
    if not blocks:
        return []
    length = blocks[-1].end - blocks[0].start
    spacing = ranker.min_share * length
    edges = [blocks[0].start, blocks[-1].end]
    cuts: list[int] = []
    for k in sorted(range(len(handovers)), key=lambda k: (-probabilities[k], k)):
        if probabilities[k] < ranker.threshold:
            break
        if ranker.default_count and len(cuts) >= len(default_cuts):
            break
        at = blocks[handovers[k] + 1].start
        if all(abs(at - e) >= spacing for e in edges):
            cuts.append(handovers[k])
            edges.append(at)
    return sorted(cuts)
