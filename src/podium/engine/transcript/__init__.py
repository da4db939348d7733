"""Transcripts: read any common format, repair what can be repaired, write them back.

    from podium.engine.transcript import read_transcript, format_transcript
    transcript = read_transcript("panel.vtt")          # format by extension or content
    print(format_transcript(transcript, "md"))

The layout follows faster-whisper's one-stage-per-file habit:

- `model` — `Transcript`, `Segment`, `Word`, `Turn` (dataclasses);
- `source` — bytes to text (BOM, UTF-8, binary and empty files refused);
- `sniff` — which format a file is in;
- `readers/` — one module per format family (``vtt``, ``srt``, ``json`` incl.
  faster-whisper / WhisperX, ``qmsum``, ``text`` for txt and md);
- `cuetext` — speakers and clean text out of subtitle cues;
- `cues` — the repairs every reader shares (order, overlaps, missing ends);
- `writers` — vtt, srt, json, txt, md;
- `qmsum` — QMSum meetings with synthesized times and gold topics.

Every problem is a `TranscriptError` naming the file, line and reason.
"""

from __future__ import annotations

from pathlib import Path

from podium.engine.errors import TranscriptError
from podium.engine.transcript.model import Segment, Transcript, Turn, Word
from podium.engine.transcript.readers import READERS
from podium.engine.transcript.sniff import format_from_path, sniff_format
from podium.engine.transcript.source import check_not_empty, decode, read_bytes
from podium.engine.transcript.writers import WRITERS

FORMATS: tuple[str, ...] = tuple(WRITERS)
"""Formats Podium writes (and reads): ``vtt``, ``srt``, ``json``, ``txt``, ``md``."""
READ_FORMATS: tuple[str, ...] = tuple(READERS)
"""Formats Podium reads: `FORMATS` plus ``qmsum``."""

__all__ = [
    "FORMATS",
    "READ_FORMATS",
    "Segment",
    "Transcript",
    "TranscriptError",
    "Turn",
    "Word",
    "format_transcript",
    "parse_transcript",
    "read_transcript",
    "write_transcript",
]


def _check_format(format: str, known: tuple[str, ...], *, source: str | None) -> str:
    name = format.lower().lstrip(".")
    if name not in known:
        raise TranscriptError(
            f"unknown format {format!r} (known: {', '.join(known)})", source=source
        )
    return name


def parse_transcript(text: str, *, format: str | None = None, source: str = "<text>") -> Transcript:
    """Read transcript text in `format` (sniffed from the content when None)."""
    text = text.removeprefix("\ufeff")
    check_not_empty(text, source=source)
    name = _check_format(format, READ_FORMATS, source=source) if format else sniff_format(text)
    transcript = READERS[name](text, source=source)
    if not transcript.segments:
        raise TranscriptError(
            f"no speech found in this {name} file (no cues with text)", source=source
        )
    return transcript


def read_transcript(path: str | Path, *, format: str | None = None) -> Transcript:
    """Read a transcript file; the format comes from `format`, the extension or the content.

    A ``.txt`` or ``.md`` file is sniffed too, since such files often hold
    another format.
    """
    source = str(path)
    text = decode(read_bytes(path), source=source)
    if format is None:
        by_extension = format_from_path(path)
        if by_extension not in (None, "txt", "md"):
            format = by_extension
        else:
            sniffed = sniff_format(text.removeprefix("\ufeff"))
            format = by_extension if sniffed == "txt" and by_extension else sniffed
    return parse_transcript(text, format=format, source=source)


def format_transcript(transcript: Transcript, format: str) -> str:
    """The transcript as text in `format` (one of `FORMATS`)."""
    return WRITERS[_check_format(format, FORMATS, source=None)](transcript)


def write_transcript(
    transcript: Transcript, path: str | Path, *, format: str | None = None
) -> None:
    """Write the transcript to `path`, in `format` or the one its extension names."""
    path = Path(path)
    if format is None:
        format = format_from_path(path)
        if format is None:
            raise TranscriptError(
                f"cannot tell the format from the name {path.name!r}: use one of "
                f"{', '.join('.' + f for f in FORMATS)} or give the format",
                source=str(path),
            )
    text = format_transcript(transcript, format)
    path.write_text(text, encoding="utf-8")
