"""Transcript writers: WebVTT, SRT, Podium JSON, plain text and Markdown.

Each writer is ``format(transcript) -> str``; `WRITERS` names them. What each
format carries, so that reading a written file gives the transcript back:

| format | carries |
| --- | --- |
| vtt  | title (header), language (``Language:`` metadata), cues to the millisecond, speakers as ``<v Name>`` voice tags |
| srt  | cues to the millisecond, speakers as ``Name:`` prefixes |
| json | everything: title, language, segments, word timings and probabilities |
| txt  | title, one ``[m:ss] Name: text`` line per turn (times to the second) |
| md   | title, a ``### Name · m:ss`` heading and a paragraph per turn |

webvtt-py writes the WebVTT (and checks that no cue text would break the file);
the others are a few lines each. Times come from `podium.engine.timefmt`.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import webvtt

from podium.engine.timefmt import format_cue_time, format_time
from podium.engine.transcript.model import Segment, Transcript, Word


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _no_arrow(text: str) -> str:
    """``-->`` would start a cue where the format has no way to escape it."""
    return text.replace("-->", "->")


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def format_vtt(transcript: Transcript) -> str:
    """WebVTT with a ``<v Name>`` voice span per cue that has a speaker."""
    captions = []
    for segment in transcript.segments:
        text = _escape_vtt(_one_line(segment.text))
        if segment.speaker:
            text = f"<v {_escape_vtt(_one_line(segment.speaker))}>{text}"
        captions.append(
            webvtt.Caption(format_cue_time(segment.start), format_cue_time(segment.end), text)
        )
    language = _no_arrow(_one_line(transcript.language or ""))
    metadata = [f"Language: {language}"] if language else []
    header = f"- {_no_arrow(_one_line(transcript.title))}" if transcript.title else None
    document = webvtt.WebVTT(captions=captions, header_text=header, metadata=metadata)
    return document.content


def format_srt(transcript: Transcript) -> str:
    """SubRip, numbered cues, speakers as ``Name:`` prefixes."""
    blocks = []
    for number, segment in enumerate(transcript.segments, start=1):
        text = _no_arrow(_one_line(segment.text))
        if segment.speaker:
            text = f"{_no_arrow(_one_line(segment.speaker))}: {text}"
        timings = (
            f"{format_cue_time(segment.start, decimal=',')} --> "
            f"{format_cue_time(segment.end, decimal=',')}"
        )
        blocks.append(f"{number}\n{timings}\n{text}\n")
    return "\n".join(blocks)


def _word(word: Word) -> dict:
    out: dict = {"start": round(word.start, 3), "end": round(word.end, 3), "text": word.text}
    if word.speaker is not None:
        out["speaker"] = word.speaker
    if word.probability is not None:
        out["probability"] = round(word.probability, 4)
    return out


def _segment(segment: Segment) -> dict:
    out: dict = {
        "start": round(segment.start, 3),
        "end": round(segment.end, 3),
        "speaker": segment.speaker,
        "text": segment.text,
    }
    if segment.words:
        out["words"] = [_word(w) for w in segment.words]
    return out


def transcript_to_dict(transcript: Transcript) -> dict:
    """The Podium JSON shape as plain data (what `format_json` serialises)."""
    return {
        "title": transcript.title,
        "language": transcript.language,
        "segments": [_segment(s) for s in transcript.segments],
    }


def format_json(transcript: Transcript) -> str:
    """Podium JSON: ``{"title", "language", "segments": [...]}``, words included."""
    return json.dumps(transcript_to_dict(transcript), ensure_ascii=False, indent=2) + "\n"


def format_txt(transcript: Transcript) -> str:
    """One ``[m:ss] Name: text`` line per turn, the title first."""
    lines = [_one_line(transcript.title), ""] if transcript.title else []
    for turn in transcript.turns():
        name = f" {_one_line(turn.speaker)}:" if turn.speaker else ""
        lines.append(f"[{format_time(turn.start)}]{name} {_one_line(turn.text)}")
    return "\n".join(lines) + "\n"


def format_md(transcript: Transcript) -> str:
    """Markdown for reading: the title, then a heading with speaker and time per turn."""
    lines = [f"# {_one_line(transcript.title)}", ""] if transcript.title else []
    for turn in transcript.turns():
        if turn.speaker:
            lines += [f"### {_one_line(turn.speaker)} · {format_time(turn.start)}", ""]
            lines += [_one_line(turn.text), ""]
        else:
            lines += [f"[{format_time(turn.start)}] {_one_line(turn.text)}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


WRITERS: dict[str, Callable[[Transcript], str]] = {
    "vtt": format_vtt,
    "srt": format_srt,
    "json": format_json,
    "txt": format_txt,
    "md": format_md,
}
"""Format name -> writer."""
