"""Decoding recordings into 16 kHz mono samples, a block at a time.

Owns reading media files for speech-to-text: any audio or video file FFmpeg
can decode (wav, mp3, m4a, mp4, mkv, webm, …). PyAV (FFmpeg's libraries,
bundled in its wheel) does the decoding and resampling; this module streams
the result in blocks so a three-hour recording never sits in memory whole,
and turns FFmpeg's failures into `InputError`s that name the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from podium.engine.errors import InputError

SAMPLE_RATE = 16_000
"""Whisper, Silero VAD and the speaker encoder all take 16 kHz mono."""


@dataclass(frozen=True, slots=True)
class MediaInfo:
    """What the container says about a recording before decoding it."""

    path: Path
    duration: float | None
    """Seconds, from the container; None when the container does not say."""
    codec: str
    """Name of the audio codec (``aac``, ``pcm_s16le``, …)."""


def probe(path: str | Path) -> MediaInfo:
    """Open `path` and describe its first audio track; `InputError` when it has none."""
    import av

    path = Path(path)
    with _open(path) as container:
        stream = _audio_stream(container, path)
        duration = None
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / av.time_base
        return MediaInfo(path=path, duration=duration, codec=stream.codec_context.name)


def iter_audio(path: str | Path, *, block_seconds: float = 30.0) -> Iterator[np.ndarray]:
    """Yield the first audio track of `path` as float32 16 kHz mono blocks.

    Blocks are about `block_seconds` long (the last one shorter). Corrupt
    frames in the middle of a file are skipped, as FFmpeg's own tools do.
    """
    import av

    path = Path(path)
    block = int(block_seconds * SAMPLE_RATE)
    with _open(path) as container:
        stream = _audio_stream(container, path)
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        pending: list[np.ndarray] = []
        size = 0
        try:
            for frame in _frames(container, stream, path):
                for out in resampler.resample(frame):
                    samples = out.to_ndarray().reshape(-1)
                    pending.append(samples)
                    size += len(samples)
                if size >= block:
                    joined = np.concatenate(pending)
                    for begin in range(0, len(joined) - block + 1, block):
                        yield joined[begin : begin + block]
                    rest = joined[(len(joined) // block) * block :]
                    pending, size = [rest], len(rest)
            for out in resampler.resample(None):
                pending.append(out.to_ndarray().reshape(-1))
        except av.FFmpegError as error:
            raise InputError(
                f"cannot decode the audio: {_reason(error)}", source=str(path)
            ) from None
        if pending:
            rest = np.concatenate(pending)
            if len(rest):
                yield rest


def _open(path: Path):
    import av

    if not path.exists():
        raise InputError("no such file", source=str(path))
    if path.is_dir():
        raise InputError("is a directory, not a media file", source=str(path))
    try:
        return av.open(str(path), mode="r")
    except av.FFmpegError as error:
        raise InputError(
            f"not an audio or video file FFmpeg can read ({_reason(error)})", source=str(path)
        ) from None
    except (OSError, ValueError) as error:
        raise InputError(f"cannot open: {error}", source=str(path)) from None


def _audio_stream(container, path: Path):
    if not container.streams.audio:
        raise InputError("has no audio track", source=str(path))
    return container.streams.audio[0]


def _frames(container, stream, path: Path):
    import av

    packets = container.demux(stream)
    while True:
        try:
            packet = next(packets)
        except StopIteration:
            return
        except av.FFmpegError as error:
            raise InputError(f"cannot read the file: {_reason(error)}", source=str(path)) from None
        try:
            yield from packet.decode()
        except av.InvalidDataError:
            continue


def _reason(error: Exception) -> str:
    text = getattr(error, "strerror", None) or str(error)
    return str(text).strip().rstrip(".")
