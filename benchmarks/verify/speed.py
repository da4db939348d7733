"""Where the CPU time of `podium verify` goes: a 90-minute transcript, an 8-section brief.

    python -m benchmarks.verify.speed [--runs N] [--baseline SRC]

On QMSum ``education_18`` (91 minutes) with the 8-section brief of
`benchmarks.verify.dataset`, in fresh processes, CPU seconds (user + system, every
thread: ONNX Runtime's and spaCy's workers count):

1. **the whole command**: ``python -m podium verify BRIEF TRANSCRIPT -o FILE`` as a user
   runs it, measured from outside (``getrusage`` of the finished child): interpreter
   start, imports, model loading, the checks and the report. This is the figure the
   target (≤ 3 CPU s, issue 14) is about. With ``--baseline SRC`` (another checkout's
   ``src``, e.g. one made with ``git worktree add``), the same command on that code runs
   alternately with this one, so both see the same machine load.
2. **stages**, in a process that does what the command does and reads its own CPU clock
   between the steps: start-up (Python and podium imports, spaCy import and model load,
   the MiniLM session) and the work after it (reading the files, the transcript index,
   the checks split into BM25, embeddings, spaCy parsing and the rest, the text report);
   then the same brief again in that process ("warm": models loaded, a new index).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET_CPU_SECONDS = 3.0

_CHILD = r"""
import json, sys, time
T = time.process_time  # CPU of this process since it started, interpreter start included
import podium.cli
from podium.cli.verify import print_report
from podium.engine.brief.parse import parse_brief_and_page, read_text
from podium.engine.transcript import read_transcript
from podium.engine.verify import build_context, verify
import podium.engine.embed as embed_module
import podium.engine.nlp as nlp_module
import podium.engine.verify.claim as claim_module
startup = {"Python and podium imports": T()}
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
started = T()
nlp_module._import_spacy(); startup["spaCy import"] = T() - started
started = T()
nlp_module.get_nlp(); startup["spaCy model load"] = T() - started
started = T()
embed_module.get_embedder(); startup["MiniLM session"] = T() - started
timed(nlp_module, "parse_many", "parsing")
work = {}
started = T()
brief, _ = parse_brief_and_page(read_text(sys.argv[1]), source=sys.argv[1])
transcript = read_transcript(sys.argv[2])
work["reading brief and transcript"] = T() - started
started = T()
ctx = build_context(transcript); work["transcript index"] = T() - started
started = T()
report = verify(brief, transcript, context=ctx)
total = T() - started
work["BM25 scoring"] = spent["bm25"]
work["embeddings (MiniLM)"] = spent["embeddings"]
work["spaCy parsing"] = spent["parsing"]
work["other checks"] = total - spent["bm25"] - spent["embeddings"] - spent["parsing"]
import io
from rich.console import Console
started = T()
print_report(report, Console(record=True, width=100, file=io.StringIO()))
work["text report"] = T() - started
for key in spent:
    spent[key] = 0.0
started = T()
verify(brief, transcript)
warm = T() - started
print(json.dumps({"startup": startup, "work": work, "warm": warm, "warm_parts": dict(spent),
                  "summary": report.summary}))
"""


def _cpu_of(command: list[str], env: dict[str, str]) -> float:
    """User + system CPU seconds of one run of `command` (a fresh process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _env(src: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(Path(src).resolve())
    return env


def measure(runs: int = 2, baseline: str | None = None) -> dict:
    """Whole-command CPU seconds per run (this code and, when given, `baseline`'s) and the
    per-stage breakdown of each run."""
    from podium.engine.brief import render_brief
    from podium.engine.transcript import write_transcript

    from .__main__ import SPEED_MEETING
    from .dataset import build_cases

    case = next(c for c in build_cases() if c.name == SPEED_MEETING)
    whole: dict[str, list[float]] = {"this code": []}
    if baseline is not None:
        whole["baseline"] = []
    stages = []
    with tempfile.TemporaryDirectory() as folder:
        transcript_path = Path(folder) / "meeting.json"
        brief_path = Path(folder) / "brief.json"
        write_transcript(case.transcript, transcript_path, format="json")
        brief_path.write_text(render_brief(case.brief, "json"), encoding="utf-8")
        files = [str(brief_path), str(transcript_path)]
        command = [sys.executable, "-m", "podium", "verify", *files]
        command += ["-o", str(Path(folder) / "report.txt")]
        for _ in range(runs):
            whole["this code"].append(_cpu_of(command, _env(None)))
            if baseline is not None:
                whole["baseline"].append(_cpu_of(command, _env(baseline)))
            out = subprocess.run(
                [sys.executable, "-c", _CHILD, *files], capture_output=True, text=True, check=True
            ).stdout
            stages.append(json.loads(out.strip().splitlines()[-1]))
    return {"whole": whole, "stages": stages}


def table(results: dict) -> list[str]:
    stages = results["stages"]
    head = " | ".join(f"run {i + 1}" for i in range(len(stages)))
    lines = [f"| CPU seconds | {head} | median |", "| --- |" + " ---: |" * (len(stages) + 1)]

    def row(name: str, values: list[float], bold: bool = False) -> str:
        cells = [f"{v:.2f}" for v in values] + [f"{statistics.median(values):.2f}"]
        if bold:
            cells = [f"**{c}**" for c in cells]
            name = f"**{name}**"
        return f"| {name} | " + " | ".join(cells) + " |"

    for label, values in results["whole"].items():
        lines.append(row(f"`podium verify`, whole process ({label})", values, bold=True))
    for part in ("startup", "work"):
        for name in stages[0][part]:
            lines.append(row(f"{part}: {name}", [s[part][name] for s in stages]))
        lines.append(row(f"{part}, total", [sum(s[part].values()) for s in stages], bold=True))
    lines.append(row("start-up + work (the stage process)", [_total(s) for s in stages]))
    lines.append(row("warm: the same brief again, models loaded", [s["warm"] for s in stages]))
    return lines


def _total(stage: dict) -> float:
    return sum(stage["startup"].values()) + sum(stage["work"].values())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    baseline = argv[argv.index("--baseline") + 1] if "--baseline" in argv else None
    load_before = os.getloadavg()[0]
    results = measure(runs, baseline)
    print(f"podium verify, education_18 (91 min), 8 sections; {results['stages'][0]['summary']}")
    print("\n".join(table(results)))
    whole = statistics.median(results["whole"]["this code"])
    print(
        f"\nmachine load average {load_before:.1f} → {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores; whole `podium verify` median {whole:.2f} CPU s: "
        f"target ≤ {TARGET_CPU_SECONDS:.0f} {'met' if whole <= TARGET_CPU_SECONDS else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
