"""Recording in, speaker-attributed transcript out: the speech-to-text pipeline.

Owns the order of the work and the memory bound: the recording is decoded
in blocks (`audio.iter_audio`) and processed in chunks of about
`TranscribeOptions.chunk_seconds`, each cut in the middle of a pause found
by the VAD, so only one chunk of samples is held at a time. For each chunk
faster-whisper (CTranslate2, int8 on the CPU, its own Silero VAD filter)
gives segments with word timings, and the speaker encoder embeds the
chunk's speech windows. At the end the windows are clustered into speakers
(`diarize.cluster`), every word takes the speaker of its window, and
Whisper's segments are split wherever the speaker changes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from podium.engine.asr import diarize
from podium.engine.asr.audio import SAMPLE_RATE, iter_audio, probe
from podium.engine.asr.models import load_whisper, whisper_spec
from podium.engine.asr.vad import Region, VadOptions, cut_point, speech_regions
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
    beam_size: int = 5
    """Whisper's beam width; 1 is greedy decoding (faster, a little less accurate)."""
    threads: int = 0
    """CPU threads for Whisper and the speaker encoder; 0 means all cores."""
    chunk_seconds: float = 300.0
    """Audio held and transcribed at a time; bounds memory for long recordings."""
    cache_dir: Path | None = None
    """Where assembled models are kept; None means ``$PODIUM_MODEL_CACHE`` or ``~/.cache/podium``."""
    vad: VadOptions = field(default_factory=VadOptions)
    """How speech regions for speaker turns are found."""

    def diarize_options(self) -> diarize.DiarizeOptions:
        return diarize.DiarizeOptions(
            speakers=self.speakers,
            min_speakers=self.min_speakers,
            max_speakers=self.max_speakers,
            threads=self.threads,
        )


@dataclass(slots=True)
class _Chunk:
    audio: np.ndarray
    offset: float
    """Where the chunk starts in the recording, in seconds."""
    regions: list[Region]
    """Speech in the chunk, on the recording's clock."""

    def samples(self, region: Region) -> np.ndarray:
        begin = int((region.start - self.offset) * SAMPLE_RATE)
        return self.audio[max(begin, 0) : int((region.end - self.offset) * SAMPLE_RATE)]


def transcribe(
    media_path: str | Path,
    options: TranscribeOptions | None = None,
    progress: Progress | None = None,
) -> Transcript:
    """Transcribe `media_path` (any audio or video file FFmpeg reads) on the CPU.

    Raises `InputError` for a missing, unreadable or silent file and
    `ModelNotInstalled` when the Whisper model's package is missing. When
    the speaker-embedding model is missing, turns are split at pauses
    instead and the transcript's `warnings` say so.
    """
    options = options or TranscribeOptions()
    progress = progress or no_progress
    path = Path(media_path)
    _check(options)
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

    progress(0.0, "loading model")
    model = load_whisper(spec.name, threads=threads, cache_dir=options.cache_dir)
    warnings: list[str] = []
    encoder = None
    if options.diarize:
        try:
            encoder = diarize.get_encoder(threads)
        except ModelNotInstalled as missing:
            warnings.append(
                f"{missing}; speakers were not identified: turns are split at pauses of "
                f"{options.pause:g} s and labelled SPEAKER_00, SPEAKER_01, … in order"
            )
    diarize_options = options.diarize_options()

    total = info.duration or 0.0
    segments: list[tuple[float, float, str, list[Word]]] = []
    windows: list[Region] = []
    embeddings: list[np.ndarray] = []
    heard_speech = False
    for chunk in _chunks(path, options):
        length = len(chunk.audio) / SAMPLE_RATE
        if chunk.regions:
            heard_speech = True
            found, detected = _whisper(model, chunk, language, options, total, progress)
            segments.extend(found)
            language = language or detected
            if encoder is not None:
                chunk_windows = diarize.speech_windows(chunk.regions, diarize_options)
                windows.extend(chunk_windows)
                embeddings.append(encoder.embed([chunk.samples(w) for w in chunk_windows]))
        progress(_fraction(chunk.offset + length, total), "transcribing")

    if not heard_speech:
        raise InputError(
            "no speech detected: the audio is silent or has no voice", source=str(path)
        )
    if not any(words or text.strip() for _, _, text, words in segments):
        raise InputError("speech detected but no words recognised", source=str(path))

    progress(1.0, "finding speakers")
    all_words = [w for _, _, _, words in segments for w in words]
    if not options.diarize:
        speakers = ["" for _ in all_words]
    elif encoder is not None:
        labels = diarize.cluster(
            np.concatenate(embeddings) if embeddings else np.zeros((0, 1)), diarize_options
        )
        timeline = diarize.SpeakerTimeline(windows, labels.tolist())
        speakers = [
            diarize.label(timeline.speaker_at(w.start, w.end) if timeline else 0) for w in all_words
        ]
    else:
        turns = diarize.pause_turns([(w.start, w.end) for w in all_words], pause=options.pause)
        speakers = [diarize.label(t) for t in turns]

    result = _split_by_speaker(segments, speakers)
    progress(1.0, "done")
    return Transcript(
        segments=result,
        title=path.stem,
        language=language,
        source=str(path),
        warnings=warnings,
    )


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


def _fraction(seconds: float, total: float) -> float:
    if total <= 0:
        return 0.0
    return min(seconds / total, 0.999)


def _chunks(path: Path, options: TranscribeOptions) -> Iterator[_Chunk]:
    """The recording in chunks of about `chunk_seconds`, each ending in a pause."""
    limit = int(options.chunk_seconds * SAMPLE_RATE)
    buffer = np.zeros(0, dtype=np.float32)
    offset = 0.0
    for block in iter_audio(path, block_seconds=min(30.0, options.chunk_seconds / 4)):
        buffer = np.concatenate([buffer, block]) if len(buffer) else block
        if len(buffer) < limit:
            continue
        length = len(buffer) / SAMPLE_RATE
        regions = speech_regions(buffer, options=options.vad)
        cut = cut_point(regions, length=length, earliest=length / 2)
        cut_sample = int(cut * SAMPLE_RATE)
        kept = [
            Region(offset + r.start, offset + min(r.end, cut)) for r in regions if r.start < cut
        ]
        yield _Chunk(buffer[:cut_sample], offset, kept)
        buffer = buffer[cut_sample:].copy()
        offset += cut_sample / SAMPLE_RATE
    if len(buffer):
        regions = speech_regions(buffer, offset=offset, options=options.vad)
        yield _Chunk(buffer, offset, regions)


def _whisper(model, chunk: _Chunk, language, options, total, progress):
    """Whisper's segments for one chunk, with times shifted to the whole recording."""
    pieces, info = model.transcribe(
        chunk.audio,
        language=language,
        beam_size=options.beam_size,
        vad_filter=True,
        word_timestamps=True,
    )
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
