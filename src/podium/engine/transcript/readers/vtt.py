"""WebVTT reader: webvtt-py parses the file, a line-numbered pre-pass checks it.

webvtt-py reads cue identifiers, settings, multi-line cue text, ``NOTE``,
``STYLE`` and ``REGION`` blocks and the header. Its errors carry no line
numbers and it silently skips a cue whose timings it cannot read, so first
`scan_cues` walks the lines by the same block rules and refuses bad timings
or a cue ending before it starts with ``file:line: problem``. Speakers and
text come out of each cue through `podium.engine.transcript.cuetext`;
YouTube's rolling automatic captions go through `readers.youtube` instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from podium.engine.errors import TranscriptError
from podium.engine.timefmt import parse_time
from podium.engine.transcript.cues import Cue, build_transcript
from podium.engine.transcript.cuetext import cues_from_caption
from podium.engine.transcript.model import Transcript
from podium.engine.transcript.readers.youtube import is_rolling, rolling_captions_to_cues
from podium.engine.transcript.source import split_lines

_TIMINGS = re.compile(r"^\s*(?P<start>.*?)\s*-->\s*(?P<end>\S*)(?P<settings>.*)$")
_VTT_TIME = re.compile(r"(?:\d+:)?\d{1,2}:\d{1,2}\.\d{1,3}")
_LOOKS_TIMED = re.compile(r"^\s*\d+:\d")
_METADATA = re.compile(r"^(?P<key>[\w-]+)\s*:\s*(?P<value>.+)$")


@dataclass(frozen=True, slots=True)
class ScannedCue:
    """Where a cue's timings line is, and the times on it."""

    line: int
    start: float
    end: float


