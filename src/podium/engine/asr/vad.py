"""Voice activity detection: where in a block of audio someone is speaking.

Owns turning samples into speech regions (in seconds) and choosing where a
long recording may be cut into chunks without splitting a word. The Silero
VAD v6 model that faster-whisper ships as ONNX does the detection
(`faster_whisper.vad.get_speech_timestamps`, run by onnxruntime; no torch).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from podium.engine.asr.audio import SAMPLE_RATE


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of speech, in seconds from the start of the recording."""

    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class VadOptions:
    """How finely speech is separated from silence (for speaker turns, not for Whisper)."""

    threshold: float = 0.5
    """Silero speech probability above which a 32 ms frame counts as speech."""
    min_silence: float = 0.25
    """Seconds of silence that end a region; short, so turn changes are seen."""
    min_speech: float = 0.2
    """Regions shorter than this many seconds are dropped as clicks and breaths."""
    pad: float = 0.03
    """Seconds added to both ends of each region."""


def speech_regions(
    audio: np.ndarray, *, offset: float = 0.0, options: VadOptions | None = None
) -> list[Region]:
    """Speech regions of `audio` (16 kHz mono), shifted by `offset` seconds."""
    from faster_whisper.vad import VadOptions as SileroOptions
    from faster_whisper.vad import get_speech_timestamps

    options = options or VadOptions()
    if len(audio) == 0:
        return []
    stamps = get_speech_timestamps(
        audio,
        SileroOptions(
            threshold=options.threshold,
            min_silence_duration_ms=int(options.min_silence * 1000),
            min_speech_duration_ms=int(options.min_speech * 1000),
            speech_pad_ms=int(options.pad * 1000),
        ),
        sampling_rate=SAMPLE_RATE,
    )
    return [
        Region(offset + s["start"] / SAMPLE_RATE, offset + s["end"] / SAMPLE_RATE) for s in stamps
    ]


def cut_point(regions: list[Region], *, length: float, earliest: float) -> float:
    """Where to end a chunk of `length` seconds: the middle of its longest pause after `earliest`.

    Times are relative to the chunk. When the speech never pauses after
    `earliest`, the chunk ends at `length` (a word may then be cut in two).
    """
    best, best_gap = length, 0.0
    previous_end = 0.0
    for region in [*regions, Region(length, length)]:
        gap = region.start - previous_end
        middle = (region.start + previous_end) / 2
        if middle >= earliest and gap > best_gap:
            best, best_gap = middle, gap
        previous_end = max(previous_end, region.end)
    return best
