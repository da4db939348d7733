"""Which format a transcript is in: by the file's extension, else by its content.

Content rules, first match wins: a ``WEBVTT`` first line is WebVTT; text that
opens with ``{`` or with ``[`` then ``{``/``]`` is JSON; a line starting with
``start -->`` timings (cues without a WEBVTT header) is SRT; anything else
is tried as a plain-text transcript, whose reader says so when it finds none.
"""

from __future__ import annotations

import re
from pathlib import Path

EXTENSIONS = {
    ".vtt": "vtt",
    ".webvtt": "vtt",
    ".srt": "srt",
    ".json": "json",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
}
"""File extension -> format name, for reading and writing."""

_JSON_START = re.compile(r"^\s*(?:\{|\[\s*[\{\]])")
_SRT_TIMINGS = re.compile(r"^[ \t]*\d[^\n]*-->", re.MULTILINE)
"""A line that starts with a number and has ``-->``: cue timings, good or bad."""


def format_from_path(path: str | Path) -> str | None:
    """The format its extension names, or None (no extension, or one we do not know)."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def sniff_format(text: str) -> str:
    """The format the text looks like: ``vtt``, ``json``, ``srt`` or else ``txt``."""
    head = text.lstrip("\ufeff")
    if head.startswith("WEBVTT"):
        return "vtt"
    if _JSON_START.match(head):
        return "json"
    sample = head[:20000]
    if _SRT_TIMINGS.search(sample):
        return "srt"
    return "txt"
