"""Recordings for the ASR tests, made once per session with espeak-ng and ffmpeg.

Nothing is committed: the clips are spoken from a known script into the
session's temporary directory, so the tests know every word and when it was
said.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from benchmarks.asr.synth import FFMPEG, Line, render, silence

MODERATOR, PANELIST = "en+m3", "en+steph"

SCRIPT = [
    Line(
        "moderator",
        MODERATOR,
        "Good morning and welcome to our panel on energy policy. "
        "Today we will discuss how governments can finance the transition.",
        pause=0.9,
    ),
    Line(
        "panelist",
        PANELIST,
        "Thank you for having me. Public budgets are already stretched, "
        "so private capital has to carry most of the load.",
        pause=0.9,
    ),
    Line(
        "moderator",
        MODERATOR,
        "Farmers in the region have told us that water is now their biggest worry.",
        pause=0.8,
    ),
    Line(
        "panelist",
        PANELIST,
        "Local councils know their communities far better than any ministry does.",
        pause=0.5,
    ),
]


@pytest.fixture(scope="session")
def no_network():
    """Within this context any attempt to open a network connection fails the test."""
    import contextlib
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    @contextlib.contextmanager
    def guard():
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(socket.socket, "connect", refuse)
            patch.setattr(socket.socket, "connect_ex", refuse)
            patch.setattr(socket, "create_connection", refuse)
            patch.setattr(socket, "getaddrinfo", refuse)
            yield

    return guard


@dataclass(frozen=True)
class Clips:
    two_voices: Path
    """The script above as AAC in an .m4a file."""
    lines: list[Line]
    """The script with the start and end of every line."""
    silent: Path
    """Four seconds of faint noise and no voice."""
    video_only: Path
    """An .mp4 with a video track and no audio."""
    not_media: Path
    """A text file named like an mp3."""


@pytest.fixture(scope="session")
def clips(tmp_path_factory) -> Clips:
    for tool in ("espeak-ng", "ffmpeg"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is not installed (make test installs espeak-ng and ffmpeg)")
    folder = tmp_path_factory.mktemp("asr")
    two_voices = folder / "two voices.m4a"
    lines = render(SCRIPT, two_voices)
    silent = folder / "silent.wav"
    silence(silent, 4.0)
    video_only = folder / "video-only.mp4"
    subprocess.run(
        [
            FFMPEG,
            "-y",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "color=c=black:s=32x32:d=2:r=5",
            str(video_only),
        ],
        check=True,
    )
    not_media = folder / "notes.mp3"
    not_media.write_text("These are my notes, not a recording.\n", encoding="utf-8")
    return Clips(two_voices, lines, silent, video_only, not_media)
