"""Diarization variants side by side on the same words: encoders, windows, clustering.

Given a recording, its script and the words Podium's transcription timed,
each variant finds the speakers again from the audio and is scored by the
share of words on the right speaker (after the best label mapping) and the
speaker count. Variants:

- ``before``: the pipeline before issue 19: regions cut evenly into windows
  of about 1.5 s, one vector per window, average-linkage clustering of the
  windows at a cosine distance of 0.4 (or into the given count), each word
  takes its window's speaker;
- ``turns``: 1.5 s windows every 1.5 s (`DiarizeOptions`; ``hop 0.75``: the
  half-overlapping windows used before), one vector per speaker turn (VAD
  regions a short pause apart, `diarize.speaker_turns`), clustered (`diarize.assign_speakers`: what
  `podium transcribe` does now), with Ward's agglomerative clustering (count
  estimated by centre separation, at several thresholds, or given) or
  spectral clustering (count from the eigengap, or given).

Each with both encoders.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from benchmarks.asr.score import line_at
from benchmarks.asr.synth import Line
from podium.engine.asr import diarize
from podium.engine.asr.audio import SAMPLE_RATE, iter_audio
from podium.engine.asr.vad import Region, speech_regions
from podium.engine.transcript.model import Transcript

THRESHOLDS = (0.015, 0.02, 0.025, 0.03, 0.04)


def average_linkage(vectors: np.ndarray, count: int | None) -> np.ndarray:
    """The clustering before issue 19: cosine, average linkage, cut at 0.4 or into `count`."""
    from sklearn.cluster import AgglomerativeClustering

    if count == 1:
        return np.zeros(len(vectors), dtype=int)
    model = AgglomerativeClustering(
        n_clusters=count,
        distance_threshold=None if count else 0.4,
        metric="cosine",
        linkage="average",
    )
    return model.fit_predict(vectors)


def even_windows(regions: list[Region], window: float = 1.5, shortest: float = 0.8):
    """The windows before issue 19: each region cut evenly into pieces of about `window` s."""
    out = []
    for region in regions:
        if region.duration < shortest:
            continue
        count = max(1, int(region.duration / window + 0.5))
        count = min(count, max(1, int(region.duration / shortest)))
        step = region.duration / count
        out.extend(
            Region(region.start + i * step, region.start + (i + 1) * step) for i in range(count)
        )
    return out


def word_accuracy(truth: list[str], guessed: list[int]) -> float:
    from scipy.optimize import linear_sum_assignment

    names, labels = sorted(set(truth)), sorted(set(guessed))
    counts = np.zeros((len(names), len(labels)))
    for t, g in zip(truth, guessed, strict=True):
        counts[names.index(t), labels.index(g)] += 1
    rows, cols = linear_sum_assignment(-counts)
    return float(counts[rows, cols].sum() / len(truth))


def variants(media, lines: list[Line], transcript: Transcript) -> list[dict]:
    """Every variant's word accuracy, speakers found and embedding CPU seconds."""
    from threadpoolctl import threadpool_limits

    audio = np.concatenate(list(iter_audio(media)))
    regions = speech_regions(audio)
    words = [(w.start, w.end) for s in transcript.segments for w in s.words]
    truth = [line_at(lines, (a + b) / 2).speaker for a, b in words]
    count = len({line.speaker for line in lines})
    rows = []

    def pieces(windows):
        return [audio[int(w.start * SAMPLE_RATE) : int(w.end * SAMPLE_RATE)] for w in windows]

    def score(name, encoder, guessed, seconds):
        rows.append(
            {
                "variant": name,
                "encoder": encoder,
                "accuracy": word_accuracy(truth, guessed),
                "found": len(set(guessed)),
                "speakers": count,
                "embed_cpu": seconds,
            }
        )

    for encoder_name in diarize.ENCODERS:
        encoder = diarize.get_encoder(encoder_name, threads=1)
        with threadpool_limits(limits=1, user_api="blas"):
            old = even_windows(regions)
            started = time.process_time()
            vectors = encoder.embed(pieces(old))
            seconds = time.process_time() - started
            for given in (None, count):
                labels = average_linkage(vectors, given)
                timeline = diarize.SpeakerTimeline(old, labels.tolist())
                guessed = [timeline.speaker_at(a, b) for a, b in words]
                score(
                    f"before, count {'given' if given else 'estimated'}",
                    encoder_name,
                    guessed,
                    seconds,
                )

            base = diarize.DiarizeOptions()
            windows = diarize.speech_windows(regions, base)
            started = time.process_time()
            vectors = encoder.embed(pieces(windows))
            seconds = time.process_time() - started
            for method in ("agglomerative", "spectral"):
                for given in (None, count):
                    options = replace(base, method=method, speakers=given)
                    guessed = diarize.assign_speakers(words, regions, windows, vectors, options)
                    score(
                        f"turns, {method}, count {'given' if given else 'estimated'}",
                        encoder_name,
                        guessed,
                        seconds,
                    )
            overlapping = replace(base, hop=0.75)
            windows = diarize.speech_windows(regions, overlapping)
            started = time.process_time()
            vectors_overlapping = encoder.embed(pieces(windows))
            overlapping_seconds = time.process_time() - started
            for given in (None, count):
                options = replace(overlapping, speakers=given)
                guessed = diarize.assign_speakers(
                    words, regions, windows, vectors_overlapping, options
                )
                score(
                    f"turns, hop 0.75, agglomerative, count {'given' if given else 'estimated'}",
                    encoder_name,
                    guessed,
                    overlapping_seconds,
                )
            windows = diarize.speech_windows(regions, base)
            for threshold in THRESHOLDS:
                options = replace(base, threshold=threshold)
                guessed = diarize.assign_speakers(words, regions, windows, vectors, options)
                score(
                    f"turns, agglomerative, threshold {threshold}", encoder_name, guessed, seconds
                )
    return rows
