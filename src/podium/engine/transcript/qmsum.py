"""QMSum meeting files (Yale-LILY/QMSum, MIT) as transcripts with synthesized times.

A QMSum file has ``meeting_transcripts`` (turns of ``speaker`` and ``content``,
no times), ``topic_list`` (topics with inclusive turn-index spans) and query
lists with human-written answers. We give each turn a time as if spoken at
`WORDS_PER_MINUTE` with `PAUSE` seconds between turns, split long turns into
cue-sized segments at sentence ends, and normalise the parliamentary speaker
labels ("The Chair (Hon. Anthony Rota (Nipissing…, Lib.))", "Lynne Neagle AM")
into the names a brief would use ("Anthony Rota", "Lynne Neagle").

Benchmarks and tests use `load_meeting` for the gold topic spans; the reader
registry (`readers/qmsum.py`) reads QMSum text so ``podium transcript convert
meeting.json out.vtt`` works on a QMSum file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from podium.engine.errors import TranscriptError
from podium.engine.structured import load_json
from podium.engine.transcript.model import Segment, Transcript
from podium.engine.transcript.source import check_not_empty, decode, read_bytes
from podium.engine.wordlists import words_pattern

WORDS_PER_MINUTE = 150.0
PAUSE = 0.8
"""Seconds of silence between two turns."""
MAX_SEGMENT_WORDS = 40
"""Long turns are cut into segments of about this many words, at sentence ends."""

_HONORIFIC = re.compile(rf"^{words_pattern('honorifics')}\.?\s+", re.IGNORECASE)
_CHAIR = re.compile(r"^The\s+(?:Acting\s+|Deputy\s+)?Chair\s*\((?P<inner>.*)\)\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")


@dataclass
class Topic:
    """A QMSum topic: its name and the inclusive turn-index spans it covers."""

    name: str
    spans: list[tuple[int, int]]


@dataclass
class Meeting:
    """A QMSum meeting as a transcript plus its gold annotations."""

    transcript: Transcript
    topics: list[Topic]
    turn_times: list[tuple[float, float]]
    """(start, end) of each original QMSum turn, by turn index."""
    queries: list[dict] = field(default_factory=list)
    """The specific queries: ``query``, ``answer``, ``relevant_text_span``."""
    summary: str = ""
    """The human-written answer to "Summarize the whole meeting."."""


def normalise_speaker(label: str) -> str:
    """ "Hon. Bill Blair (Minister of Public Safety…)" -> "Bill Blair"; "The Chair" stays."""
    label = " ".join(label.split())
    chair = _CHAIR.match(label)
    if chair:
        label = chair["inner"]
    label = re.sub(r"\s*\(.*$", "", label)  # constituency, party, office
    label = re.sub(r"\s+(?:AM|MS|MP|MSP|MLA)$", "", label)
    previous = None
    while previous != label:
        previous = label
        label = _HONORIFIC.sub("", label)
    return label.strip() or "Unknown"


def _split_turn(text: str) -> list[str]:
    sentences = _SENTENCE_END.split(text.strip())
    pieces: list[str] = []
    current: list[str] = []
    for sentence in sentences:
        if current and len(" ".join(current + [sentence]).split()) > MAX_SEGMENT_WORDS:
            pieces.append(" ".join(current))
            current = []
        current.append(sentence)
    if current:
        pieces.append(" ".join(current))
    return [p for p in pieces if p]


def load_meeting(path: str | Path, *, words_per_minute: float = WORDS_PER_MINUTE) -> Meeting:
    """Read a QMSum JSON file into a `Meeting` with synthesized times."""
    source = str(path)
    text = decode(read_bytes(path), source=source).removeprefix("\ufeff")
    check_not_empty(text, source=source)
    data = load_json(text, source=source, error=TranscriptError)
    return meeting_from_data(data, source=source, words_per_minute=words_per_minute)


def meeting_from_data(
    data: dict, *, source: str, words_per_minute: float = WORDS_PER_MINUTE
) -> Meeting:
    if not isinstance(data, dict) or not isinstance(data.get("meeting_transcripts"), list):
        raise TranscriptError("not a QMSum meeting: no 'meeting_transcripts' list", source=source)
    seconds_per_word = 60.0 / words_per_minute
    segments: list[Segment] = []
    turn_times: list[tuple[float, float]] = []
    clock = 0.0
    for index, turn in enumerate(data["meeting_transcripts"]):
        if not isinstance(turn, dict) or "content" not in turn:
            raise TranscriptError(f"turn {index}: expected 'speaker' and 'content'", source=source)
        speaker = normalise_speaker(str(turn.get("speaker") or ""))
        turn_start = clock
        for piece in _split_turn(" ".join(str(turn["content"]).split())):
            duration = max(len(piece.split()) * seconds_per_word, 0.5)
            segments.append(Segment(round(clock, 3), round(clock + duration, 3), speaker, piece))
            clock += duration
        turn_times.append((round(turn_start, 3), round(clock, 3)))
        clock += PAUSE
    topics = []
    for index, topic in enumerate(data.get("topic_list", [])):
        try:
            spans = [(int(a), int(b)) for a, b in topic.get("relevant_text_span", [])]
        except (AttributeError, TypeError, ValueError):
            raise TranscriptError(
                f"topic_list[{index}].relevant_text_span: expected pairs of turn numbers",
                source=source,
            ) from None
        topics.append(Topic(name=str(topic.get("topic", "")), spans=spans))
    summary = next(
        (
            q.get("answer", "")
            for q in data.get("general_query_list", [])
            if "whole meeting" in q.get("query", "").lower()
        ),
        "",
    )
    title = Path(source).stem.replace("_", " ").title()
    transcript = Transcript(segments=segments, title=title, language="en", source=source)
    return Meeting(
        transcript=transcript,
        topics=topics,
        turn_times=turn_times,
        queries=list(data.get("specific_query_list", [])),
        summary=summary,
    )
