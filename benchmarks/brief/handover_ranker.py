"""Fit (and measure) the hand-over ranker of `podium.engine.segment.ranker` on QMSum train.

``python -m benchmarks.brief.handover_ranker --vectors FILE`` segments every
QMSum **train** meeting with the defaults, describes each hand-over by
`ranker.FEATURES`, labels it 1 when it is the hand-over nearest a gold topic
boundary (within `LABEL_SECONDS`), and chooses the regularisation C of a
logistic regression (scikit-learn, standardised features, balanced classes)
and the decision rule (probability threshold, spacing between cuts) by
leave-one-meeting-out cross-validation on train: each meeting is cut by a
model fitted on the other 23, and the setting with the lowest mean Pk wins.
It prints that cross-validated Pk next to the default segmenter's, per
meeting, then fits on all train meetings. ``--write`` stores the fitted
coefficients in ``src/podium/engine/segment/handover_ranker.json``;
``--val`` applies the fitted model once to the val meetings (held out: never
used for any choice). Val is not read unless asked.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass

import numpy as np

from podium.engine.segment import pk, qmsum_gold_labels, segment_topics, window_diff
from podium.engine.segment.metrics import labels_at_times
from podium.engine.segment.ranker import (
    FEATURES,
    MODEL_FILE,
    Ranker,
    choose_handovers,
    handover_features,
)
from podium.engine.segment.tiling import speaker_roles

LABEL_SECONDS = 180.0
"""A gold boundary labels its nearest hand-over only when it is this close."""

C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
SHARES = (0.03, 0.06, 0.09, 0.12)
MIN_HANDOVERS = (3, 6)


@dataclass
class Case:
    name: str
    blocks: list
    handovers: list[int]
    features: np.ndarray
    labels: np.ndarray
    gold: list[int]
    turn_starts: list[float]
    default_cuts: list[int]


def prepare(meeting) -> Case:
    seg = segment_topics(meeting.transcript)
    blocks = seg.blocks
    chair, members = speaker_roles(blocks)
    default_cuts = [t.first_block - 1 for t in seg.topics[1:]]
    features = handover_features(
        blocks, seg.sentence_vectors, seg.gap_scores, seg.handovers, chair, members, default_cuts
    )
    gold = qmsum_gold_labels(meeting)
    turn_starts = [a for a, _ in meeting.turn_times]
    labels = np.zeros(len(seg.handovers))
    times = np.array([blocks[g + 1].start for g in seg.handovers])
    for i in range(len(gold) - 1):
        if gold[i] != gold[i + 1] and len(times):
            at = turn_starts[i + 1]
            k = int(np.argmin(np.abs(times - at)))
            if abs(times[k] - at) <= LABEL_SECONDS:
                labels[k] = 1.0
    name = os.path.basename(meeting.transcript.source or "").removesuffix(".json")
    return Case(name, blocks, seg.handovers, features, labels, gold, turn_starts, default_cuts)


def score(case: Case, cuts: list[int]) -> tuple[float, float]:
    found = [case.blocks[0].start] + [case.blocks[c + 1].start for c in sorted(cuts)]
    hyp = labels_at_times(case.turn_starts, found)
    return pk(case.gold, hyp), window_diff(case.gold, hyp)


def fit(cases: list[Case], c: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([k.features for k in cases if len(k.handovers)])
    y = np.concatenate([k.labels for k in cases if len(k.handovers)])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=1000)
    model.fit((x - mean) / scale, y)
    return mean, scale, model.coef_[0], float(model.intercept_[0])


def cuts_for(case: Case, ranker: Ranker) -> list[int]:
    if len(case.handovers) < ranker.min_handovers:
        return case.default_cuts
    return choose_handovers(
        case.blocks, case.handovers, ranker.probabilities(case.features), ranker, case.default_cuts
    )


def main(argv: list[str] | None = None) -> int:
    from benchmarks.brief.__main__ import _load_vectors, _save_vectors, choose_meetings

    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.brief.handover_ranker", description=__doc__
    )
    parser.add_argument("--vectors", help="pickle file keeping sentence vectors between runs")
    parser.add_argument("--write", action="store_true", help=f"store the fit in {MODEL_FILE.name}")
    parser.add_argument("--val", action="store_true", help="apply the fit once to QMSum val")
    args = parser.parse_args(argv)
    _load_vectors(args.vectors)
    started = time.process_time()
    train = [prepare(m) for m in choose_meetings("train", False, None)]
    prepared = time.process_time() - started
    defaults = [score(c, c.default_cuts)[0] for c in train]
    print(
        f"train: {len(train)} meetings, {sum(len(c.handovers) for c in train)} hand-overs, "
        f"{int(sum(c.labels.sum() for c in train))} labelled as topic starts "
        f"({prepared:.1f} CPU s to segment and describe them)"
    )
    # leave one meeting out: probabilities of each meeting from a model fitted on the others
    results = {}
    for c in C_GRID:
        held = []
        for i in range(len(train)):
            mean, scale, coef, intercept = fit(train[:i] + train[i + 1 :], c)
            held.append((mean, scale, coef, intercept))
        for threshold, share, least, same in itertools.product(
            THRESHOLDS, SHARES, MIN_HANDOVERS, (False, True)
        ):
            pks = [
                score(case, cuts_for(case, Ranker(*held[i], threshold, share, least, same)))[0]
                for i, case in enumerate(train)
            ]
            results[(c, threshold, share, least, same)] = pks
    best = min(results, key=lambda k: (statistics.mean(results[k]), k))
    print(
        "\nleave-one-meeting-out on train, best five settings (C, threshold, spacing, least, default count):"
    )
    for key in sorted(results, key=lambda k: statistics.mean(results[k]))[:5]:
        print(f"  {key}: Pk {statistics.mean(results[key]):.3f}")
    print("\n| train meeting | default Pk | ranker Pk (left out) | hand-overs | gold topics |")
    print("| --- | --- | --- | --- | --- |")
    for case, before, after in zip(train, defaults, results[best], strict=True):
        topics = 1 + sum(case.gold[i] != case.gold[i + 1] for i in range(len(case.gold) - 1))
        print(f"| {case.name} | {before:.3f} | {after:.3f} | {len(case.handovers)} | {topics} |")
    better = sum(a < b for a, b in zip(results[best], defaults, strict=True))
    worse = sum(a > b for a, b in zip(results[best], defaults, strict=True))
    print(
        f"\ntrain, mean Pk: default {statistics.mean(defaults):.3f}, ranker cross-validated "
        f"{statistics.mean(results[best]):.3f} (better on {better}, worse on {worse} meetings)"
    )
    c, threshold, share, least, same = best
    ranker = Ranker(*fit(train, c), threshold, share, least, same)
    print("coefficients (standardised features):")
    for name, value in zip(FEATURES, ranker.coef, strict=True):
        print(f"  {name:<20} {value:+.3f}")
    if args.write:
        data = {"fitted_on": "QMSum train, 24 meetings", "C": c, **ranker.to_json()}
        MODEL_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"written {MODEL_FILE}")
    if args.val:
        val = [prepare(m) for m in choose_meetings("val", False, None)]
        print("\n| val meeting | default Pk | ranker Pk | default WD | ranker WD |")
        print("| --- | --- | --- | --- | --- |")
        rows = []
        for case in val:
            before = score(case, case.default_cuts)
            after = score(case, cuts_for(case, ranker))
            rows.append((*before, *after))
            print(
                f"| {case.name} | {before[0]:.3f} | {after[0]:.3f} | {before[1]:.3f} | "
                f"{after[1]:.3f} |"
            )
        means = [statistics.mean(r[i] for r in rows) for i in range(4)]
        print(
            f"\nval, mean Pk: default {means[0]:.3f}, ranker {means[2]:.3f}; "
            f"WD {means[1]:.3f} → {means[3]:.3f}"
        )
    _save_vectors(args.vectors)
    print(f"({time.process_time() - started:.1f} CPU s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
