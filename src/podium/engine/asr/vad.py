"""Voice activity detection: where in a block of audio someone is speaking.

Owns turning samples into speech regions (in seconds), choosing where a
long recording may be cut into chunks without splitting a word, and the
30-second clips Whisper's batched pipeline decodes. The Silero VAD v6 model
that faster-whisper ships as ONNX gives a speech probability per 32 ms frame
(`speech_probabilities`, run by onnxruntime; no torch); that one pass serves
both the fine speaker regions (`speech_regions`) and the speech Whisper decodes
(`whisper_speech`), where the library would run the model a second time.
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


FRAME = 512
"""Samples per Silero frame (32 ms at 16 kHz)."""

WHISPER_VAD = VadOptions(threshold=0.5, min_silence=0.16, min_speech=0.0, pad=0.4)
"""The settings faster-whisper's `BatchedInferencePipeline` gives its own VAD pass."""

WHISPER_CLIP = 30.0
"""Seconds of audio Whisper sees at once."""


def speech_probabilities(audio: np.ndarray) -> np.ndarray:
    """Silero's speech probability for each 512-sample frame of `audio` (16 kHz mono),
    the last frame padded with zeros: the model pass `get_speech_timestamps` makes."""
    from faster_whisper.vad import get_vad_model

    if len(audio) == 0:
        return np.zeros(0, dtype=np.float32)
    padded = np.pad(audio, (0, FRAME - len(audio) % FRAME))
    return np.asarray(get_vad_model()(padded), dtype=np.float32).reshape(-1)


def speech_regions(
    audio: np.ndarray,
    *,
    offset: float = 0.0,
    options: VadOptions | None = None,
    probabilities: np.ndarray | None = None,
) -> list[Region]:
    """Speech regions of `audio` (16 kHz mono), shifted by `offset` seconds; from
    `probabilities` (`speech_probabilities` of the same audio) when given."""
    options = options or VadOptions()
    if len(audio) == 0:
        return []
    if probabilities is None:
        probabilities = speech_probabilities(audio)
    stamps = _timestamps(probabilities, len(audio), options)
    return [Region(offset + a / SAMPLE_RATE, offset + b / SAMPLE_RATE) for a, b in stamps]


def whisper_speech(probabilities: np.ndarray, length: int) -> list[dict[str, int]]:
    """The speech faster-whisper's batched pipeline keeps of audio of `length` samples with
    these speech `probabilities` (its own VAD settings, `WHISPER_VAD`, speech cut at
    `WHISPER_CLIP` seconds), as ``start``/``end`` samples: what its `get_speech_timestamps`
    returns, without running the model again."""
    stamps = _timestamps(probabilities, length, WHISPER_VAD, max_speech=WHISPER_CLIP)
    return [{"start": a, "end": b} for a, b in stamps]


def _timestamps(
    probabilities: np.ndarray, length: int, options: VadOptions, *, max_speech: float = np.inf
) -> list[tuple[int, int]]:
    """Speech (start, end) in samples from Silero's frame probabilities: the thresholds,
    silences, maximum length and padding of faster-whisper's `get_speech_timestamps`
    (MIT, adapted from silero-vad), on probabilities computed once."""
    threshold = options.threshold
    negative = max(threshold - 0.15, 0.01)
    min_speech = SAMPLE_RATE * options.min_speech
    pad = SAMPLE_RATE * options.pad
    longest = SAMPLE_RATE * max_speech - FRAME - 2 * pad
    min_silence = SAMPLE_RATE * options.min_silence
    min_silence_at_max = SAMPLE_RATE * 0.098
    triggered = False
    speeches: list[list[int]] = []
    start = None
    temp_end = prev_end = next_start = 0
    for i, probability in enumerate(probabilities.tolist()):
        here = FRAME * i
        if probability >= threshold and temp_end:
            temp_end = 0
            if next_start < prev_end:
                next_start = here
        if probability >= threshold and not triggered:
            triggered, start = True, here
            continue
        if triggered and here - start > longest:
            if prev_end:
                speeches.append([start, prev_end])
                if next_start < prev_end:
                    triggered, start = False, None
                else:
                    start = next_start
                prev_end = next_start = temp_end = 0
            else:
                speeches.append([start, here])
                start = None
                prev_end = next_start = temp_end = 0
                triggered = False
                continue
        if probability < negative and triggered:
            if not temp_end:
                temp_end = here
            if here - temp_end > min_silence_at_max:
                prev_end = temp_end
            if here - temp_end < min_silence:
                continue
            if temp_end - start > min_speech:
                speeches.append([start, temp_end])
            start = None
            prev_end = next_start = temp_end = 0
            triggered = False
    if start is not None and length - start > min_speech:
        speeches.append([start, length])
    for i, speech in enumerate(speeches):
        if i == 0:
            speech[0] = int(max(0, speech[0] - pad))
        if i != len(speeches) - 1:
            silence = speeches[i + 1][0] - speech[1]
            if silence < 2 * pad:
                speech[1] += int(silence // 2)
                speeches[i + 1][0] = int(max(0, speeches[i + 1][0] - silence // 2))
            else:
                speech[1] = int(min(length, speech[1] + pad))
                speeches[i + 1][0] = int(max(0, speeches[i + 1][0] - pad))
        else:
            speech[1] = int(min(length, speech[1] + pad))
    return [(a, b) for a, b in speeches]


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
