"""Segmentation alone on the QMSum meetings: Pk / WindowDiff per meeting and on average.

``python -m benchmarks.brief.segmentation --split train --vectors FILE`` runs
`segment_topics` (no writing, no verification) on every meeting of the split
and prints, per meeting, the minutes, the gold and found number of topics,
Pk / WindowDiff and the CPU seconds of `segment_topics`, then the mean Pk per committee (the part of the file name
before "_": education, covid) and the means with the CPU seconds of the run
(with cached vectors, everything but MiniLM). With ``--vectors`` the sentence vectors are
kept in a pickle between runs (the same file ``python -m benchmarks.brief
--vectors`` uses), so a variant costs seconds. ``--set field=value`` changes a
`SegmentOptions` field (repeatable), to compare variants on train before
reading val once. ``--count gold`` (or a number) keeps the deepest dips
until the meeting has exactly the gold number of topics (or that number): a
diagnostic of how much of the error is *how many* topics are found and how
much *where* (see docs/writing.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time

from podium.engine.segment import SegmentOptions, pk, qmsum_gold_labels, segment_topics, window_diff
from podium.engine.segment.metrics import labels_at_times
from podium.engine.segment.tiling import Segmentation, choose_boundaries, snap_to_handovers


def _value(field: dataclasses.Field, text: str):
    kind = field.type if isinstance(field.type, type) else eval(field.type)  # noqa: S307
    if kind is bool:
        if text.lower() not in ("true", "false", "1", "0"):
            raise SystemExit(f"--set {field.name}={text}: give true or false")
        return text.lower() in ("true", "1")
    return kind(text)


def options_from(pairs: list[str]) -> SegmentOptions:
    """`SegmentOptions` with the ``field=value`` pairs applied; names a wrong field."""
    fields = {f.name: f for f in dataclasses.fields(SegmentOptions)}
    changes = {}
    for pair in pairs:
        name, _, text = pair.partition("=")
        if name not in fields:
            raise SystemExit(f"--set {pair}: no SegmentOptions field {name!r}")
        changes[name] = _value(fields[name], text)
    return dataclasses.replace(SegmentOptions(), **changes)


def exactly(seg: Segmentation, options: SegmentOptions, topics: int) -> list[float]:
    """Start times of `topics` topics: the deepest dips, spaced and snapped as usual."""
    blocks, depths = seg.blocks, seg.gap_scores
    spaced = choose_boundaries(
        blocks, depths, dataclasses.replace(options, depth_threshold=-1e9, max_topic_seconds=1e9)
    )
    cuts = sorted(sorted(spaced, key=lambda g: (-depths[g], g))[: max(topics - 1, 0)])
    cuts = snap_to_handovers(blocks, cuts, seg.handovers, options.handover_snap_seconds)
    return [blocks[0].start] + [blocks[c + 1].start for c in cuts]


def run(
    chosen, options: SegmentOptions, *, count: str | None = None, verbose: bool = True
) -> tuple[float, float]:
    pks, wds = [], []
    families: dict[str, list[float]] = {}
    for meeting in chosen:
        gold = qmsum_gold_labels(meeting)
        starts = [a for a, _ in meeting.turn_times]
        started = time.process_time()
        seg = segment_topics(meeting.transcript, options)
        cpu = time.process_time() - started
        name = os.path.basename(meeting.transcript.source or "")
        found = [t.start_time for t in seg.topics]
        if count:
            wanted = 1 + sum(gold[i] != gold[i + 1] for i in range(len(gold) - 1))
            found = exactly(seg, options, wanted if count == "gold" else int(count))
        hyp = labels_at_times(starts, found)
        pks.append(pk(gold, hyp))
        wds.append(window_diff(gold, hyp))
        families.setdefault(name.split("_")[0], []).append(pks[-1])
        if verbose:
            segments = 1 + sum(gold[i] != gold[i + 1] for i in range(len(gold) - 1))
            print(
                f"  {name:<18} {meeting.transcript.duration / 60:5.0f} min  gold {segments:2d} "
                f"found {len(found):2d}  hand-overs {len(seg.handovers):3d}  "
                f"Pk {pks[-1]:.3f}  WD {wds[-1]:.3f}  {cpu:4.1f} CPU s",
                flush=True,
            )
    if verbose and len(families) > 1:
        print(
            "  mean Pk by committee: "
            + ", ".join(
                f"{k} {statistics.mean(v):.3f} ({len(v)})" for k, v in sorted(families.items())
            )
        )
    return statistics.mean(pks), statistics.mean(wds)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.brief.__main__ import _load_vectors, _save_vectors, choose_meetings

    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.brief.segmentation", description=__doc__
    )
    parser.add_argument("--split", choices=("train", "val"), default="train")
    parser.add_argument("--meetings", help="comma-separated meeting names")
    parser.add_argument("--vectors", help="pickle file keeping sentence vectors between runs")
    parser.add_argument(
        "--set", action="append", default=[], metavar="FIELD=VALUE", help="a SegmentOptions field"
    )
    parser.add_argument(
        "--count", help="'gold' or a number: exactly that many topics per meeting (diagnostic)"
    )
    args = parser.parse_args(argv)
    if args.count and args.count != "gold" and not args.count.isdigit():
        parser.error(f"--count {args.count}: give 'gold' or a whole number")
    options = options_from(args.set)
    chosen = choose_meetings(args.split, False, args.meetings)
    _load_vectors(args.vectors)
    started = time.process_time()
    mean_pk, mean_wd = run(chosen, options, count=args.count)
    _save_vectors(args.vectors)
    print(
        f"QMSum {args.split}, {len(chosen)} meetings: Pk {mean_pk:.3f}, WindowDiff {mean_wd:.3f} "
        f"({time.process_time() - started:.1f} CPU s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
