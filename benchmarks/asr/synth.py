"""Synthetic recordings with a known script: espeak-ng voices, silences, ffmpeg encoding.

Used by the ASR benchmark (a panel of 3–4 voices) and by the ASR tests
(short clips). Debian's ``espeak-ng`` speaks each line into a WAV file; the
lines are joined with pauses in Python's `wave` module, and ``ffmpeg``
encodes the result when another container (mp3, m4a, mp4) is asked for.
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

ESPEAK = shutil.which("espeak-ng") or "/usr/bin/espeak-ng"
FFMPEG = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"
SOX = shutil.which("sox") or "/usr/bin/sox"

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


def add_noise(source: Path, target: Path, *, volume: float = 0.01) -> None:
    """`source` mixed with pink noise at `volume` (0.01: a quiet room hum) by sox."""
    with tempfile.TemporaryDirectory() as tmp:
        noise = Path(tmp) / "noise.wav"
        subprocess.run(
            [SOX, str(source), str(noise), "synth", "pinknoise", "vol", str(volume)],
            check=True,
            capture_output=True,
        )
        mixed = target if target.suffix == ".wav" else Path(tmp) / "mixed.wav"
        subprocess.run(
            [SOX, "-m", "-v", "1", str(source), "-v", "1", str(noise), str(mixed)],
            check=True,
            capture_output=True,
        )
        if mixed != target:
            encode(mixed, target)


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
