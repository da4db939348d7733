"""Synthetic recordings with a known script: espeak-ng voices, silences, ffmpeg encoding.

Used by the ASR benchmark (a panel of 3–4 voices) and by the ASR tests
(short clips). Debian's ``espeak-ng`` speaks each line into a WAV file; the
lines are joined with pauses in Python's `wave` module, and ``ffmpeg``
encodes the result when another container (mp3, m4a, mp4) is asked for.
Light noise is pink noise from numpy's seeded generator (`add_noise`), so the
same seed gives the same file.
The returned `Line`s carry the exact start and end of each line, which is
the ground truth for word error rate and speaker-turn accuracy.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ESPEAK = shutil.which("espeak-ng") or "/usr/bin/espeak-ng"
FFMPEG = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"

VOICES = ("en+m3", "en+f4", "en+m7", "en+steph")
"""espeak-ng voices that sound clearly different (see MODELS.md caveats)."""

CLOSE_VOICES = ("en-us", "en-gb", "en-us+m3", "en-us+f3", "en+m7")
"""Voices that sound alike: the first three are the same male voice with an American
accent, a British one, and the American one with another voice variant (issue 19).
In this espeak-ng `en-gb+m3` ignores its variant, so only `en-us` takes one."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the script: who says what, and the pause after it."""

    speaker: str
    voice: str
    text: str
    pause: float = 0.6
    start: float = 0.0
    end: float = 0.0


def render(lines: list[Line], path: Path, *, speed: int = 155) -> list[Line]:
    """Speak `lines` into `path` (format from its suffix); return the lines with times."""
    path = Path(path)
    timed: list[Line] = []
    with tempfile.TemporaryDirectory() as tmp:
        pieces = []
        for number, line in enumerate(lines):
            piece = Path(tmp) / f"{number}.wav"
            subprocess.run(
                [ESPEAK, "-v", line.voice, "-s", str(speed), "-w", str(piece), line.text],
                check=True,
                capture_output=True,
            )
            with wave.open(str(piece)) as source:
                params = source.getparams()
                pieces.append(source.readframes(source.getnframes()))
        wav_path = path if path.suffix == ".wav" else Path(tmp) / "all.wav"
        rate, width = params.framerate, params.sampwidth
        with wave.open(str(wav_path), "wb") as out:
            out.setparams(params)
            position = 0
            for line, frames in zip(lines, pieces, strict=True):
                start = position / rate
                out.writeframes(frames)
                position += len(frames) // width
                timed.append(replace(line, start=start, end=position / rate))
                silent = int(line.pause * rate)
                out.writeframes(b"\0" * silent * width)
                position += silent
        if wav_path != path:
            encode(wav_path, path)
    return timed


PINK_RMS_PER_VOLUME = 0.21
"""RMS of sox's ``synth pinknoise vol v`` per unit of `v` (measured: 0.0021 at 0.01)."""


def pink_noise(samples: int, rate: int, *, seed: int, rms: float) -> np.ndarray:
    """`samples` of pink (1/f power) noise with this `rms`, the same for the same `seed`.

    White Gaussian noise from numpy's seeded generator, shaped in the frequency
    domain (amplitude 1/sqrt(f) from 20 Hz up; nothing below), so a panel's
    noise can be drawn again exactly, or drawn anew with another seed."""
    generator = np.random.default_rng(seed)
    spectrum = np.fft.rfft(generator.standard_normal(samples))
    frequencies = np.fft.rfftfreq(samples, 1 / rate)
    shape = np.zeros_like(frequencies)
    audible = frequencies >= 20.0
    shape[audible] = 1 / np.sqrt(frequencies[audible])
    noise = np.fft.irfft(spectrum * shape, n=samples)
    return noise * (rms / max(float(np.sqrt(np.mean(noise**2))), 1e-12))


def add_noise(source: Path, target: Path, *, volume: float = 0.01, seed: int = 0) -> None:
    """`source` (a 16-bit mono WAV from `render`) mixed with pink noise at `volume`
    (0.01: a quiet room hum, the level of sox's ``synth pinknoise vol 0.01``).

    The noise comes from `pink_noise` with `seed`, not from sox, whose generator
    is seeded from the clock (a new draw on every run, so a figure could not be
    reproduced)."""
    with wave.open(str(source)) as reader:
        params = reader.getparams()
        frames = reader.readframes(reader.getnframes())
    if params.sampwidth != 2 or params.nchannels != 1:
        raise ValueError(f"{source}: expected 16-bit mono WAV, got {params}")
    speech = np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768
    noise = pink_noise(len(speech), params.framerate, seed=seed, rms=PINK_RMS_PER_VOLUME * volume)
    mixed = np.clip(np.round((speech + noise) * 32768), -32768, 32767).astype("<i2")
    with tempfile.TemporaryDirectory() as tmp:
        out = target if target.suffix == ".wav" else Path(tmp) / "mixed.wav"
        with wave.open(str(out), "wb") as writer:
            writer.setparams(params)
            writer.writeframes(mixed.tobytes())
        if out != target:
            encode(out, target)


def encode(source: Path, target: Path) -> None:
    """Re-encode `source` into `target`; an .mp4/.mkv/.webm gets a small black video track."""
    video = target.suffix in {".mp4", ".mkv", ".webm"}
    command = [FFMPEG, "-y", "-loglevel", "error"]
    if video:
        command += ["-f", "lavfi", "-i", "color=c=black:s=32x32:r=5"]
    command += ["-i", str(source)]
    if video:
        command += ["-shortest", "-map", "0:v", "-map", "1:a"]
    command += [str(target)]
    subprocess.run(command, check=True, capture_output=True)


def silence(path: Path, seconds: float) -> None:
    """A file of digital silence (with a little hiss, like a real empty room)."""
    subprocess.run(
        [
            FFMPEG,
            "-y",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"anoisesrc=d={seconds}:c=pink:a=0.0005:r=16000",
            "-ac",
            "1",
            str(path),
        ],
        check=True,
        capture_output=True,
    )
