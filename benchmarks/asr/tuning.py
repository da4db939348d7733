"""Speaker clustering tuned on panels kept apart from the reported ones, from a cache.

    python -m benchmarks.asr.tuning prepare    # synthesise, transcribe once, cache words
    python -m benchmarks.asr.tuning            # score the clustering variants from the cache
    python -m benchmarks.asr.tuning --grid     # the settings around the chosen ones
    python -m benchmarks.asr.tuning --long     # a 10-minute tuning panel
    python -m benchmarks.asr.tuning --reported # the same on the three reported panels
    python -m benchmarks.asr.tuning --other    # eight 2-minute panels (seeds 301-308)
    python -m benchmarks.asr.tuning --script-words  # words timed from the script: no Whisper
    python -m benchmarks.asr.tuning --two-hours     # the 3-voice panel's vectors x 36
    python -m benchmarks.asr.tuning --diagnose      # per candidate count: distance, speech,
                                                    #  the largest `distinctness` that passes
    python -m benchmarks.asr.tuning --reported --script-words --noise-seeds 0,1,2,3,4
                                                    # each noisy panel under 5 noise draws:
                                                    #  mean / min words right, counts right

Thirteen tuning panels (seeds 101-105 and 201-208, 2 to 5 voices of
`CLOSE_VOICES`, half with light noise) and the three reported panels of
`benchmarks.asr` are synthesised once. Each is transcribed once by
`podium transcribe` without speakers (whisper-base), and its words, speech
regions and window vectors are kept in ``$PODIUM_BENCH_CACHE/podium-asr-bench/
tuning``, so a clustering experiment re-runs only the clustering (a few
seconds) instead of Whisper (minutes on a shared machine). Settings are
chosen on the tuning panels; the reported panels are read once at the end
(`--reported`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from benchmarks.asr.score import line_at
from benchmarks.asr.script import line_words
from benchmarks.asr.speakers import word_accuracy
from benchmarks.asr.synth import Line
from podium.engine.asr import diarize
from podium.engine.asr.audio import SAMPLE_RATE, iter_audio
from podium.engine.asr.vad import Region, speech_regions

# name: (file, minutes, speakers, seed, noise)
TUNING = {
    "t2": ("tune-t2.wav", 3, 2, 101, False),
    "t3n": ("tune-t3n.wav", 3, 3, 102, True),
    "t3": ("tune-t3.wav", 3, 3, 103, False),
    "t4n": ("tune-t4n.wav", 3, 4, 104, True),
    "t5n": ("tune-t5n.wav", 3, 5, 105, True),
    "x2-201": ("tune-x2-201.wav", 3, 2, 201, True),
    "x3-202": ("tune-x3-202.wav", 3, 3, 202, False),
    "x3-203": ("tune-x3-203.wav", 3, 3, 203, True),
    "x5-204": ("tune-x5-204.wav", 3, 5, 204, False),
    "x2-205": ("tune-x2-205.wav", 3, 2, 205, True),
    "x4-206": ("tune-x4-206.wav", 3, 4, 206, False),
    "x3-207": ("tune-x3-207.wav", 3, 3, 207, True),
    "x5-208": ("tune-x5-208.wav", 3, 5, 208, False),
}

LONG_TUNING = {"t3n-10": ("tune-t3n-10.wav", 10, 3, 106, True)}
"""A 10-minute tuning panel: the count estimate over many more turns."""

OTHER = {
    f"o{seed}": (f"other-{seed}.wav", 2, speakers, seed, True)
    for seed, speakers in ((301, 3), (302, 2), (303, 2), (304, 3), (305, 4), (306, 5))
    + ((307, 4), (308, 5))
}
"""Eight 2-minute panels with light noise (seeds 301-308), used neither for tuning nor in
the reported table: a second check of a setting chosen on the tuning panels (`--other`)."""


def _folder() -> Path:
    base = Path(os.environ.get("PODIUM_BENCH_CACHE") or tempfile.gettempdir())
    folder = base / "podium-asr-bench"
    (folder / "tuning").mkdir(parents=True, exist_ok=True)
    return folder


def _reported() -> dict:
    from benchmarks.asr.__main__ import RECORDINGS

    return RECORDINGS


class Case:
    """One cached panel: audio, script lines, Whisper's word times, speech regions."""

    def __init__(self, name: str, media: Path, lines: list[Line], cache: Path):
        self.name, self.media, self.lines, self.cache = name, media, lines, cache
        saved = json.loads(cache.read_text())
        self.words = [tuple(w) for w in saved["words"]]
        self.regions = [Region(a, b) for a, b in saved["regions"]]
        self.truth = [line_at(lines, (a + b) / 2).speaker for a, b in self.words]
        self.count = len({line.speaker for line in lines})
        self.panel = name
        self._audio = None
        self._vectors: dict = {}

    @property
    def audio(self) -> np.ndarray:
        if self._audio is None:
            self._audio = np.concatenate(list(iter_audio(self.media)))
        return self._audio

    def embed(self, spans: list[Region]) -> np.ndarray:
        """Vectors of `spans` (resemblyzer), cached on disk by their boundaries."""
        key = tuple((round(s.start, 3), round(s.end, 3)) for s in spans)
        if key in self._vectors:
            return self._vectors[key]
        import hashlib

        digest = hashlib.sha1(repr(key).encode()).hexdigest()[:16]
        path = self.cache.with_name(f"{self.cache.stem}-{digest}.npy")
        if path.exists():
            vectors = np.load(path)
        else:
            from threadpoolctl import threadpool_limits

            pieces = [
                self.audio[int(s.start * SAMPLE_RATE) : int(s.end * SAMPLE_RATE)] for s in spans
            ]
            with threadpool_limits(limits=1, user_api="blas"):
                vectors = diarize.get_encoder("resemblyzer").embed(pieces)
            np.save(path, vectors)
        self._vectors[key] = vectors
        return vectors


