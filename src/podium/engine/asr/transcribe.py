"""Recording in, speaker-attributed transcript out: the speech-to-text pipeline.

Owns the order of the work, the memory bound and resuming. The recording
is decoded in blocks (`audio.iter_audio`) and processed in chunks of about
`TranscribeOptions.chunk_seconds`, each cut in the middle of a pause found
by the VAD, so only one chunk of samples is held at a time. For each chunk
one Silero pass gives the speech probabilities from which both the speaker
regions and the speech Whisper decodes are found (`vad`); faster-whisper's
`BatchedInferencePipeline` (CTranslate2, int8 on the CPU) transcribes that
speech in batches of 30-second pieces, with word timings; meanwhile, in a
second thread, the speaker encoder embeds the chunk's speech windows (both
release the GIL).
Each finished chunk is saved (`checkpoint`), so a crashed run resumes
where it stopped. At the end the speech turns are clustered into speakers
(`diarize.assign_speakers`), every word takes its turn's speaker, numbers
Whisper split in two are joined again ("1 ,000" -> "1,000"), and Whisper's
segments are split wherever the speaker changes. `TranscribeStats` says
where the time went.
"""

from __future__ import annotations

import os
import re
import resource
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from podium.engine.asr import diarize
from podium.engine.asr.audio import SAMPLE_RATE, iter_audio, probe
from podium.engine.asr.checkpoint import Checkpoints, ChunkResult, fingerprint
from podium.engine.asr.models import cache_root, load_whisper, whisper_spec
from podium.engine.asr.vad import (
    FRAME,
    WHISPER_CLIP,
    Region,
    VadOptions,
    cut_point,
    speech_probabilities,
    speech_regions,
    whisper_speech,
)
from podium.engine.errors import InputError, ModelNotInstalled
from podium.engine.progress import Progress, no_progress
from podium.engine.transcript.model import Segment, Transcript, Word


@dataclass(frozen=True, slots=True)
class TranscribeOptions:
    """Everything `transcribe` can be told; the defaults suit a recorded panel."""

    model: str = "base"
    """Which Whisper model: ``base`` (multilingual, default) or ``tiny`` (English only, fast)."""
    language: str | None = None
    """Language code of the speech (``en``, ``fr``); None lets Whisper detect it on the first chunk."""
    speakers: int | None = None
    """Exact number of speakers when known; None estimates it between the two bounds below."""
    min_speakers: int = 1
    """Fewest speakers the estimate may choose."""
    max_speakers: int = 8
    """Most speakers the estimate may choose."""
    diarize: bool = True
    """Find who speaks when; False leaves every speaker label empty."""
    pause: float = 1.5
    """Without a speaker-embedding model: seconds of silence that start a new turn."""
    beam_size: int | None = None
    """Whisper's beam width; None uses the model's measured choice (`WhisperSpec.beam_size`)."""
    batch_size: int = 8
    """30-second pieces of speech Whisper decodes together (faster-whisper's batched pipeline)."""
    initial_prompt: str | None = None
    """Words to prime Whisper with: the event's names and terms (`vocabulary.initial_prompt`)."""
    threads: int = 0
    """CPU threads for Whisper and the speaker encoder; 0 means all cores."""
    chunk_seconds: float = 300.0
    """Audio held and transcribed at a time; bounds memory for long recordings."""
    cache_dir: Path | None = None
    """Where assembled models are kept; None means ``$PODIUM_MODEL_CACHE`` or ``~/.cache/podium``."""
    vad: VadOptions = field(default_factory=VadOptions)
    """How speech regions for speaker turns are found."""
    speaker_encoder: str = "auto"
    """``resemblyzer``, ``voicefilter`` or ``auto`` (the first installed); see `diarize`."""
    clustering: str = "agglomerative"
    """``agglomerative`` or ``spectral``; see `diarize.DiarizeOptions.method`."""
    checkpoint_dir: Path | None = None
    """Where finished chunks are kept until the transcript is done; None means
    ``<model cache>/transcribe``. A rerun on the same recording resumes from them."""
    resume: bool = True
    """Use the finished chunks of an earlier, interrupted run of the same recording."""
    overlap_speakers: bool = True
    """Embed a chunk's speaker windows in a second thread while Whisper runs (True), or
    after it (False: less CPU in all, when the machine has no idle core)."""

    def diarize_options(self) -> diarize.DiarizeOptions:
        return diarize.DiarizeOptions(
            speakers=self.speakers,
            min_speakers=self.min_speakers,
            max_speakers=self.max_speakers,
            threads=self.threads,
            encoder=self.speaker_encoder,
            method=self.clustering,
        )


