"""Podium against plain faster-whisper, interleaved in one process, on panels of similar voices.

For each recording the same WhisperModel (already loaded) transcribes the
decoded audio three ways, one after the other: faster-whisper's defaults
(`WhisperModel.transcribe`, beam 5, VAD, word timestamps), its fastest
setting (`BatchedInferencePipeline`, beam 1, word timestamps), and the whole
`podium transcribe` (decode + VAD + ASR + speaker embeddings + clustering).
The order rotates between rounds so a burst of load on a shared machine
hits all three alike. The figure is the ratio of wall times in that round
(above 1: Podium is faster); CPU seconds are given too.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

import numpy as np

from benchmarks.asr.score import script_text, speaker_accuracy, word_error_rate
from benchmarks.asr.synth import Line
from podium.engine.asr import TranscribeOptions, transcribe
from podium.engine.asr.audio import iter_audio
from podium.engine.asr.models import load_whisper
from podium.engine.asr.transcribe import TranscribeStats


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def plain(model, media: Path, *, batched: bool) -> tuple[str, float, float]:
    """faster-whisper alone on the file: text, wall seconds, CPU seconds (decoding included)."""
    from faster_whisper import BatchedInferencePipeline

    started, cpu_started = time.perf_counter(), cpu()
    audio = np.concatenate(list(iter_audio(media)))
    if batched:
        pieces, _ = BatchedInferencePipeline(model).transcribe(
            audio, beam_size=1, word_timestamps=True, language="en"
        )
    else:
        pieces, _ = model.transcribe(
            audio, beam_size=5, vad_filter=True, word_timestamps=True, language="en"
        )
    text = " ".join(p.text.strip() for p in pieces)
    return text, time.perf_counter() - started, cpu() - cpu_started


def podium(media: Path, model: str, speakers: int | None, threads: int):
    stats = TranscribeStats()
    transcript = transcribe(
        media,
        TranscribeOptions(model=model, language="en", threads=threads, speakers=speakers),
        stats=stats,
    )
    return transcript, stats


def compare(media: Path, lines: list[Line], model: str, threads: int, round_: int) -> dict:
    """One round of the three runs on `media`, in an order that rotates with `round_`."""
    whisper = load_whisper(model, threads=threads)
    reference = script_text(lines)
    runs = ["default", "podium", "batched"]
    shift = round_ % 3
    order = runs[shift:] + runs[:shift]
    row: dict = {"order": " > ".join(order)}
    for name in order:
        if name == "podium":
            transcript, stats = podium(media, model, None, threads)
            accuracy, _ = speaker_accuracy(lines, transcript)
            row.update(
                podium_wall=stats.wall_seconds,
                podium_cpu=stats.cpu_seconds,
                podium_wer=word_error_rate(reference, transcript.text),
                accuracy=accuracy,
                found=len(transcript.speakers),
                stats=stats,
                transcript=transcript,
            )
        else:
            text, wall, used = plain(whisper, media, batched=name == "batched")
            row.update(
                {
                    f"{name}_wall": wall,
                    f"{name}_cpu": used,
                    f"{name}_wer": word_error_rate(reference, text),
                }
            )
    return row
