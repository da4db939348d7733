"""Where the CPU time of `podium verify` goes: a 90-minute transcript, an 8-section brief.

    python -m benchmarks.verify.speed [--runs N]

Runs in fresh processes (one per run) on QMSum ``education_18`` (91 minutes) with the
8-section brief of `benchmarks.verify.dataset`, and prints CPU seconds
(``time.process_time``: every thread of the process, so ONNX Runtime's worker threads
count) for each stage of a cold run, after start-up (imports of podium done):

- spaCy import, spaCy model load, MiniLM (ONNX Runtime) session;
- the transcript index (words, passages), BM25;
- the verification itself, split into embeddings, spaCy parsing and the rest;

then the same brief again in the same process (models loaded, a new index: "warm").
Stages are timed by wrapping the functions that do them; the cold total is the sum.
Target: cold total ≤ 3 CPU seconds (issue 14).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET_CPU_SECONDS = 3.0

_CHILD = r"""
import json, sys, time
T = time.process_time
from podium.engine.brief import read_brief
from podium.engine.transcript import read_transcript
from podium.engine.verify import build_context, verify
import podium.engine.embed as embed_module
import podium.engine.nlp as nlp_module
import podium.engine.verify.claim as claim_module
brief, transcript = read_brief(sys.argv[1]), read_transcript(sys.argv[2])
spent = {"embeddings": 0.0, "parsing": 0.0, "bm25": 0.0}

def timed(owner, name, key):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        started = T()
        try:
            return original(*args, **kwargs)
        finally:
            spent[key] += T() - started
    setattr(owner, name, wrapper)

timed(embed_module.Embedder, "encode", "embeddings")
timed(claim_module.ClaimChecker, "_shortlist", "bm25")
stages = {}
started = T()
nlp_module._import_spacy(); stages["spaCy import"] = T() - started
started = T()
nlp_module.get_nlp(); stages["spaCy model load"] = T() - started
started = T()
embed_module.get_embedder(); stages["MiniLM session"] = T() - started
timed(nlp_module, "parse_many", "parsing")
started = T()
ctx = build_context(transcript); stages["transcript index"] = T() - started
started = T()
report = verify(brief, transcript, context=ctx)
total = T() - started
stages["BM25 scoring"] = spent["bm25"]
stages["embeddings (MiniLM)"] = spent["embeddings"]
stages["spaCy parsing"] = spent["parsing"]
stages["other checks"] = total - spent["bm25"] - spent["embeddings"] - spent["parsing"]
for key in spent:
    spent[key] = 0.0
started = T()
verify(brief, transcript)
warm = T() - started
print(json.dumps({"stages": stages, "warm": warm, "warm_parts": dict(spent),
                  "summary": report.summary}))
"""


def measure(runs: int = 2) -> list[dict]:
    from podium.engine.brief import render_brief
    from podium.engine.transcript import write_transcript

    from .__main__ import SPEED_MEETING
    from .dataset import build_cases

    case = next(c for c in build_cases() if c.name == SPEED_MEETING)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        transcript_path = Path(folder) / "meeting.json"
        brief_path = Path(folder) / "brief.json"
        write_transcript(case.transcript, transcript_path, format="json")
        brief_path.write_text(render_brief(case.brief, "json"), encoding="utf-8")
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", _CHILD, str(brief_path), str(transcript_path)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def table(results: list[dict]) -> list[str]:
    names = list(results[0]["stages"])
    head = " | ".join(f"run {i + 1}" for i in range(len(results)))
    lines = [f"| stage (CPU s) | {head} |", "| --- |" + " ---: |" * len(results)]
    for name in names:
        cells = " | ".join(f"{r['stages'][name]:.2f}" for r in results)
        lines.append(f"| {name} | {cells} |")
    cold = [sum(r["stages"].values()) for r in results]
    lines.append(
        "| **cold total, after start-up** | " + " | ".join(f"**{c:.2f}**" for c in cold) + " |"
    )
    lines.append(
        "| warm: same brief again, models loaded | "
        + " | ".join(
            f"{r['warm']:.2f} (embeddings {r['warm_parts']['embeddings']:.2f}, "
            f"parsing {r['warm_parts']['parsing']:.2f})"
            for r in results
        )
        + " |"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 2
    results = measure(runs)
    print(f"podium verify, education_18 (91 min), 8 sections; {results[0]['summary']}")
    print("\n".join(table(results)))
    load = os.getloadavg()[0]
    cold = min(sum(r["stages"].values()) for r in results)
    print(
        f"\nmachine load average {load:.1f} on {os.cpu_count()} cores; best cold total "
        f"{cold:.2f} CPU s: target ≤ {TARGET_CPU_SECONDS:.0f} "
        f"{'met' if cold <= TARGET_CPU_SECONDS else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
