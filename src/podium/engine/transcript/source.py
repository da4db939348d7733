"""Turning a transcript file's bytes into text, with errors that name the line.

Owns the checks every reader needs before parsing: empty file, binary file,
byte-order marks (UTF-8, UTF-16), text that is not UTF-8, and splitting into
lines on CR, LF or CRLF exactly as WebVTT does, so line numbers match what an
editor shows. The standard library's codecs do the decoding.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from podium.engine.errors import TranscriptError

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes; a missing file or a directory is a `TranscriptError`."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TranscriptError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise TranscriptError("is a directory, not a transcript file", source=str(path)) from None
    except PermissionError:
        raise TranscriptError("permission denied", source=str(path)) from None


def decode(data: bytes, *, source: str) -> str:
    """Decode a transcript file: BOM-aware, UTF-8 by default, binary files refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _not_text(body, exc, source, encoding) from None
    if b"\x00" in data[:8192]:
        raise TranscriptError(
            "binary file, not a transcript (expected text: vtt, srt, json or txt)",
            source=source,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_text(data, exc, source, "utf-8") from None


def _not_text(data: bytes, exc: UnicodeDecodeError, source: str, encoding: str) -> TranscriptError:
    line = data[: exc.start].count(b"\n") + 1
    byte = data[exc.start : exc.start + 1].hex()
    return TranscriptError(
        f"not {encoding.upper()} text (byte 0x{byte}); save the file as UTF-8",
        source=source,
        line=line,
    )


def split_lines(text: str) -> list[str]:
    """Lines split on CR, LF and CRLF; line ``n`` of the file is ``lines[n - 1]``."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def check_not_empty(text: str, *, source: str) -> None:
    """Refuse a file with nothing but white space in it."""
    if not text.strip():
        raise TranscriptError("empty file, no transcript in it", source=source)
