"""ASR benchmark: WER, speaker turns, speed and memory on synthetic espeak panels.

    python -m benchmarks.asr            # or: make bench (python -m benchmarks asr)
    python -m benchmarks.asr tiny       # one model only
    python -m benchmarks.asr pipeline   # only the timed recording → brief → verify run

Makes two recordings with espeak-ng (see `script.panel`): an 8-minute panel
of four voices (.mp4 with a video track, as staff would upload) and a
24-minute one for speed; they are kept in ``$PODIUM_BENCH_CACHE`` (default:
the system temp directory) for the next run. Each model transcribes each
recording in a fresh process on 2 threads (`run_one`), so peak memory is per
run. Scores: word error rate (jiwer), share of words given the right speaker
after the best label mapping, real-time factor (processing seconds per audio
second). Speed is given twice: by the wall clock, and by CPU time divided by
the 2 threads, which is what the wall clock shows on an otherwise idle
2-core machine (shared machines are often far busier). Then the pipeline
recording → transcript → brief → verify is timed, where the brief writer is
installed. Targets: base int8 at least 12× real time, WER at most 10 %,
speakers right for at least 90 % of words.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from benchmarks.asr.score import script_text, speaker_accuracy, word_error_rate
from benchmarks.asr.script import panel
from benchmarks.asr.synth import VOICES, Line, render
from podium.engine.transcript import read_transcript

THREADS = 2
TARGET_SPEED = 12.0
TARGET_WER = 0.10
TARGET_SPEAKERS = 0.90
RECORDINGS = {"panel 8 min": ("panel.mp4", 8, 7), "panel 24 min": ("long.m4a", 24, 11)}
MODELS = ("base", "tiny")
SPEAKERS = """\
- {name: Jonathan Corrado, role: moderator, organisation: Korea Society, label: SPEAKER_00}
- {name: Rachel Minyoung Lee, role: panelist, organisation: Stimson Center, label: SPEAKER_01}
- {name: Ankit Panda, role: panelist, organisation: Carnegie Endowment, label: SPEAKER_02}
- {name: Jenny Town, role: panelist, organisation: Stimson Center, label: SPEAKER_03}
"""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    only = set(argv) & {"base", "tiny"}
    models = [] if argv == ["pipeline"] else [m for m in MODELS if not only or m in only]
    folder = (
        Path(os.environ.get("PODIUM_BENCH_CACHE") or tempfile.gettempdir()) / "podium-asr-bench"
    )
    folder.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    recordings = {name: _recording(folder, *spec) for name, spec in RECORDINGS.items()}
    failures = []
    if models:
        _header()
    for name, (media, lines) in recordings.items():
        for model in models:
            out = folder / f"{media.stem}-{model}.json"
            run = _run(media, model, out)
            transcript = read_transcript(out)
            wer = word_error_rate(script_text(lines), transcript.text)
            accuracy, _ = speaker_accuracy(lines, transcript)
            true_speakers = len({line.speaker for line in lines})
            wall = run["audio"] / run["transcribe"]
            cpu = run["audio"] / (run["cpu"] / THREADS)
            print(
                f"| {name} | {model} | {run['audio'] / 60:.1f} | {wer:.1%} | {accuracy:.1%} "
                f"| {run['speakers']}/{true_speakers} | {wall:.1f}× | {cpu:.1f}× "
                f"| {1 / cpu:.3f} | {run['load']:.1f} | {run['peak_mb']:.0f} |",
                flush=True,
            )
            if model == "base" and name == "panel 8 min":
                if wer > TARGET_WER:
                    failures.append(f"WER {wer:.1%} > {TARGET_WER:.0%}")
                if accuracy < TARGET_SPEAKERS:
                    failures.append(f"speaker turns {accuracy:.1%} < {TARGET_SPEAKERS:.0%}")
            if model == "base" and cpu < TARGET_SPEED:
                failures.append(f"base on {name}: {cpu:.1f}× < {TARGET_SPEED:.0f}× real time")
    if "base" in models or argv == ["pipeline"]:
        _pipeline(recordings["panel 8 min"][0], folder)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if failures:
        print("targets missed: " + "; ".join(failures))
        return 1
    print("all targets met")
    return 0


def _recording(folder: Path, filename: str, minutes: float, seed: int) -> tuple[Path, list[Line]]:
    """The synthesised panel and its timed script, made once and kept in `folder`."""
    media = folder / filename
    key = folder / f"{media.stem}.script.json"
    lines = panel(minutes, seed=seed)
    stamp = {"voices": VOICES, "lines": [(ln.speaker, ln.voice, ln.text, ln.pause) for ln in lines]}
    if media.exists() and key.exists():
        saved = json.loads(key.read_text())
        if saved["stamp"] == json.loads(json.dumps(stamp)):
            return media, [Line(**d) for d in saved["timed"]]
    started = time.perf_counter()
    timed = render(lines, media)
    key.write_text(json.dumps({"stamp": stamp, "timed": [asdict(t) for t in timed]}))
    print(f"synthesised {filename} in {time.perf_counter() - started:.0f} s", flush=True)
    return media, timed


def _header() -> None:
    header = (
        "recording",
        "model",
        "min",
        "WER",
        "speakers ok",
        "found",
        "speed (wall)",
        "speed (CPU/2)",
        "RTF (CPU/2)",
        "load s",
        "peak MB",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header), flush=True)


def _run(media: Path, model: str, out: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.asr.run_one", str(media), model, str(out), str(THREADS)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _pipeline(media: Path, folder: Path) -> None:
    """recording → transcript → brief → verify with the `podium` commands a user types, timed.

    The speakers file names the four voices and ties them to the labels the
    transcription gives in order of first appearance (the moderator opens).
    """
    print("\nfull pipeline on the 8-minute panel (default base model, 2 threads):", flush=True)
    podium = str(Path(sys.executable).with_name("podium"))
    transcript, brief, report = folder / "pipeline.vtt", folder / "brief.md", folder / "report.json"
    speakers = folder / "speakers.yaml"
    speakers.write_text(SPEAKERS, encoding="utf-8")
    for stale in (transcript, brief, report):
        stale.unlink(missing_ok=True)
    steps = [
        (
            "podium transcribe",
            [
                podium,
                "transcribe",
                str(media),
                "-o",
                str(transcript),
                "--threads",
                str(THREADS),
                "--speaker-map",
                str(speakers),
            ],
        ),
        ("podium brief", [podium, "brief", str(transcript), "-s", str(speakers), "-o", str(brief)]),
        (
            "podium verify",
            [
                podium,
                "verify",
                str(brief),
                str(transcript),
                "-s",
                str(speakers),
                "--format",
                "json",
                "-o",
                str(report),
            ],
        ),
    ]
    total = 0.0
    for name, command in steps:
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        total += seconds
        print(f"  {name:<18} {seconds:7.1f} s  exit {done.returncode}", flush=True)
        if done.returncode not in (0, 1):
            print("    " + (done.stderr.strip().splitlines() or ["?"])[-1])
            return
    summary = json.loads(report.read_text()).get("summary")
    print(f"  end to end         {total:7.1f} s  verification summary: {summary}")


if __name__ == "__main__":
    sys.exit(main())
