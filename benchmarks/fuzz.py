"""The full fuzz corpus through the readers, the brief parser and the verifier (issue 17).

``python -m benchmarks.fuzz [COUNT] [--seed N] [--verify N]`` generates the
corpus of tests/engine/fuzz/corpus.py (default `FULL_COUNT` cases, seed
`SEED`), reads each case as the CLI would (transcripts: read and written in
every format; briefs: parsed and rendered in every format), then verifies
every case that parsed (or the first N) against a reference brief or
transcript. Prints the outcomes per stage and mutation, the slowest cases and
the CPU seconds; exits 1 when any case crashed (a traceback) or hung
(over 30 s). ``make test`` runs a slice of the same corpus
(tests/engine/fuzz/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tests.engine.fuzz.corpus import DATA, FULL_COUNT, SEED, cases
from tests.engine.fuzz.harness import Outcome, read_case, verify_case


def _table(title: str, outcomes: list[Outcome]) -> None:
    statuses = Counter(o.status for o in outcomes)
    seconds = [o.seconds for o in outcomes] or [0.0]
    print(
        f"{title:<22} {len(outcomes):>6} {statuses['ok']:>6} {statuses['error']:>6} "
        f"{statuses['crash']:>6} {statuses['hang']:>5} {statistics.median(seconds):>8.3f} "
        f"{sorted(seconds)[int(0.95 * (len(seconds) - 1))]:>8.3f} {max(seconds):>8.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fuzz")
    parser.add_argument("count", nargs="?", type=int, default=FULL_COUNT)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--verify", type=int, default=None, help="verify at most N parsed cases")
    args = parser.parse_args(argv if argv is not None else [])

    from podium.engine.brief import read_brief
    from podium.engine.transcript import read_transcript

    reference_transcript = read_transcript(DATA / "transcripts" / "panel.vtt")
    reference_brief = read_brief(DATA / "briefs" / "water_security.md")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"{args.count} cases, seed {args.seed}")

    cpu_started, wall_started = time.process_time(), time.perf_counter()
    read: list[Outcome] = []
    targets: list[str] = []
    verified: list[Outcome] = []
    by_mutation: dict[str, Counter] = {}
    with tempfile.TemporaryDirectory(prefix="podium-fuzz-") as folder:
        for case in cases(args.seed, args.count):
            outcome = read_case(case, Path(folder))
            read.append(outcome)
            targets.append(case.target)
            for mutation in case.name.split("-", 2)[2].split("+"):
                by_mutation.setdefault(mutation, Counter())[outcome.status] += 1
            if outcome.status != "ok" or (args.verify is not None and len(verified) >= args.verify):
                continue
            if case.target == "brief":
                pair = (outcome.result, reference_transcript)
            else:
                pair = (reference_brief, outcome.result)
            verified.append(verify_case(case.name, *pair))
    read_cpu = sum(o.seconds for o in read)
    verify_cpu = sum(o.seconds for o in verified)

    print(f"\n{'stage':<22} {'cases':>6} {'ok':>6} {'error':>6} {'crash':>6} {'hang':>5} "
          f"{'p50 s':>8} {'p95 s':>8} {'max s':>8}")  # fmt: skip
    transcripts = [o for o, target in zip(read, targets, strict=True) if target == "transcript"]
    briefs = [o for o, target in zip(read, targets, strict=True) if target == "brief"]
    _table("transcript readers", transcripts)
    _table("brief parser", briefs)
    _table("verifier (parsed)", verified)
    print(f"\n{'mutation':<12} {'ok':>6} {'error':>6} {'crash':>6} {'hang':>5}")
    for mutation, counts in sorted(by_mutation.items()):
        print(f"{mutation:<12} {counts['ok']:>6} {counts['error']:>6} {counts['crash']:>6} "
              f"{counts['hang']:>5}")  # fmt: skip
    slowest = sorted(read + verified, key=lambda o: -o.seconds)[:5]
    print("\nslowest: " + ", ".join(f"{o.name} {o.seconds:.1f} s" for o in slowest))
    print(
        f"wall {time.perf_counter() - wall_started:.1f} s, CPU {time.process_time() - cpu_started:.1f} s "
        f"(reading {read_cpu:.1f} s wall, verifying {verify_cpu:.1f} s wall)"
    )
    failures = [o for o in read + verified if o.status in ("crash", "hang")]
    for outcome in failures[:10]:
        print(f"\n{outcome.name}: {outcome.status}\n{outcome.detail}")
    if failures:
        print(f"{len(failures)} case(s) crashed or hung")
        return 1
    print("0 crashes, 0 hangs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