@dataclass(slots=True)
class TranscribeStats:
    """Where the time went in one `transcribe` call (filled in when passed to it)."""

    audio_seconds: float = 0.0
    wall_seconds: float = 0.0
    cpu_seconds: float = 0.0
    """User + system CPU time of the whole process during the call (all threads)."""
    stages: dict[str, float] = field(default_factory=dict)
    """Wall seconds per stage: load, decode, vad, speech-to-text, speakers (waited for),
    clustering. The speaker windows are embedded in a parallel thread; its own time is
    ``embedding (parallel)``."""
    chunks: int = 0
    resumed_chunks: int = 0
    """Chunks read back from the checkpoints of an interrupted run."""
    peak_rss_mb: float = 0.0
    """Peak resident memory of the process so far (Linux ``ru_maxrss``)."""

    @property
    def real_time_factor(self) -> float:
        """Processing seconds per second of audio (below 1 is faster than real time)."""
        return self.wall_seconds / self.audio_seconds if self.audio_seconds else 0.0

    def add(self, stage: str, seconds: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + seconds

    def summary(self) -> str:
        """One line: RTF, CPU seconds and the stages, largest first."""
        parts = ", ".join(
            f"{name} {seconds:.1f} s"
            for name, seconds in sorted(self.stages.items(), key=lambda item: -item[1])
        )
        resumed = (
            f"; resumed {self.resumed_chunks} of {self.chunks} chunks"
            if self.resumed_chunks
            else ""
        )
        return (
            f"RTF {self.real_time_factor:.3f} ({self.wall_seconds:.1f} s for "
            f"{self.audio_seconds:.0f} s of audio, {self.cpu_seconds:.1f} CPU s); {parts}; "
            f"peak memory {self.peak_rss_mb:.0f} MB{resumed}"
        )


@dataclass(slots=True)
class _Chunk:
    index: int
    audio: np.ndarray
    offset: float
    """Where the chunk starts in the recording, in seconds."""
    regions: list[Region] | None
    """Speech in the chunk, on the recording's clock; None when not found yet."""
    probabilities: np.ndarray | None = None
    """Silero's speech probability per frame of the chunk; None when not computed yet."""

    def samples(self, region: Region) -> np.ndarray:
        begin = int((region.start - self.offset) * SAMPLE_RATE)
        return self.audio[max(begin, 0) : int((region.end - self.offset) * SAMPLE_RATE)]


def transcribe(
    media_path: str | Path,
    options: TranscribeOptions | None = None,
    progress: Progress | None = None,
    stats: TranscribeStats | None = None,
) -> Transcript:
    """Transcribe `media_path` (any audio or video file FFmpeg reads) on the CPU.

    Raises `InputError` for a missing, unreadable or silent file and
    `ModelNotInstalled` when the Whisper model's package is missing. When
    no speaker-embedding model is installed, turns are split at pauses
    instead and the transcript's `warnings` say so. Pass a `TranscribeStats`
    to learn where the time went.
    """
    from threadpoolctl import threadpool_limits

    options = options or TranscribeOptions()
    progress = progress or no_progress
    stats = stats if stats is not None else TranscribeStats()
    path = Path(media_path)
    _check(options)
    started, cpu_started = time.perf_counter(), _cpu()
    info = probe(path)
    spec = whisper_spec(options.model)
    language = options.language
    if spec.english_only:
        if language not in (None, "en"):
            raise InputError(
                f"the {spec.name} model only transcribes English; use --model base for {language!r}"
            )
        language = "en"
    threads = options.threads or (os.cpu_count() or 1)
    beam_size = options.beam_size or spec.beam_size

    progress(0.0, "loading model")
    with _timed(stats, "load"):
        model = load_whisper(spec.name, threads=threads, cache_dir=options.cache_dir)
        warnings: list[str] = []
        encoder = None  # the name of the installed encoder; it is loaded in the second thread
        diarize_options = options.diarize_options()
        if options.diarize:
            try:
                encoder = diarize.installed_encoder(options.speaker_encoder)
            except ModelNotInstalled as missing:
                warnings.append(
                    f"{missing}; speakers were not identified: turns are split at pauses of "
                    f"{options.pause:g} s and labelled SPEAKER_00, SPEAKER_01, … in order"
                )
    checkpoints = Checkpoints(
        (options.checkpoint_dir or cache_root() / "transcribe")
        / fingerprint(path, _result_settings(options, beam_size, encoder))
    )

    total = info.duration or 0.0
    results: list[ChunkResult] = []
    # numpy's BLAS (the LSTM encoder) on one thread: Whisper keeps the others, and
    # OpenBLAS spinning on a shared machine costs far more than it gains.
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(1) as embedder:
        for chunk in _chunks(path, options, checkpoints, stats):
            stats.chunks += 1
            saved = checkpoints.load(chunk.index) if options.resume else None
            if saved is not None:
                stats.resumed_chunks += 1
                results.append(saved)
                language = language or saved.language
                progress(_fraction(chunk.offset + len(chunk.audio) / SAMPLE_RATE, total), "resumed")
                continue
            # One Silero pass serves both the speaker regions and Whisper's speech.
            if chunk.probabilities is None:
                with _timed(stats, "vad"):
                    chunk.probabilities = speech_probabilities(chunk.audio)
            # Speech regions (when not known from the cut), speaker windows and their
            # vectors in the second thread, while Whisper works in this one.
            if options.overlap_speakers:
                pending = embedder.submit(_speakers, encoder, chunk, options, diarize_options)
            with _timed(stats, "speech-to-text"):
                segments, detected = _whisper(
                    model, chunk, language, options, beam_size, spec, total, progress
                )
            if not options.overlap_speakers:
                pending = embedder.submit(_speakers, encoder, chunk, options, diarize_options)
            with _timed(stats, "speakers"):
                regions, windows, embeddings, seconds = pending.result()
            stats.add("speakers (parallel)", seconds)
            language = language or detected
            result = ChunkResult(
                samples=len(chunk.audio),
                regions=regions,
                segments=segments,
                windows=windows,
                embeddings=embeddings,
                language=language,
            )
            checkpoints.save(chunk.index, result)
            results.append(result)
            progress(
                _fraction(chunk.offset + len(chunk.audio) / SAMPLE_RATE, total), "transcribing"
            )

    segments = [s for r in results for s in r.segments]
    if not any(r.regions for r in results):
        raise InputError(
            "no speech detected: the audio is silent or has no voice", source=str(path)
        )
    if not any(words or text.strip() for _, _, text, words in segments):
        raise InputError("speech detected but no words recognised", source=str(path))

    progress(1.0, "finding speakers")
    segments = [
        (start, end, repair_numbers_in_text(text), repair_numbers(words))
        for start, end, text, words in segments
    ]
    all_words = [w for _, _, _, words in segments for w in words]
    with _timed(stats, "clustering"):
        if not options.diarize:
            speakers = ["" for _ in all_words]
        elif encoder is not None:
            embeddings = [r.embeddings for r in results if len(r.embeddings)]
            indices = diarize.assign_speakers(
                [(w.start, w.end) for w in all_words],
                [region for r in results for region in r.regions],
                [window for r in results for window in r.windows],
                np.concatenate(embeddings) if embeddings else np.zeros((0, 1), dtype=np.float32),
                diarize_options,
            )
            speakers = [diarize.label(i) for i in indices]
        else:
            turns = diarize.pause_turns([(w.start, w.end) for w in all_words], pause=options.pause)
            speakers = [diarize.label(t) for t in turns]

    result = _split_by_speaker(segments, speakers)
    checkpoints.clear()
    stats.audio_seconds = total or sum(r.samples for r in results) / SAMPLE_RATE
    stats.wall_seconds = time.perf_counter() - started
    stats.cpu_seconds = _cpu() - cpu_started
    stats.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    progress(1.0, "done")
    return Transcript(
        segments=result,
        title=path.stem,
        language=language,
        source=str(path),
        warnings=warnings,
    )


class _timed:
    """Adds the wall time of a `with` block to one stage of `stats`."""

    def __init__(self, stats: TranscribeStats, stage: str):
        self.stats, self.stage = stats, stage

    def __enter__(self):
        self.started = time.perf_counter()

    def __exit__(self, *exc):
        self.stats.add(self.stage, time.perf_counter() - self.started)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _speakers(
    encoder: str | None,
    chunk: _Chunk,
    options: TranscribeOptions,
    diarize_options: diarize.DiarizeOptions,
) -> tuple[list[Region], list[Region], np.ndarray, float]:
    """The chunk's speech regions, speaker windows and window vectors, and the seconds taken.

    Runs in the second thread: the VAD (when the chunk's cut did not need it),
    the encoder's first load and SciPy's clustering import all overlap Whisper.
    """
    started = time.perf_counter()
    regions = chunk.regions
    if regions is None:
        regions = speech_regions(
            chunk.audio,
            offset=chunk.offset,
            options=options.vad,
            probabilities=chunk.probabilities,
        )
    if encoder is None:
        return regions, [], np.zeros((0, diarize.EMBEDDING_SIZE), dtype=np.float32), 0.0
    import scipy.cluster.hierarchy  # noqa: F401  (imported here, in parallel, for the clustering)

    windows = diarize.speech_windows(regions, diarize_options)
    pieces = [chunk.samples(w) for w in windows]
    vectors = diarize.get_encoder(encoder, threads=1).embed(pieces) if pieces else None
    if vectors is None:
        vectors = np.zeros((0, diarize.EMBEDDING_SIZE), dtype=np.float32)
    return regions, windows, vectors, time.perf_counter() - started


def _result_settings(options: TranscribeOptions, beam_size: int, encoder) -> dict:
    """The options a checkpointed chunk depends on (a change starts afresh)."""
    return {
        "model": options.model,
        "language": options.language,
        "beam": beam_size,
        "batch": options.batch_size,
        "prompt": options.initial_prompt,
        "chunk": options.chunk_seconds,
        "vad": repr(options.vad),
        "diarize": options.diarize,
        "encoder": encoder,
        "window": (diarize.DiarizeOptions.window, diarize.DiarizeOptions.hop),
    }


def _check(options: TranscribeOptions) -> None:
    if options.speakers is not None and options.speakers < 1:
        raise InputError(f"--speakers must be at least 1, not {options.speakers}")
    if options.min_speakers < 1 or options.max_speakers < options.min_speakers:
        raise InputError(
            f"need 1 <= --min-speakers <= --max-speakers, got "
            f"{options.min_speakers} and {options.max_speakers}"
        )
    if options.chunk_seconds < 5:
        raise InputError("chunks must be at least 5 seconds long")
    if options.beam_size is not None and options.beam_size < 1:
        raise InputError(f"the beam size must be at least 1, not {options.beam_size}")
    if options.clustering not in ("agglomerative", "spectral"):
        raise InputError(
            f"unknown clustering {options.clustering!r}; choose agglomerative or spectral"
        )


def _fraction(seconds: float, total: float) -> float:
    if total <= 0:
        return 0.0
    return min(seconds / total, 0.999)


def _chunks(
    path: Path, options: TranscribeOptions, checkpoints: Checkpoints, stats: TranscribeStats
) -> Iterator[_Chunk]:
    """The recording in chunks of about `chunk_seconds`, each ending in a pause.

    A chunk already checkpointed is cut where it was cut before, without
    running the VAD again; its `regions` are None, as are the last chunk's
    (which needs no cut: its speech is found beside Whisper, in `_speakers`).
    """
    limit = int(options.chunk_seconds * SAMPLE_RATE)
    buffer = np.zeros(0, dtype=np.float32)
    offset = 0.0
    index = 0
    blocks = iter_audio(path, block_seconds=min(30.0, options.chunk_seconds / 4))
    while True:
        with _timed(stats, "decode"):
            block = next(blocks, None)
        if block is None:
            break
        buffer = np.concatenate([buffer, block]) if len(buffer) else block
        if len(buffer) < limit:
            continue
        saved = checkpoints.load(index) if options.resume else None
        if saved is not None and saved.samples <= len(buffer):
            cut_sample, kept, probabilities = saved.samples, None, None
        else:
            length = len(buffer) / SAMPLE_RATE
            with _timed(stats, "vad"):
                probabilities = speech_probabilities(buffer)
                regions = speech_regions(buffer, options=options.vad, probabilities=probabilities)
            cut = cut_point(regions, length=length, earliest=length / 2)
            cut_sample = int(cut * SAMPLE_RATE)
            kept = [
                Region(offset + r.start, offset + min(r.end, cut)) for r in regions if r.start < cut
            ]
            # the buffer's frames that cover the chunk (Silero runs forward in time)
            probabilities = probabilities[: -(-cut_sample // FRAME)]
        yield _Chunk(index, buffer[:cut_sample], offset, kept, probabilities)
        buffer = buffer[cut_sample:].copy()
        offset += cut_sample / SAMPLE_RATE
        index += 1
    if len(buffer):
        yield _Chunk(index, buffer, offset, None)  # its speech is found in the second thread


def _whisper(model, chunk: _Chunk, language, options, beam_size, spec, total, progress):
    """Whisper's segments for one chunk, with times shifted to the whole recording.

    faster-whisper's batched pipeline with its own VAD would run Silero over the chunk a
    second time; here the chunk's probabilities give the same speech (`whisper_speech`),
    packed into the same pieces by the library's `collect_chunks`, and the pipeline decodes
    those pieces as given clips. Its `restore_speech_timestamps` puts the times back on the
    chunk's clock, as its VAD path does."""
    from faster_whisper import BatchedInferencePipeline
    from faster_whisper.transcribe import restore_speech_timestamps
    from faster_whisper.vad import collect_chunks

    speech = whisper_speech(chunk.probabilities, len(chunk.audio))
    if not speech:
        return [], None
    pieces, metadata = collect_chunks(
        chunk.audio, speech, sampling_rate=SAMPLE_RATE, max_duration=WHISPER_CLIP
    )
    clips = [{"start": m["offset"], "end": m["offset"] + m["duration"]} for m in metadata]
    pieces, info = BatchedInferencePipeline(model).transcribe(
        np.concatenate(pieces),
        language=language,
        beam_size=beam_size,
        batch_size=options.batch_size,
        clip_timestamps=clips,
        vad_filter=False,
        word_timestamps=True,
        initial_prompt=options.initial_prompt,
        without_timestamps=not spec.timestamp_tokens,
    )
    pieces = restore_speech_timestamps(pieces, speech, SAMPLE_RATE)
    found = []
    for piece in pieces:
        words = [
            Word(
                start=round(chunk.offset + float(w.start), 3),
                end=round(chunk.offset + float(max(w.end, w.start)), 3),
                text=w.word.strip(),
                probability=round(float(w.probability), 4),
            )
            for w in (piece.words or [])
            if w.word.strip()
        ]
        found.append(
            (
                round(chunk.offset + float(piece.start), 3),
                round(chunk.offset + float(piece.end), 3),
                piece.text.strip(),
                words,
            )
        )
        progress(_fraction(chunk.offset + piece.end, total), "transcribing")
    return found, info.language


_NUMBER_TAIL = re.compile(r"^[.,]\d")
_SPLIT_NUMBER = re.compile(r"(\d) ([.,]\d)")


def repair_numbers(words: list[Word]) -> list[Word]:
    """Join the pieces Whisper's word timing splits numbers into: "1" + ",000" -> "1,000",
    "5" + ".8%" -> "5.8%". The joined word spans both and keeps the lower probability."""
    joined: list[Word] = []
    for word in words:
        previous = joined[-1] if joined else None
        if previous is not None and previous.text[-1:].isdigit() and _NUMBER_TAIL.match(word.text):
            probabilities = [p for p in (previous.probability, word.probability) if p is not None]
            joined[-1] = Word(
                previous.start,
                max(previous.end, word.end),
                previous.text + word.text,
                speaker=previous.speaker,
                probability=min(probabilities) if probabilities else None,
            )
        else:
            joined.append(word)
    return joined


def repair_numbers_in_text(text: str) -> str:
    """The same repair on plain text: "1 ,000" -> "1,000", "5 .8" -> "5.8"."""
    return _SPLIT_NUMBER.sub(r"\1\2", text)


def _split_by_speaker(
    segments: list[tuple[float, float, str, list[Word]]], speakers: list[str]
) -> list[Segment]:
    """Whisper's segments with speakers attached, split where the speaker changes."""
    result: list[Segment] = []
    position = 0
    for start, end, text, words in segments:
        if not words:
            if text:
                speaker = result[-1].speaker if result else (speakers[0] if speakers else "")
                result.append(Segment(start=start, end=max(end, start), speaker=speaker, text=text))
            continue
        labelled = [
            Word(w.start, w.end, w.text, speaker=speakers[position + i], probability=w.probability)
            for i, w in enumerate(words)
        ]
        position += len(words)
        run: list[Word] = []
        for word in labelled:
            if run and word.speaker != run[-1].speaker:
                result.append(_segment(run))
                run = []
            run.append(word)
        if run:
            result.append(_segment(run))
    return result


def _segment(words: list[Word]) -> Segment:
    return Segment(
        start=words[0].start,
        end=max(words[-1].end, words[0].start),
        speaker=words[0].speaker or "",
        text=" ".join(w.text for w in words),
        words=tuple(words),
    )
