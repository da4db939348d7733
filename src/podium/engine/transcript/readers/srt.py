"""SubRip (SRT) reader: webvtt-py parses the cues, a line-numbered pass checks them.

webvtt-py's SRT parser skips cues whose times it cannot read and needs cue
numbers, so `normalise_srt` first walks the lines: it refuses bad times and
cues that end before they start with ``file:line: problem``, supplies missing
cue numbers and writes each timings line in one canonical form. webvtt-py
then reads the cues (multi-line text, blank lines inside a cue) and
`podium.engine.transcript.cuetext` takes out ``Name:`` / ``[Name]`` speakers.
"""

from __future__ import annotations

import re

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from podium.engine.errors import TranscriptError
from podium.engine.timefmt import format_cue_time
from podium.engine.transcript.cues import build_transcript
from podium.engine.transcript.model import Transcript
from podium.engine.transcript.readers.vtt import ScannedCue, captions_to_cues, read_timings
from podium.engine.transcript.source import split_lines

_SRT_TIME = re.compile(r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[,.]\d{1,3})?")


def normalise_srt(lines: list[str], *, source: str) -> tuple[list[str], list[ScannedCue]]:
    """Checked, renumbered SRT lines for webvtt-py, and where each cue was in the file."""
    out: list[str] = []
    scanned: list[ScannedCue] = []
    for number, line in enumerate(lines, start=1):
        if "-->" not in line:
            out.append(line)
            continue
        start, end = read_timings(
            line, number=number, source=source, pattern=_SRT_TIME, expected="hh:mm:ss,mmm"
        )
        if out and out[-1].strip().isdigit():
            out.pop()  # the cue number; a fresh one is written below
        scanned.append(ScannedCue(line=number, start=start, end=end))
        out += [
            "",
            str(len(scanned)),
            f"{format_cue_time(start, decimal=',')} --> {format_cue_time(end, decimal=',')}",
        ]
    if not scanned:
        raise TranscriptError(
            "no SRT cues found (expected 'hh:mm:ss,mmm --> hh:mm:ss,mmm' lines)",
            source=source,
            line=1,
        )
    first = next(i for i, line in enumerate(out) if line.strip())
    if not out[first].strip().isdigit():
        number = next(i + 1 for i, line in enumerate(lines) if line.strip())
        raise TranscriptError(
            f"text before the first cue: {out[first].strip()[:60]!r}", source=source, line=number
        )
    return out[first:], scanned


def parse_srt(text: str, *, source: str) -> Transcript:
    """An SRT document as a transcript."""
    lines, scanned = normalise_srt(split_lines(text), source=source)
    try:
        document = webvtt.WebVTT.from_buffer(["\n".join(lines)], format="srt")
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise TranscriptError(f"not valid SRT: {exc}", source=source) from None
    return build_transcript(captions_to_cues(document.captions, scanned), source=source)
