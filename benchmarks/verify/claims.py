"""The hand-written claims benchmark: faithful and unfaithful summary sentences.

    python -m benchmarks.verify.claims [--hard] [--part=dev|heldout|new|blind2|blind3|blind4|blind5]

Reads ``claims.tsv`` (written by hand from the QMSum meetings, see README.md),
verifies each sentence as the only summary sentence of a one-section brief
whose speaker is the claim's speaker, against the meeting's transcript, and
reports per category and part (dev / held-out / new / blind2 / blind3 / blind4 / blind5, and the original 158 = dev and
held-out): the share of unfaithful
claims that `fail`, the share flagged (`warn` or `fail`), the share of
faithful claims that `fail` (false alarms), the share of faithful claims flagged (a `warn` or
`fail` a reader has to look at) and the balanced accuracy
((caught + faithful not failed) / 2, with `fail` as the positive decision).
A claim's status is the worst status of its section's findings.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from podium.engine.brief.model import Brief, Part, Section
from podium.engine.transcript.qmsum import load_meeting
from podium.engine.verify import build_context, verify

from ..qmsum import qmsum_dir

CLAIMS = Path(__file__).with_name("claims.tsv")
CATEGORIES = ("entity", "misreference", "meaning", "number")
RANK = {"ok": 0, "warn": 1, "fail": 2}
PARTS = {
    "dev": ("dev",),
    "heldout": ("heldout",),
    "original": ("dev", "heldout"),
    "new": ("new",),
    "blind2": ("blind2",),
    "blind3": ("blind3",),
    "blind4": ("blind4",),
    "blind5": ("blind5",),
    "all": ("dev", "heldout", "new", "blind2", "blind3", "blind4", "blind5"),
}
"""Rows of the table: the original 158 claims (dev and held-out) and the new pairs apart."""


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    part: str
    meeting: str
    speaker: str
    category: str
    label: str
    sentence: str


def read_claims(path: Path = CLAIMS) -> list[Claim]:
    """The claims of `path`; a malformed line is an error naming the line."""
    rows = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    claims = []
    for number, row in enumerate(csv.reader(rows[1:], delimiter="\t"), start=2):
        if not row:
            continue
        if len(row) != 7:
            raise ValueError(f"{path}: data line {number}: expected 7 tab-separated fields")
        claim = Claim(*row)
        if claim.category not in CATEGORIES or claim.label not in ("faithful", "unfaithful"):
            raise ValueError(f"{path}: data line {number}: bad category or label")
        claims.append(claim)
    return claims


def judge(claims: list[Claim]) -> dict[str, tuple[str, list]]:
    """Claim id -> (worst status, its non-ok findings)."""
    out: dict[str, tuple[str, list]] = {}
    by_meeting: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_meeting[claim.meeting].append(claim)
    for meeting, group in by_meeting.items():
        print(f"{meeting}: {len(group)} claims", file=sys.stderr, flush=True)
        transcript = load_meeting(qmsum_dir() / f"{meeting}.json").transcript
        speakers = set(transcript.speakers)
        ctx = build_context(transcript)
        for claim in group:
            if claim.speaker not in speakers:
                raise ValueError(f"{claim.id}: {claim.speaker!r} does not speak in {meeting}")
            section = Section(
                number=1,
                title="A claim",
                start=None,
                speakers=[claim.speaker],
                summary=[claim.sentence],
                quotes=[],
            )
            report = verify(
                Brief(title="Claims", parts=[Part("", [section])]), transcript, context=ctx
            )
            found = [f for f in report.findings if f.check != "timestamp"]
            worst = max((f.status for f in found), key=RANK.get, default="ok")
            out[claim.id] = (worst, [f for f in found if f.status != "ok"])
    return out


def table(claims: list[Claim], results: dict[str, tuple[str, list]]) -> list[str]:
    lines = [
        "| part | category | unfaithful `fail` | unfaithful flagged | faithful `fail` "
        "| faithful flagged | balanced accuracy |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for part in PARTS:
        for category in (*CATEGORIES, "all"):
            chosen = [
                c
                for c in claims
                if c.part in PARTS[part] and (category == "all" or c.category == category)
            ]
            bad = [c for c in chosen if c.label == "unfaithful"]
            good = [c for c in chosen if c.label == "faithful"]
            if not bad and not good:
                continue
            failed = sum(results[c.id][0] == "fail" for c in bad)
            flagged = sum(results[c.id][0] != "ok" for c in bad)
            false = sum(results[c.id][0] == "fail" for c in good)
            warned = sum(results[c.id][0] != "ok" for c in good)
            tpr = failed / len(bad) if bad else 0.0
            tnr = 1 - false / len(good) if good else 0.0
            lines.append(
                f"| {part} | {category} | {failed}/{len(bad)} ({tpr:.0%}) | "
                f"{flagged}/{len(bad)} ({flagged / max(len(bad), 1):.0%}) | "
                f"{false}/{len(good)} ({false / max(len(good), 1):.0%}) | "
                f"{warned}/{len(good)} ({warned / max(len(good), 1):.0%}) | {(tpr + tnr) / 2:.0%} |"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    claims = read_claims()
    parts = [a.split("=", 1)[1] for a in argv if a.startswith("--part=")]
    if parts:  # e.g. --part=new: verify only those claims
        claims = [c for c in claims if c.part in parts]
    started, cpu = time.perf_counter(), time.process_time()
    results = judge(claims)
    print(
        f"{len(claims)} hand-written claims, {time.perf_counter() - started:.1f} s wall, "
        f"{time.process_time() - cpu:.1f} s CPU\n"
    )
    print("\n".join(table(claims, results)))
    if "--hard" in argv:
        print()
        for claim in claims:
            status, found = results[claim.id]
            wrong = (claim.label == "faithful" and status == "fail") or (
                claim.label == "unfaithful" and status != "fail"
            )
            if wrong:
                print(f"{claim.id} {claim.label} {claim.category} -> {status}: {claim.sentence}")
                for f in found:
                    print(f"    {f.check} {f.status}: {f.message[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