def cases(
    which: str = "tuning", *, script_words: bool = False, noise_seeds: tuple[int, ...] = (0,)
) -> list[Case]:
    """The panels of `which` (``tuning``, ``long``, ``reported``), each with Whisper's word
    times, or with `script_words` the script's (each line's words spread evenly over it:
    no Whisper run, for a quick pass on a busy machine). A noisy panel comes once per
    seed of `noise_seeds` (the same script under another draw of the noise), named
    ``<panel> n<seed>`` when there is more than one seed."""
    from benchmarks.asr.__main__ import _recording

    folder = _folder()
    specs = {"tuning": TUNING, "long": LONG_TUNING, "other": OTHER}.get(which) or _reported()
    out = []
    for name, spec in specs.items():
        seeds = noise_seeds if spec[-1] else (0,)
        for seed in seeds:
            media, lines = _recording(folder, *spec, seed)
            suffix = "script-words" if script_words else "words"
            cache = folder / "tuning" / f"{media.stem}.{suffix}.json"
            if not cache.exists():
                if script_words:
                    _script_words(media, lines, cache)
                else:
                    _transcribe(media, cache)
            label = f"{name} n{seed}" if len(seeds) > 1 else name
            case = Case(label, media, lines, cache)
            case.panel = name
            out.append(case)
    return out


def _script_words(media: Path, lines: list[Line], cache: Path) -> None:
    audio = np.concatenate(list(iter_audio(media)))
    regions = speech_regions(audio)
    words, _ = line_words(lines)
    cache.write_text(json.dumps({"words": words, "regions": [(r.start, r.end) for r in regions]}))


def _transcribe(media: Path, cache: Path) -> None:
    from podium.engine.asr import TranscribeOptions, transcribe

    started = time.process_time()
    transcript = transcribe(media, TranscribeOptions(model="base", threads=2, diarize=False))
    audio = np.concatenate(list(iter_audio(media)))
    regions = speech_regions(audio)
    words = [(w.start, w.end) for s in transcript.segments for w in s.words]
    cache.write_text(json.dumps({"words": words, "regions": [(r.start, r.end) for r in regions]}))
    print(f"transcribed {media.name}: {time.process_time() - started:.1f} CPU s", flush=True)


