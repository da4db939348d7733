"""ASR benchmark: Podium against plain faster-whisper on panels of similar espeak voices.

    python -m benchmarks.asr              # default run, about 10 minutes on 2 busy cores
    python -m benchmarks.asr --model tiny # the tiny model instead of base
    python -m benchmarks.asr --beams      # also: beam 1 against beam 5 per model (batched)
    python -m benchmarks.asr --long       # also: the 20-minute panel, and a 2-hour file for
                                          #  memory and resume after a killed worker
    python -m benchmarks.asr --two-hours --model tiny   # only the 2-hour file
    python -m benchmarks.asr pipeline     # only the timed recording -> brief -> verify run
    python -m benchmarks.asr --no-variants --rounds 3 --only-recording "3 voices, noise"
                                          # the speed figure alone: medians over 3 rounds

Recordings are spoken by espeak-ng with voices that sound alike (`CLOSE_VOICES`:
en-us, en-gb, en-us+m3, then en-us+f3 and en+m7 for five) and kept in
``$PODIUM_BENCH_CACHE`` (default: the system temp directory). Light noise is
pink noise from numpy's seeded generator (`synth.add_noise`; ``--noise-seed``
picks another draw, the default is seed 0), so a figure can be reproduced
from the same files. For each recording (`compare.compare`) plain
faster-whisper at its defaults (beam 5 + VAD + word timestamps), its
fastest setting (batched, beam 1) and the whole `podium transcribe` run
interleaved in this one process on the same loaded model, so the ratio of
their times holds on a shared machine where absolute times do not. Then
the diarization variants (`speakers.variants`) are scored on the words
Podium timed. Targets (issue 19) on the 3-voice panel: Podium at least as
fast as the library's default (ratio >= 1.0) and within 10 % of its
fastest (ratio >= 0.9), speakers right for >= 90 % of words; and the right
speaker count on every panel. A missed target is listed at the end and the
exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np

from benchmarks.asr.compare import compare
from benchmarks.asr.script import panel
from benchmarks.asr.synth import CLOSE_VOICES, Line, add_noise, render

THREADS = 2
# name: (file, minutes, speakers, seed, noise)
RECORDINGS = {
    "3 voices, noise": ("close3-noise.wav", 3, 3, 11, True),
    "2 voices": ("close2.m4a", 3, 2, 13, False),
    "5 voices, noise": ("close5-noise.mp4", 3, 5, 12, True),
}
LONG = {"3 voices, 20 min, noise": ("close3-long-noise.m4a", 20, 3, 21, True)}
SPEAKERS = """\
- {name: Jonathan Corrado, role: moderator, organisation: Korea Society, label: SPEAKER_00}
- {name: Rachel Minyoung Lee, role: panelist, organisation: Stimson Center, label: SPEAKER_01}
- {name: Ankit Panda, role: panelist, organisation: Carnegie Endowment, label: SPEAKER_02}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.asr")
    parser.add_argument("only", nargs="?", choices=["pipeline"])
    parser.add_argument("--model", default="base", choices=["base", "tiny"])
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds per recording")
    parser.add_argument("--beams", action="store_true", help="measure beam 1 against beam 5")
    parser.add_argument(
        "--no-variants", action="store_true", help="skip the table of diarization variants"
    )
    parser.add_argument(
        "--only-recording",
        action="append",
        choices=[*RECORDINGS, *LONG],
        help="run only this recording (repeatable)",
    )
    parser.add_argument("--long", action="store_true", help="20-minute panel and 2-hour file")
    parser.add_argument(
        "--two-hours", action="store_true", help="only the 2-hour file: peak memory and resume"
    )
    parser.add_argument(
        "--noise-seed",
        type=int,
        default=0,
        help="seed of the noise mixed into the noisy panels (default 0)",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    folder = (
        Path(os.environ.get("PODIUM_BENCH_CACHE") or tempfile.gettempdir()) / "podium-asr-bench"
    )
    folder.mkdir(parents=True, exist_ok=True)
    print(f"uptime before: {_uptime()}", flush=True)
    if args.only == "pipeline":
        media, _ = _recording(folder, *RECORDINGS["3 voices, noise"], args.noise_seed)
        _pipeline(media, folder)
        return 0
    if args.two_hours:
        media, _ = _recording(folder, *RECORDINGS["3 voices, noise"], args.noise_seed)
        _two_hours(folder, media, args.model)
        return 0
    cases = dict(RECORDINGS, **(LONG if args.long else {}))
    if args.only_recording:
        cases = {name: spec for name, spec in cases.items() if name in args.only_recording}
    recordings = {name: _recording(folder, *spec, args.noise_seed) for name, spec in cases.items()}
    failures = _speed_and_accuracy(recordings, args.model, args.rounds, not args.no_variants)
    if args.beams:
        _beams(recordings["3 voices, noise"])
    if args.long:
        _two_hours(folder, recordings["3 voices, noise"][0], args.model)
    print(f"uptime after: {_uptime()}")
    if failures:
        print("targets missed: " + "; ".join(failures))
        return 1
    print("all targets met")
    return 0


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def _recording(
    folder: Path,
    filename: str,
    minutes: float,
    speakers: int,
    seed: int,
    noise: bool,
    noise_seed: int = 0,
) -> tuple[Path, list[Line]]:
    """The synthesised panel and its timed script, made once and kept in `folder`.

    A noisy panel's noise is drawn with `noise_seed` (`synth.add_noise`): the same
    seed gives the same file; another seed (file name ``<stem>-n<seed>``) the same
    voices and script under another draw of the noise."""
    media = folder / filename
    if noise and noise_seed:
        media = media.with_name(f"{media.stem}-n{noise_seed}{media.suffix}")
    key = folder / f"{media.stem}.script.json"
    lines = panel(minutes, speakers=speakers, seed=seed, voices=CLOSE_VOICES)
    stamp = {
        "voices": CLOSE_VOICES,
        "noise": noise,
        "noise_seed": noise_seed if noise else None,
        "lines": [(ln.speaker, ln.voice, ln.text, ln.pause) for ln in lines],
    }
    if media.exists() and key.exists():
        saved = json.loads(key.read_text())
        if saved["stamp"] == json.loads(json.dumps(stamp)):
            return media, [Line(**d) for d in saved["timed"]]
    started = time.perf_counter()
    if noise:
        clean = folder / f"{media.stem}-clean.wav"
        timed = render(lines, clean)
        add_noise(clean, media, seed=noise_seed)
        clean.unlink()
    else:
        timed = render(lines, media)
    key.write_text(json.dumps({"stamp": stamp, "timed": [asdict(t) for t in timed]}))
    print(f"synthesised {media.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return media, timed


def _speed_and_accuracy(
    recordings: dict, model: str, rounds: int, with_variants: bool = True
) -> list[str]:
    from benchmarks.asr.speakers import variants

    failures = []
    print(
        f"\nwhisper-{model} int8, {THREADS} threads; wall s (CPU s); ratio = library time / "
        "Podium time in the same round (> 1: Podium faster)\n"
    )
    header = (
        "recording",
        "min",
        "faster-whisper default",
        "faster-whisper batched beam 1",
        "podium transcribe",
        "ratio to default",
        "ratio to batched",
        "WER default / batched / Podium",
        "words on right speaker",
        "speakers found",
        "Podium peak MB",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header), flush=True)
    rows, every = {}, {}
    for name, (media, lines) in recordings.items():
        for round_ in range(rounds):
            row = compare(media, lines, model, THREADS, round_)
            rows[name] = row
            every.setdefault(name, []).append(row)
            stats = row["stats"]
            ratio_default = row["default_wall"] / row["podium_wall"]
            ratio_batched = row["batched_wall"] / row["podium_wall"]
            print(
                f"| {name} | {stats.audio_seconds / 60:.1f} "
                f"| {row['default_wall']:.1f} ({row['default_cpu']:.1f}) "
                f"| {row['batched_wall']:.1f} ({row['batched_cpu']:.1f}) "
                f"| {row['podium_wall']:.1f} ({row['podium_cpu']:.1f}) "
                f"| {ratio_default:.2f} | {ratio_batched:.2f} "
                f"| {row['default_wer']:.1%} / {row['batched_wer']:.1%} / {row['podium_wer']:.1%} "
                f"| {row['accuracy']:.1%} | {row['found']}/{len({ln.speaker for ln in lines})} "
                f"| {stats.peak_rss_mb:.0f} |",
                flush=True,
            )
    print(
        "\nmedians over the rounds (RTF = wall seconds per second of audio; CPU s per minute "
        "of audio):\n"
    )
    header = (
        "recording",
        "rounds",
        "RTF podium / default / batched",
        "CPU s per audio min podium / default / batched",
        "ratio to default",
        "ratio to batched",
        "CPU ratio to default / batched",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, runs in every.items():
        minutes = runs[0]["stats"].audio_seconds / 60

        def median(key, runs=runs):
            return float(np.median([r[key] for r in runs]))

        ratio_default = float(np.median([r["default_wall"] / r["podium_wall"] for r in runs]))
        ratio_batched = float(np.median([r["batched_wall"] / r["podium_wall"] for r in runs]))
        print(
            f"| {name} | {len(runs)} "
            f"| {median('podium_wall') / minutes / 60:.3f} / {median('default_wall') / minutes / 60:.3f}"
            f" / {median('batched_wall') / minutes / 60:.3f} "
            f"| {median('podium_cpu') / minutes:.1f} / {median('default_cpu') / minutes:.1f}"
            f" / {median('batched_cpu') / minutes:.1f} "
            f"| {ratio_default:.2f} | {ratio_batched:.2f} "
            f"| {median('default_cpu') / median('podium_cpu'):.2f}"
            f" / {median('batched_cpu') / median('podium_cpu'):.2f} |",
            flush=True,
        )
        row = rows[name]
        if name == "3 voices, noise":
            if ratio_default < 1.0:
                failures.append(f"{name}: {ratio_default:.2f} of the library's default speed")
            if ratio_batched < 0.9:
                failures.append(f"{name}: {ratio_batched:.2f} of the library's best speed")
            if row["accuracy"] < 0.9:
                failures.append(f"{name}: {row['accuracy']:.1%} of words on the right speaker")
        speakers = len({line.speaker for line in recordings[name][1]})
        if row["found"] != speakers:
            failures.append(f"{name}: {row['found']} speakers found of {speakers}")
    print("\nwhere Podium's time went (wall s; embedding runs in a parallel thread):")
    for name, runs in every.items():
        for row in runs:
            print(f"  {name}: {row['stats'].summary()}")
    if not with_variants:
        return failures

    print("\ndiarization variants on the words Podium timed (accuracy / speakers found):\n")
    table: dict[tuple[str, str], dict[str, str]] = {}
    seconds: dict[str, list[float]] = {}
    for name, (media, lines) in recordings.items():
        for v in variants(media, lines, rows[name]["transcript"]):
            cell = f"{v['accuracy']:.1%} / {v['found']}"
            table.setdefault((v["variant"], v["encoder"]), {})[name] = cell
            seconds.setdefault(v["encoder"], []).append(v["embed_cpu"])
    names = list(recordings)
    print("| variant | encoder | " + " | ".join(names) + " |")
    print("|" + "---|" * (len(names) + 2))
    for (variant, encoder), cells in table.items():
        print(f"| {variant} | {encoder} | " + " | ".join(cells.get(n, "") for n in names) + " |")
    for encoder, values in seconds.items():
        print(f"embedding CPU s per recording, {encoder}: {max(values):.1f} at most")
    return failures


def _beams(recording: tuple[Path, list[Line]]) -> None:
    """Batched decoding with beam 1 and beam 5 for each model: WER and CPU seconds."""
    import numpy as np
    from faster_whisper import BatchedInferencePipeline

    from benchmarks.asr.compare import cpu
    from benchmarks.asr.score import script_text, word_error_rate
    from podium.engine.asr.audio import iter_audio
    from podium.engine.asr.models import load_whisper

    media, lines = recording
    audio = np.concatenate(list(iter_audio(media)))
    print("\nbeam size, batched, on the 3-voice panel:\n")
    print("| model | beam | WER | wall s | CPU s |\n|---|---|---|---|---|")
    for model in ("tiny", "base"):
        pipeline = BatchedInferencePipeline(load_whisper(model, threads=THREADS))
        for beam in (1, 5):
            started, used = time.perf_counter(), cpu()
            pieces, _ = pipeline.transcribe(
                audio, beam_size=beam, word_timestamps=True, language="en"
            )
            text = " ".join(p.text for p in pieces)
            wall, used = time.perf_counter() - started, cpu() - used
            wer = word_error_rate(script_text(lines), text)
            print(f"| {model} | {beam} | {wer:.1%} | {wall:.1f} | {used:.1f} |", flush=True)


def _two_hours(folder: Path, panel: Path, model: str) -> None:
    """A 2-hour file (the 3-minute panel over and over): peak memory, resume after a kill."""
    long = folder / "two-hours.m4a"
    if not long.exists():
        subprocess.run(
            [
                "ffmpeg",
                "-y",
                "-loglevel",
                "error",
                "-stream_loop",
                "-1",
                "-i",
                str(panel),
                "-t",
                "7200",
                "-ac",
                "1",
                "-ar",
                "16000",
                str(long),
            ],
            check=True,
        )
    checkpoints = folder / "checkpoints"
    command = [sys.executable, "-m", "benchmarks.asr.run_one", str(long), model]
    command += [str(folder / "two-hours.json"), str(THREADS), str(checkpoints)]
    print(f"\n2-hour recording, {model}: killed after 3 chunks, then resumed", flush=True)
    worker = subprocess.Popen(command, cwd=Path(__file__).resolve().parents[2])
    while len(list(checkpoints.rglob("chunk-*.npz"))) < 3 and worker.poll() is None:
        time.sleep(2)
    worker.kill()
    worker.wait()
    print(f"  killed with {len(list(checkpoints.rglob('chunk-*.npz')))} chunks saved", flush=True)
    done = subprocess.run(
        command, check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2]
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  resumed run: {result['summary']}", flush=True)


def _pipeline(media: Path, folder: Path) -> None:
    """recording -> transcript -> brief -> verify with the `podium` commands a user types, timed."""
    print("\nfull pipeline on the 3-voice panel (default base model, 2 threads):", flush=True)
    podium = str(Path(sys.executable).with_name("podium"))
    transcript, brief, report = folder / "pipeline.vtt", folder / "brief.md", folder / "report.json"
    speakers = folder / "speakers.yaml"
    speakers.write_text(SPEAKERS, encoding="utf-8")
    for stale in (transcript, brief, report):
        stale.unlink(missing_ok=True)
    steps = [
        (
            "podium transcribe",
            [podium, "transcribe", str(media), "-o", str(transcript)]
            + ["--threads", str(THREADS), "--speakers", "3", "--speaker-map", str(speakers)],
        ),
        ("podium brief", [podium, "brief", str(transcript), "-s", str(speakers), "-o", str(brief)]),
        (
            "podium verify",
            [podium, "verify", str(brief), str(transcript), "-s", str(speakers)]
            + ["--format", "json", "-o", str(report)],
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
