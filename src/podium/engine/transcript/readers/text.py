"""Plain-text and Markdown transcripts, as transcription services export them.

Two layouts, which may even be mixed in one file:

- header lines followed by paragraphs::

      Rachel Minyoung Lee  00:10:40        (two spaces, Otter style)
      Rachel Minyoung Lee (10:40):         (Rev style, colon optional)
      Rachel Minyoung Lee 10:40            (after a blank line)
      ### Rachel Minyoung Lee · 10:40      (Podium's Markdown)

- one line per turn::

      [00:10:40] Rachel Minyoung Lee: The Congress matters because…
      00:10:40 Rachel Minyoung Lee: …
      [00:11:05] text without a name continues the speaker before
      Rachel Minyoung Lee: [00:10:40] …    (Sonix)

- a time alone on its line, the text below it (YouTube's transcript panel,
  copied), optionally with the speaker's name alone on the line above::

      Rachel Minyoung Lee
      10:40
      The Congress matters because…

Times may be ``mm:ss``, ``h:mm:ss`` or ``hh:mm:ss.mmm`` (`podium.engine.timefmt`).
A cue ends where the next begins; the last after its words at 150 words per
minute (`podium.engine.transcript.cues`). The first line before any speaker
line is the title (``# Title`` in Markdown); Otter's "Transcribed by
https://otter.ai" footer is skipped. Regular expressions do the work.
"""

from __future__ import annotations

import re

from podium.engine.errors import TranscriptError
from podium.engine.timefmt import parse_time
from podium.engine.transcript.cues import Cue, build_transcript
from podium.engine.transcript.cuetext import looks_like_name
from podium.engine.transcript.model import Transcript
from podium.engine.transcript.source import split_lines

_TIME = r"(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_NAME = r"[^\W\d][\w.'’\-]*(?: [\w.'’\-]+){0,5}"
_LINE = re.compile(
    rf"^\s*(?:\[(?P<bracketed>{_TIME})\]|(?P<bare>{_TIME}))\s*(?:[-–]\s*)?"
    rf"(?:(?P<name>{_NAME})\s*:(?:\s+|$))?(?P<text>.*)$"
)
_HEADER = re.compile(
    rf"^(?P<hashes>#{{1,6}}\s+)?(?:\*\*)?(?P<name>{_NAME})(?:\*\*)?"
    rf"(?P<sep>\s*[·|—–-]\s*|\s*[(\[]|\s+)(?P<time>{_TIME})[)\]]?\s*:?\s*$"
)
_TIME_ONLY = re.compile(rf"^[\[(]?(?P<time>{_TIME})[\])]?$")
"""A time alone on its line (YouTube's transcript panel, copied): the text follows."""
_NAME_THEN_TIME = re.compile(rf"^(?P<name>{_NAME}):\s*\[(?P<time>{_TIME})\]\s*(?P<text>.*)$")
"""``Name: [00:10:40] text`` (Sonix)."""
_FOOTER = re.compile(r"^Transcribed by https?://otter\.ai/?$", re.IGNORECASE)
_MD_HEADING = re.compile(rf"^#{{1,6}}\s+(?P<name>\S.*?)\s+·\s+(?P<time>{_TIME})\s*$")
"""Podium's own Markdown heading, ``### Name · 10:40``: any name, as written."""
_BAD_BRACKET_TIME = re.compile(r"^\s*\[(?P<time>[^\]\s]*\d[^\]\s]*:[^\]\s]*)\]")
_TITLE_PREFIX = re.compile(r"^(?:#{1,6}\s+|title:\s*)", re.IGNORECASE)


def _time(text: str, *, line: int, source: str) -> float:
    try:
        return parse_time(text)
    except ValueError:
        raise TranscriptError(
            f"bad time {text!r} (expected h:mm:ss or mm:ss)", source=source, line=line
        ) from None


def parse_text(text: str, *, source: str) -> Transcript:
    """A plain-text or Markdown transcript (either layout above) as a transcript."""
    lines = split_lines(text)
    cues: list[Cue] = []
    paragraphs: list[list[str]] = []
    preamble: list[tuple[int, str]] = []
    previous_blank = True
    name_line: str | None = None
    """The line before, when it stood alone after a blank line and reads as a name."""
    speaker = ""
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            previous_blank = True
            name_line = None
            continue
        if _FOOTER.match(line):
            continue
        started = _start_of_cue(line, previous_blank, number=number, source=source)
        if started is None:
            if cues:
                paragraphs[-1].append(line)
            else:
                preamble.append((number, line))
            name_line = line if previous_blank and looks_like_name(line) else None
            previous_blank = False
            continue
        previous_blank = False
        start, named, first_text = started
        if named is None and not first_text and name_line is not None:
            # "Dana Whitfield" on one line, "00:10:40" on the next
            (paragraphs[-1] if cues else preamble).pop()
            named = name_line
        name_line = None
        speaker = named if named is not None else speaker
        cues.append(Cue(start=start, end=None, speaker=speaker, text="", line=number))
        paragraphs.append([first_text] if first_text else [])
    if not cues:
        raise TranscriptError(
            "no transcript found: expected '[00:10:40] Name: text' lines or 'Name  00:10:40' "
            "header lines (or a vtt, srt or json file)",
            source=source,
        )
    for cue, paragraph in zip(cues, paragraphs, strict=True):
        cue.text = " ".join(" ".join(paragraph).split())
    title = None
    warnings = []
    if preamble:
        title = _TITLE_PREFIX.sub("", preamble[0][1]).strip() or None
        if len(preamble) > 1:
            first, last = preamble[1][0], preamble[-1][0]
            span = f"line {first}" if first == last else f"lines {first}-{last}"
            warnings.append(f"{span}: text before the first timestamp was not read")
    return build_transcript(cues, source=source, title=title, warnings=warnings)


def _start_of_cue(
    line: str, previous_blank: bool, *, number: int, source: str
) -> tuple[float, str | None, str] | None:
    """(start, speaker or None, text) when `line` starts a cue, else None."""
    match = _LINE.match(line)
    if match:
        name = match["name"] if match["name"] and looks_like_name(match["name"]) else None
        if match["bracketed"] or name:
            start = _time(match["bracketed"] or match["bare"], line=number, source=source)
            text = match["text"] if name else line[match.end("bracketed") + 1 :]
            return start, name, text.strip()
    match = _TIME_ONLY.match(line)
    if match:
        return _time(match["time"], line=number, source=source), None, ""
    match = _NAME_THEN_TIME.match(line)
    if match and looks_like_name(match["name"]):
        return _time(match["time"], line=number, source=source), match["name"], match["text"]
    match = _MD_HEADING.match(line)
    if match:
        return _time(match["time"], line=number, source=source), match["name"], ""
    match = _HEADER.match(line)
    if match and looks_like_name(match["name"]):
        plain = not match["hashes"] and not match["sep"].strip()
        if not plain or previous_blank:
            return _time(match["time"], line=number, source=source), match["name"], ""
    bad = _BAD_BRACKET_TIME.match(line)
    if bad:
        raise TranscriptError(
            f"bad time {bad['time']!r} (expected h:mm:ss or mm:ss)", source=source, line=number
        )
    return None