class LoopedCase:
    """`case` played `times` times end to end (a stand-in for the 2-hour file of
    `benchmarks.asr --two-hours`, which loops the 3-voice panel): regions, words and
    window vectors repeat with the panel's length as the period."""

    def __init__(self, case: Case, times: int):
        self.name, self.count, self.base, self.times = (
            f"{case.name} x{times}",
            case.count,
            case,
            times,
        )
        period = len(case.audio) / SAMPLE_RATE
        self.period = period
        self.regions = [
            Region(r.start + i * period, r.end + i * period)
            for i in range(times)
            for r in case.regions
        ]
        self.words = [(a + i * period, b + i * period) for i in range(times) for a, b in case.words]
        self.truth = case.truth * times

    def embed(self, spans: list[Region]) -> np.ndarray:
        first = [s for s in spans if s.end <= self.period + 1e-6]
        vectors = self.base.embed(first)
        return np.concatenate([vectors] * (len(spans) // max(len(first), 1)))[: len(spans)]


def current(case: Case, given: bool, **changes) -> list[int]:
    """What `podium transcribe` does now (`diarize.assign_speakers`), with `changes`."""
    options = replace(diarize.DiarizeOptions(), speakers=case.count if given else None, **changes)
    windows = diarize.speech_windows(case.regions, options)
    return diarize.assign_speakers(case.words, case.regions, windows, case.embed(windows), options)


# --- experimental variants: each takes the case and whether the count is given --------


def _turns(case: Case, windows: list[Region], vectors: np.ndarray):
    """Turn keys, unit turn vectors, windows per turn, each word's turn (as assign_speakers)."""
    starts = [r.start for r in case.regions]
    sums: dict[int, np.ndarray] = {}
    sizes: dict[int, int] = {}
    for window, vector in zip(windows, vectors, strict=True):
        turn = diarize._region_of(starts, case.regions, (window.start + window.end) / 2)
        sums[turn] = sums.get(turn, 0) + vector
        sizes[turn] = sizes.get(turn, 0) + 1
    keys = sorted(sums)
    matrix = np.stack([sums[k] for k in keys])
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    word_turns = [diarize._region_of(starts, case.regions, (a + b) / 2) for a, b in case.words]
    return keys, matrix, np.array([sizes[k] for k in keys]), word_turns


def _to_words(keys, labels, word_turns) -> list[int]:
    table = dict(zip(keys, np.asarray(labels).tolist(), strict=True))
    out = []
    for turn in word_turns:
        if turn not in table:
            table[turn] = table[min(keys, key=lambda k, t=turn: abs(k - t))]
        out.append(table[turn])
    return out


def _window_setup(case: Case, hop: float = 1.5, window: float = 1.5):
    options = replace(diarize.DiarizeOptions(), hop=hop, window=window)
    windows = diarize.speech_windows(case.regions, options)
    return windows, case.embed(windows)


def _ward(matrix, k, weights=None):
    if k <= 1:
        return np.zeros(len(matrix), dtype=int)
    if weights is None:
        return diarize._agglomerate(matrix, n_clusters=min(k, len(matrix)))
    index = np.repeat(np.arange(len(matrix)), weights)
    labels = diarize._agglomerate(matrix[index], n_clusters=min(k, len(matrix)))
    out = np.zeros(len(matrix), dtype=int)
    for i in range(len(matrix)):
        out[i] = np.bincount(labels[index == i]).argmax()
    return out


def _centroids(matrix, labels, weights=None):
    weights = np.ones(len(matrix)) if weights is None else weights
    keys = np.unique(labels)
    c = np.stack([(matrix[labels == k] * weights[labels == k, None]).sum(0) for k in keys])
    return keys, c / np.linalg.norm(c, axis=1, keepdims=True)


def _estimate(matrix, case, pick, threshold=0.03, seconds=None, least=0.0):
    """Count by the current rule (largest k whose centres are all >= threshold apart)."""
    for k in range(min(8, len(matrix)), 1, -1):
        labels = pick(k)
        if seconds is None and np.bincount(labels).min() < 2:
            continue
        if seconds is not None and np.bincount(labels, weights=seconds).min() < least:
            continue
        _, c = _centroids(matrix, labels)
        sim = c @ c.T
        np.fill_diagonal(sim, -1)
        if 1 - sim.max() >= threshold:
            return labels
    return np.zeros(len(matrix), dtype=int)


def weighted_ward(case: Case, given: bool) -> list[int]:
    """Ward with each turn counted once per window (long turns weigh more)."""
    keys, matrix, sizes, word_turns = _turns(case, *_window_setup(case))
    pick = lambda k: _ward(matrix, k, sizes)  # noqa: E731
    labels = pick(case.count) if given else _estimate(matrix, case, pick)
    return _to_words(keys, labels, word_turns)


def long_first(case: Case, given: bool, shortest: int = 2) -> list[int]:
    """Ward on turns of >= `shortest` windows; shorter turns join the nearest centre."""
    keys, matrix, sizes, word_turns = _turns(case, *_window_setup(case))
    long = sizes >= shortest
    if long.sum() < 4:
        long[:] = True
    sub = matrix[long]
    pick = lambda k: _ward(sub, k)  # noqa: E731
    labels_long = pick(case.count) if given else _estimate(sub, case, pick)
    ks, c = _centroids(sub, labels_long)
    labels = ks[np.argmax(matrix @ c.T, axis=1)]
    labels[long] = labels_long
    return _to_words(keys, labels, word_turns)


def _fisher_merge(matrix, sizes, labels, stop_count=None, stop_score=None):
    """Merge clusters by the smallest separation relative to their spread."""
    labels = labels.copy()
    while True:
        keys = np.unique(labels)
        if stop_count is not None and len(keys) <= stop_count:
            return labels
        if len(keys) <= 1:
            return labels
        means, spread, counts = [], [], []
        for k in keys:
            m = matrix[labels == k]
            mu = m.mean(0)
            means.append(mu)
            counts.append(len(m))
            spread.append(((m - mu) ** 2).sum(1).mean() if len(m) > 1 else np.nan)
        means = np.array(means)
        spread = np.array(spread)
        pooled = np.nanmean(spread) if np.isfinite(spread).any() else 1.0
        spread = np.where(np.isfinite(spread), spread, pooled)
        counts = np.array(counts)
        best, pair = np.inf, None
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                d = ((means[i] - means[j]) ** 2).sum()
                score = d / (spread[i] / counts[i] + spread[j] / counts[j])
                if score < best:
                    best, pair = score, (i, j)
        if stop_score is not None and best >= stop_score:
            return labels
        labels[labels == keys[pair[1]]] = keys[pair[0]]


def over_merge(case: Case, given: bool, extra: int = 3, stop: float = 30.0) -> list[int]:
    """Ward into more groups than speakers, then merge by a Fisher-like separation."""
    keys, matrix, sizes, word_turns = _turns(case, *_window_setup(case))
    start = min(len(matrix), (case.count if given else 8) + extra)
    labels = _ward(matrix, start)
    if given:
        labels = _fisher_merge(matrix, sizes, labels, stop_count=case.count)
    else:
        labels = _fisher_merge(matrix, sizes, labels, stop_score=stop)
    return _to_words(keys, labels, word_turns)


def silhouette_count(case: Case, given: bool) -> list[int]:
    """Ward; without the count, the k of best cosine silhouette (k = 1 if all below 0.05)."""
    from sklearn.metrics import silhouette_score

    keys, matrix, sizes, word_turns = _turns(case, *_window_setup(case))
    if given:
        labels = _ward(matrix, case.count)
    else:
        best, labels = 0.05, np.zeros(len(matrix), dtype=int)
        for k in range(2, min(8, len(matrix) - 1) + 1):
            candidate = _ward(matrix, k)
            value = silhouette_score(matrix, candidate, metric="cosine")
            if value > best:
                best, labels = value, candidate
    return _to_words(keys, labels, word_turns)


def viterbi(case: Case, given: bool, penalty: float = 8.0, scale: float = 40.0) -> list[int]:
    """Ward on turns, then window-level Viterbi over hop-0.75 windows with a switch penalty,
    centres re-estimated from the path (two rounds); each word takes its window's speaker."""
    keys, matrix, sizes, word_turns = _turns(case, *_window_setup(case))
    labels = (
        _ward(matrix, case.count) if given else _estimate(matrix, case, lambda k: _ward(matrix, k))
    )
    ks, c = _centroids(matrix, labels)
    windows, vectors = _window_setup(case, hop=0.75)
    order = np.argsort([w.start for w in windows])
    windows = [windows[i] for i in order]
    vectors = vectors[order]
    for _ in range(2):
        score = scale * (vectors @ c.T)
        n, k = score.shape
        back = np.zeros((n, k), dtype=int)
        total = score[0].copy()
        for t in range(1, n):
            gap = windows[t].start - windows[t - 1].end
            p = penalty * (0.3 if gap > 0.3 else 1.0)
            stay = total
            switch = total.max() - p
            choose = np.where(stay >= switch, np.arange(k), total.argmax())
            back[t] = choose
            total = np.maximum(stay, switch) + score[t]
        path = np.zeros(n, dtype=int)
        path[-1] = total.argmax()
        for t in range(n - 1, 0, -1):
            path[t - 1] = back[t, path[t]]
        c = np.stack([vectors[path == j].mean(0) if (path == j).any() else c[j] for j in range(k)])
        c /= np.linalg.norm(c, axis=1, keepdims=True)
    timeline = diarize.SpeakerTimeline(windows, path.tolist())
    return [timeline.speaker_at(a, b) for a, b in case.words]


def oracle(case: Case, given: bool) -> list[int]:
    """Each turn to the nearest true speaker centre (an upper bound, not a method)."""
    keys, matrix, sizes, word_turns = _turns(case, *_window_setup(case))
    starts = [r.start for r in case.regions]
    names = sorted(set(case.truth))
    turn_truth = {}
    for turn, t in zip(word_turns, case.truth, strict=True):
        turn_truth.setdefault(turn, []).append(t)
    truth = np.array(
        [
            names.index(
                max(set(turn_truth.get(k, [names[0]])), key=turn_truth.get(k, [names[0]]).count)
            )
            for k in keys
        ]
    )
    del starts
    _, c = _centroids(matrix, truth)
    return _to_words(keys, np.argmax(matrix @ c.T, axis=1), word_turns)


def linked_turns(case: Case, gap: float = 0.6, change: float = 1.0):
    """Speech regions joined into turns: a region joins the turn before it when the pause
    between them is under `gap` s and its vector is within cosine distance `change` of the
    turn's mean so far (a change-point test). Returns (turns, windows, window vectors)."""
    windows, vectors = _window_setup(case)
    starts = [r.start for r in case.regions]
    owner = np.array(
        [diarize._region_of(starts, case.regions, (w.start + w.end) / 2) for w in windows]
    )
    turns: list[list[int]] = []
    total = None
    for index, region in enumerate(case.regions):
        mine = vectors[owner == index]
        vector = mine.sum(0) if len(mine) else None
        if turns and region.start - case.regions[turns[-1][-1]].end < gap:
            if vector is None or total is None:
                turns[-1].append(index)
                total = vector if total is None else total
                continue
            a = total / np.linalg.norm(total)
            b = vector / np.linalg.norm(vector)
            if 1 - a @ b < change:
                turns[-1].append(index)
                total = total + vector
                continue
        turns.append([index])
        total = vector
    return turns, windows, vectors, owner


def turn_clusters(
    case: Case,
    given: bool,
    gap: float = 0.6,
    change: float = 1.0,
    threshold: float = 0.03,
    shortest: float = 0.0,
    least: float = 0.0,
) -> list[int]:
    """Ward over linked turns (`linked_turns`), each the mean of its windows."""
    turns, windows, vectors, owner = linked_turns(case, gap, change)
    region_turn = {r: t for t, members in enumerate(turns) for r in members}
    sums: dict[int, np.ndarray] = {}
    for w, v in zip(owner, vectors, strict=True):
        t = region_turn[w]
        sums[t] = sums.get(t, 0) + v
    keys = sorted(sums)
    matrix = np.stack([sums[k] for k in keys])
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    starts = [r.start for r in case.regions]
    word_turns = [
        region_turn[diarize._region_of(starts, case.regions, (a + b) / 2)] for a, b in case.words
    ]
    if len(keys) == 1:
        return [0] * len(case.words)
    seconds = np.array([sum(case.regions[r].duration for r in turns[k]) for k in keys], dtype=float)
    long = seconds >= shortest
    if long.sum() < 4:
        long[:] = True
    sub = matrix[long]
    pick = lambda k: _ward(sub, k)  # noqa: E731
    if given:
        labels_long = pick(case.count)
    elif least:
        labels_long = _estimate(sub, case, pick, threshold, seconds[long], least)
    else:
        labels_long = _estimate(sub, case, pick, threshold)
    ks, c = _centroids(sub, labels_long)
    labels = ks[np.argmax(matrix @ c.T, axis=1)]
    labels[long] = labels_long
    return _to_words(keys, labels, word_turns)


def _linked(gap, change=1.0, threshold=0.03, shortest=0.0, least=0.0):
    return lambda case, given: turn_clusters(case, given, gap, change, threshold, shortest, least)


def long_turns(case, **changes):
    """The clustered turns of `assign_speakers`: unit vectors and seconds of speech."""
    options = replace(diarize.DiarizeOptions(), **changes)
    windows = diarize.speech_windows(case.regions, options)
    keys, matrix, seconds, turn_of = diarize.turn_vectors(
        case.regions, windows, case.embed(windows), options
    )
    position = {k: i for i, k in enumerate(keys)}
    # each turn's true speaker: the script line at the middle of its longest region
    truth = {}
    for index, region in enumerate(case.regions):
        turn = turn_of[index]
        if turn in position and region.duration > truth.get(turn, (0, None))[0]:
            middle = (region.start + region.end) / 2
            truth[turn] = (region.duration, _truth_at(case, middle))
    long = seconds >= options.shortest_turn
    return matrix[long], seconds[long], np.array([truth[k][1] for k in keys])[long]


def _truth_at(case, time):
    base = getattr(case, "base", case)
    period = getattr(case, "period", None)
    if period:
        time = time % period
    return line_at(base.lines, time).speaker


def diagnose(all_cases) -> None:
    """Per panel and candidate count: Ward's least centre distance, least separation."""
    for case in all_cases:
        matrix, seconds, truth = long_turns(case)
        print(f"{case.name}: {case.count} voices, {len(matrix)} long turns")
        for k in range(2, min(9, len(matrix))):
            labels = diarize._agglomerate(matrix, n_clusters=k)
            _, centres = diarize._centres(matrix, labels)
            similarity = centres @ centres.T
            np.fill_diagonal(similarity, -1)
            least = np.bincount(labels, weights=seconds).min()
            turns = np.bincount(labels)[np.argmin(np.bincount(labels, weights=seconds))]
            shares = np.bincount(labels, weights=seconds) / seconds.sum()
            distance = 1 - similarity
            np.fill_diagonal(distance, np.inf)
            most = (distance / (1 / shares[:, None] + 1 / shares[None, :])).min()
            mark = "<-" if k == case.count else ""
            print(
                f"  k={k}: distance {1 - similarity.max():.4f} least {least:5.1f} s ({turns}) "
                f"accepted up to distinctness {most:.4f} {mark}"
            )
            # what `cluster` tests for this k: Ward with odd turns folded, the true voices in
            # each group, and the closest pair's distance over the distance it needs
            options = diarize.DiarizeOptions()
            folded = diarize._folded(matrix, k, seconds, options)
            held = np.bincount(folded, weights=seconds)[np.unique(folded)]
            _, centres = diarize._centres(matrix, folded)
            apart = 1 - centres @ centres.T
            np.fill_diagonal(apart, np.inf)
            share = held / held.sum()
            needed = np.maximum(
                options.threshold, options.distinctness * (1 / share[:, None] + 1 / share[None, :])
            )
            groups = [
                "+".join(sorted({str(t) for t in truth[folded == g]})) for g in np.unique(folded)
            ]
            print(
                f"       folded: {', '.join(f'{g} {h:.1f} s' for g, h in zip(groups, held, strict=True))}"
                f"; closest pair at {(apart / needed).min():.2f} x the distance needed"
            )


def _now(**changes):
    return lambda case, given: current(case, given, **changes)


BEFORE = {"turn_gap": 0.0, "shortest_turn": 0.0, "least_speech": 0.0, "threshold": 0.03}

VARIANTS = {
    "before: regions, Ward": _now(**BEFORE),
    "now: linked turns, short ones left out, distinct by share, odd turns folded": current,
    "fifth round: centres from all clustered turns": _now(reliable_turn=0.0),
    "before: centres 0.025 apart and 5 s each": _now(distinctness=0.0, fold=0),
    "distinct by share only": _now(fold=0),
    "odd turns folded only": _now(distinctness=0.0),
    "oracle: true speaker centres": oracle,
    "fourth round: windows every 1.5 s (overlapping when stretched)": _now(hop=1.5),
    "third round: distinct by share at 0.002 (chosen on one noise draw)": _now(distinctness=0.002),
    "linked turns only": _now(shortest_turn=0.0, least_speech=0.0),
    "linked turns, short left out, two-turn rule": _now(least_speech=0.0),
    "regions, short left out": _now(turn_gap=0.0),
    "weighted Ward (turns x windows)": weighted_ward,
    "regions of 2+ windows first": long_first,
    "over-cluster + Fisher merge": over_merge,
    "silhouette count": silhouette_count,
    "Viterbi re-segmentation": viterbi,
}

GRID = {
    **{f"turn_gap {g}": _now(turn_gap=g) for g in (0.3, 0.4, 0.6, 0.8)},
    **{f"turn_change {c}": _now(turn_change=c) for c in (0.15, 0.2, 1.0)},
    **{f"shortest_turn {d}": _now(shortest_turn=d) for d in (1.5, 2.0, 3.0, 3.5)},
    **{f"least_speech {m}": _now(least_speech=m) for m in (0.0, 3.0, 8.0, 12.0)},
    **{f"threshold {t}": _now(threshold=t) for t in (0.0, 0.02, 0.03, 0.04)},
    **{
        f"distinctness {d}": _now(distinctness=d)
        for d in (0.0, 0.0015, 0.0016, 0.0017, 0.0018, 0.002, 0.0022)
    },
    **{f"fold {f}": _now(fold=f) for f in (1, 2, 3)},
    **{f"region_windows {n}": _now(region_windows=n) for n in (2, 3, 4, 6)},
    "whole regions embedded (0.4 s partials)": _now(window=1000.0, hop=1000.0),
    "3 s windows": _now(window=3.0, hop=3.0),
    **{f"reliable_turn {r}": _now(reliable_turn=r) for r in (0.0, 3.0, 4.0, 4.5, 5.0, 5.5, 7.0)},
    **{f"hop {h} (gaps between windows)": _now(hop=h) for h in (1.75, 2.0, 2.25, 2.5, 3.0)},
}


def score(all_cases: list[Case], variants: dict) -> None:
    header = ["variant", *(c.name for c in all_cases), "mean", "count right", "CPU s"]
    panels = list(dict.fromkeys(getattr(c, "panel", c.name) for c in all_cases))
    draws = len(panels) < len(all_cases)
    summary: list[str] = []
    for given in (True, False):
        print(f"\ncount {'given' if given else 'estimated'}: words on the right speaker % (found)")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for name, function in variants.items():
            cells, accuracies, right, used = [], [], 0, 0.0
            per_panel: dict[str, list[tuple[float, bool]]] = {}
            for case in all_cases:
                function(case, given)  # vectors read and cached before the clock starts
                started = time.process_time()
                guessed = function(case, given)
                used += time.process_time() - started
                accuracy = word_accuracy(case.truth, guessed)
                found = len(set(guessed))
                right += found == case.count
                accuracies.append(accuracy)
                cells.append(f"{100 * accuracy:.1f} ({found})")
                per_panel.setdefault(getattr(case, "panel", case.name), []).append(
                    (accuracy, found == case.count)
                )
            print(
                f"| {name} | "
                + " | ".join(cells)
                + f" | {100 * np.mean(accuracies):.1f} | {right}/{len(all_cases)} | {used:.2f} |",
                flush=True,
            )
            if draws:
                summary.append(
                    f"| {name} | {'given' if given else 'estimated'} | "
                    + " | ".join(
                        f"{100 * np.mean([a for a, _ in runs]):.1f} / "
                        f"{100 * min(a for a, _ in runs):.1f} / "
                        f"{sum(ok for _, ok in runs)}/{len(runs)}"
                        for runs in per_panel.values()
                    )
                    + " |"
                )
    if draws:
        print("\nper panel over the noise draws: words right mean / min %, count right")
        print("| variant | count | " + " | ".join(panels) + " |")
        print("|" + "---|" * (len(panels) + 2))
        print("\n".join(summary))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.asr.tuning")
    parser.add_argument("only", nargs="?", choices=["prepare"])
    parser.add_argument("--reported", action="store_true", help="the three reported panels")
    parser.add_argument("--long", action="store_true", help="the 10-minute tuning panel")
    parser.add_argument(
        "--other", action="store_true", help="the eight 2-minute panels of seeds 301-308"
    )
    parser.add_argument("--variant", action="append", help="only this variant (repeatable)")
    parser.add_argument("--grid", action="store_true", help="the settings grid around `now`")
    parser.add_argument(
        "--two-hours",
        action="store_true",
        help="the reported 3-voice panel looped to 2 hours (cached vectors repeated)",
    )
    parser.add_argument("--diagnose", action="store_true", help="count criteria per candidate")
    parser.add_argument(
        "--script-words",
        action="store_true",
        help="words timed from the script instead of by Whisper (no Whisper run)",
    )
    parser.add_argument(
        "--noise-seeds",
        default="0",
        help="comma-separated seeds: each noisy panel once per draw of its noise (default 0)",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        seeds = tuple(int(s) for s in args.noise_seeds.split(","))
    except ValueError:
        parser.error(
            f"--noise-seeds: expected integers separated by commas, got {args.noise_seeds!r}"
        )
    if args.only == "prepare":
        for which in ("tuning", "reported", "long", "other"):
            cases(which, script_words=args.script_words, noise_seeds=seeds)
        return 0
    table = GRID if args.grid else VARIANTS
    chosen = {k: v for k, v in table.items() if not args.variant or k in args.variant}
    which = (
        "reported"
        if args.reported or args.two_hours
        else "long"
        if args.long
        else "other"
        if args.other
        else "tuning"
    )
    chosen_cases = cases(which, script_words=args.script_words, noise_seeds=seeds)
    if args.two_hours:
        chosen_cases = [LoopedCase(chosen_cases[0], 36)]
    if args.diagnose:
        diagnose(chosen_cases)
        return 0
    score(chosen_cases, chosen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