def scan_blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Blocks of non-empty lines with the 1-based line number of their first line.

    Same rules as WebVTT (and webvtt-py): a block ends at an empty line, and a
    ``-->`` line that cannot be the timings of the current block starts a new one.
    """
    blocks: list[tuple[int, list[str]]] = []
    block: list[str] = []
    first = 0
    in_header = True
    for number, line in enumerate(lines, start=1):
        starts_new = bool(
            block and "-->" in line and (in_header or len(block) > 1 or "-->" in block[0])
        )
        if (not line or starts_new) and block:
            blocks.append((first, block))
            block = []
            in_header = False
        if line:
            if not block:
                first = number
            block.append(line)
    if block:
        blocks.append((first, block))
    return blocks


def read_timings(
    line: str, *, number: int, source: str, pattern: re.Pattern[str], expected: str = "hh:mm:ss.mmm"
) -> tuple[float, float]:
    """Start and end of a ``start --> end`` line, or a `TranscriptError` naming the line."""
    match = _TIMINGS.match(line)
    if not match:  # pragma: no cover - callers only pass lines with "-->"
        raise TranscriptError(
            f"not a cue timings line: {line.strip()!r}", source=source, line=number
        )
    times = []
    for which in ("start", "end"):
        text = match[which]
        if not text:
            raise TranscriptError(
                f"cue {which} time is missing in {line.strip()!r}", source=source, line=number
            )
        try:
            if not pattern.fullmatch(text):
                raise ValueError(text)
            times.append(parse_time(text))
        except ValueError:
            raise TranscriptError(
                f"bad cue {which} time {text!r} (expected {expected})", source=source, line=number
            ) from None
    start, end = times
    if end < start:
        raise TranscriptError(
            f"cue end {match['end']} is before its start {match['start']}",
            source=source,
            line=number,
        )
    return start, end


@dataclass(slots=True)
class Scan:
    """What `scan_cues` found: the cues, the lines to give webvtt-py, the repairs."""

    cues: list[ScannedCue]
    lines: list[str]
    warnings: list[str]


def scan_cues(lines: list[str], *, source: str) -> Scan:
    """Check every cue block's timings; note where each cue is.

    A block of plain text right after a cue (a blank line inside the cue's
    text, which WebVTT does not allow and webvtt-py would drop) is joined to
    that cue, with a warning. A block that looks like broken timings, or text
    before the first cue, is an error.
    """
    if not lines or not (lines[0] == "WEBVTT" or lines[0].startswith(("WEBVTT ", "WEBVTT\t"))):
        hint = (
            " (this looks like SRT: try --from srt)"
            if any("-->" in x and "," in x for x in lines[:20])
            else ""
        )
        raise TranscriptError(
            f"not a WebVTT file: the first line must be 'WEBVTT'{hint}", source=source, line=1
        )
    cues: list[ScannedCue] = []
    joined: list[int] = []
    drop: set[int] = set()
    previous_is_cue = False
    previous_end = 0
    for first, block in scan_blocks(lines)[1:]:
        head = block[0]
        if head.startswith("NOTE") and (head == "NOTE" or head[4] in " \t"):
            previous_is_cue = False
            continue
        if head in ("STYLE", "REGION") and not any("-->" in x for x in block):
            previous_is_cue = False
            continue
        if "-->" in head:
            offset = 0
        elif len(block) > 1 and "-->" in block[1]:
            offset = 1
        elif previous_is_cue and not _LOOKS_TIMED.match(head):
            joined.append(first)
            drop.update(range(previous_end, first - 1))  # the blank lines between (0-based)
            previous_end = first - 1 + len(block)
            continue
        else:
            raise TranscriptError(
                f"expected cue timings 'hh:mm:ss.mmm --> hh:mm:ss.mmm', found {head.strip()[:60]!r}",
                source=source,
                line=first,
            )
        number = first + offset
        start, end = read_timings(block[offset], number=number, source=source, pattern=_VTT_TIME)
        cues.append(ScannedCue(line=number, start=start, end=end))
        previous_is_cue = True
        previous_end = first - 1 + len(block)
    warnings = []
    if joined:
        warnings.append(
            f"line {joined[0]}: text after a blank line inside a cue; "
            f"{len(joined)} such block(s) joined to the cue above"
        )
    kept = [line for index, line in enumerate(lines) if index not in drop]
    return Scan(cues=cues, lines=kept, warnings=warnings)


def parse_vtt(text: str, *, source: str) -> Transcript:
    """A WebVTT document as a transcript."""
    scan = scan_cues(split_lines(text), source=source)
    scanned = scan.cues
    try:
        document = webvtt.WebVTT.from_string("\n".join(scan.lines))
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise TranscriptError(f"not valid WebVTT: {exc}", source=source) from None

    title = document.header_text.strip(" \t-–—:") or None
    language = None
    for meta in document.metadata:
        match = _METADATA.match(meta)
        if match and match["key"].lower() == "language":
            language = match["value"].strip()
        elif match and match["key"].lower() == "title":
            title = match["value"].strip()

    if is_rolling(document.captions):
        lines = caption_lines(document.captions, scanned)
        cues = rolling_captions_to_cues(document.captions, lines)
    else:
        cues = captions_to_cues(document.captions, scanned)
    return build_transcript(
        cues, source=source, title=title, language=language, warnings=scan.warnings
    )


def caption_lines(captions: list[webvtt.Caption], scanned: list[ScannedCue]) -> list[int | None]:
    """The file line of each webvtt-py caption: the `scan_cues` entry with its times, in order."""
    lines: list[int | None] = []
    position = 0
    for caption in captions:
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        line = None
        for index in range(position, len(scanned)):
            if abs(scanned[index].start - start) < 5e-4 and abs(scanned[index].end - end) < 5e-4:
                line, position = scanned[index].line, index + 1
                break
        lines.append(line)
    return lines


def captions_to_cues(captions: list[webvtt.Caption], scanned: list[ScannedCue]) -> list[Cue]:
    """webvtt-py captions as cues, each with the file line `scan_cues` found it on.

    A caption that names no speaker keeps the speaker of the caption before it.
    """
    cues: list[Cue] = []
    speaker = ""
    for caption, line in zip(captions, caption_lines(captions, scanned), strict=True):
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        found, speaker = cues_from_caption(start, end, caption.raw_text, line=line, speaker=speaker)
        cues.extend(found)
    return cues
