"""JSON transcripts: Podium's own shape and the output of faster-whisper and WhisperX.

Accepted shapes (the standard library's `json` decodes them):

- Podium JSON: ``{"title", "language", "segments": [{"start", "end", "speaker",
  "text", "words"?}]}``, or a bare list of such segment objects;
- faster-whisper / openai-whisper: segments with ``words`` of ``start``,
  ``end``, ``word`` (with its leading space) and ``probability``;
- WhisperX: segments with a ``speaker`` and ``words`` of ``word``, ``start``,
  ``end``, ``score`` and their own ``speaker``; a segment whose words change
  speaker is split there, and words WhisperX could not align (no times) are
  timed from their neighbours;
- a QMSum meeting (``meeting_transcripts``) is handed to
  `podium.engine.transcript.qmsum`.

A value of the wrong type is reported with its path and line
(``talk.json:41: segments[3].start: expected a number, got "1:05"``): the line
is found by `json_line`, which re-reads the text with the pure-Python decoder
and records where each object starts; that only happens on the error path.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import math
from typing import Any

from podium.engine.errors import TranscriptError
from podium.engine.structured import load_json
from podium.engine.timefmt import is_seconds
from podium.engine.transcript.cues import Cue, build_transcript
from podium.engine.transcript.model import Transcript, Word

Path = tuple[str | int, ...]


def is_qmsum(data: Any) -> bool:
    return isinstance(data, dict) and "meeting_transcripts" in data


def parse_json(text: str, *, source: str) -> Transcript:
    """A JSON transcript (any shape in the module docstring) as a transcript."""
    data = load_json(text, source=source, error=TranscriptError)
    if is_qmsum(data):
        from podium.engine.transcript.qmsum import meeting_from_data

        return meeting_from_data(data, source=source).transcript
    return _Reader(text, source).transcript(data)


class _Reader:
    """Reads the decoded data; keeps the text to find lines for errors."""

    def __init__(self, text: str, source: str):
        self.text = text
        self.source = source
        self.unaligned: list[str] = []

    def fail(self, path: Path, problem: str) -> TranscriptError:
        return TranscriptError(
            f"{format_path(path)}: {problem}", source=self.source, line=json_line(self.text, path)
        )

    def transcript(self, data: Any) -> Transcript:
        if isinstance(data, list):
            items, base = data, ()
            title = language = None
        elif isinstance(data, dict):
            if "segments" not in data:
                raise TranscriptError(
                    "expected a 'segments' list (Podium, faster-whisper or WhisperX JSON) "
                    "or a QMSum meeting ('meeting_transcripts')",
                    source=self.source,
                    line=json_line(self.text, ()),
                )
            items, base = data["segments"], ("segments",)
            if not isinstance(items, list):
                raise self.fail(base, f"expected a list of segments, got {_kind(items)}")
            title = self.optional_string(data, "title", ())
            language = self.optional_string(data, "language", ())
        else:
            raise TranscriptError(
                f"expected an object with 'segments' or a list of segments, got {_kind(data)}",
                source=self.source,
                line=1,
            )
        cues: list[Cue] = []
        for index, item in enumerate(items):
            cues.extend(self.segment(item, (*base, index)))
        warnings = []
        if self.unaligned:
            warnings.append(
                f"{self.unaligned[0]}: {len(self.unaligned)} word(s) without times, "
                "timed from the words around them"
            )
        return build_transcript(
            cues, source=self.source, title=title, language=language, warnings=warnings
        )

    def optional_string(self, obj: dict, key: str, path: Path) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail((*path, key), f"expected a string, got {_kind(value)}")
        return value

    def number(self, obj: dict, key: str, path: Path, *, required: bool) -> float | None:
        value = obj.get(key)
        if value is None:
            if required:
                raise self.fail(path, f"'{key}' is missing")
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self.fail((*path, key), f"expected a number of seconds, got {_kind(value)}")
        if value < 0:
            raise self.fail((*path, key), f"must not be negative, got {value}")
        if not is_seconds(value):
            raise self.fail((*path, key), f"later than 1,000 hours, got {value:g}")
        return float(value)

    def speaker(self, obj: dict, path: Path) -> str | None:
        value = obj.get("speaker")
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise self.fail((*path, "speaker"), f"expected a string, got {_kind(value)}")
        return value.strip()

    def segment(self, item: Any, path: Path) -> list[Cue]:
        if not isinstance(item, dict):
            raise self.fail(path, f"expected a segment object, got {_kind(item)}")
        start = self.number(item, "start", path, required=True)
        end = self.number(item, "end", path, required=False)
        assert start is not None
        if end is not None and end < start:
            raise self.fail((*path, "end"), f"{end:g} is before start {start:g}")
        text = item.get("text")
        if text is not None and not isinstance(text, str):
            raise self.fail((*path, "text"), f"expected a string, got {_kind(text)}")
        speaker = self.speaker(item, path)
        raw_words = item.get("words")
        if raw_words is None:
            raw_words = []
        if not isinstance(raw_words, list):
            raise self.fail((*path, "words"), f"expected a list of words, got {_kind(raw_words)}")
        if text is None and not raw_words:
            raise self.fail(path, "'text' is missing")
        words = self.words(raw_words, path, start, end if end is not None else start)
        place = format_path(path)
        if not words or not any(w.speaker for w in words):
            return [
                Cue(
                    start,
                    end,
                    speaker or "",
                    " ".join((text or "").split()),
                    words=tuple(words),
                    place=place,
                )
            ]
        return self.split_by_speaker(words, speaker, text, start, end, place)

    def words(self, raw: list, path: Path, seg_start: float, seg_end: float) -> list[Word]:
        parsed: list[tuple[float | None, float | None, str, str | None, float | None]] = []
        for index, item in enumerate(raw):
            where = (*path, "words", index)
            if not isinstance(item, dict):
                raise self.fail(where, f"expected a word object, got {_kind(item)}")
            token = item.get("word", item.get("text"))
            if not isinstance(token, str):
                raise self.fail(where, "expected 'word' (or 'text') to be a string")
            start = self.number(item, "start", where, required=False)
            end = self.number(item, "end", where, required=False)
            if start is not None and end is not None and end < start:
                raise self.fail((*where, "end"), f"{end:g} is before start {start:g}")
            probability = item.get("probability", item.get("score"))
            if probability is not None and (
                isinstance(probability, bool) or not isinstance(probability, int | float)
            ):
                raise self.fail(
                    where, f"expected 'probability' to be a number, got {_kind(probability)}"
                )
            if start is None or end is None:
                self.unaligned.append(format_path(where))
            parsed.append((start, end, token, self.speaker(item, where), probability))
        words: list[Word] = []
        for index, (start, end, token, speaker, probability) in enumerate(parsed):
            if start is None:
                start = words[-1].end if words else seg_start
            if end is None:
                following = next((p[0] for p in parsed[index + 1 :] if p[0] is not None), seg_end)
                end = max(start, following)
            words.append(
                Word(
                    start=round(start, 3),
                    end=round(end, 3),
                    text=token.strip(),
                    speaker=speaker,
                    probability=float(probability) if probability is not None else None,
                )
            )
        return words

    def split_by_speaker(
        self,
        words: list[Word],
        speaker: str | None,
        text: str | None,
        start: float,
        end: float | None,
        place: str,
    ) -> list[Cue]:
        runs: list[tuple[str, list[Word]]] = []
        current = speaker or ""
        for word in words:
            current = word.speaker or current
            if runs and runs[-1][0] == current:
                runs[-1][1].append(word)
            else:
                runs.append((current, [word]))
        if len(runs) == 1:
            only = runs[0][0]
            return [
                Cue(
                    start,
                    end,
                    only,
                    " ".join((text or self.join(words)).split()),
                    words=tuple(words),
                    place=place,
                )
            ]
        cues = []
        for number, (who, run) in enumerate(runs):
            run_start = start if number == 0 else run[0].start
            run_end = end if number == len(runs) - 1 and end is not None else run[-1].end
            cues.append(Cue(run_start, run_end, who, self.join(run), words=tuple(run), place=place))
        return cues

    def join(self, words: list[Word]) -> str:
        return " ".join(w.text for w in words if w.text)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        short = value if len(value) <= 30 else value[:27] + "..."
        return json.dumps(short)
    if isinstance(value, int | float):
        return repr(value)
    return {"list": "a list", "dict": "an object"}.get(type(value).__name__, type(value).__name__)


def format_path(path: Path) -> str:
    """``("segments", 3, "start")`` -> ``segments[3].start``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out or "top level"


def json_line(text: str, path: Path) -> int | None:
    """1-based line of the value at `path` in the JSON `text` (the key's line for a field)."""
    spans: dict[int, tuple[int, int]] = {}
    items: dict[int, list[int]] = {}

    def parse_object(s_and_end, *args):
        result, end = json.decoder.JSONObject(s_and_end, *args)
        spans[id(result)] = (s_and_end[1] - 1, end)
        return result, end

    def parse_array(s_and_end, scan_once):
        starts: list[int] = []

        def scan_recording(string, index):
            starts.append(index)
            return scan_once(string, index)

        result, end = json.decoder.JSONArray(s_and_end, scan_recording)
        spans[id(result)] = (s_and_end[1] - 1, end)
        items[id(result)] = starts
        return result, end

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object
    decoder.parse_array = parse_array
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    try:
        data = decoder.decode(text)
    except (ValueError, RecursionError):
        return None
    node = data
    offset = spans[id(data)][0] if id(data) in spans else 0
    for step in path:
        if isinstance(node, dict) and isinstance(step, str):
            key_at = _key_offset(text, spans[id(node)], step)
            if key_at is None or step not in node:
                break
            offset, node = key_at, node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            offset, node = items[id(node)][step], node[step]
        else:
            break
    return text.count("\n", 0, offset) + 1


def _key_offset(text: str, span: tuple[int, int], key: str) -> int | None:
    """Offset of `key` among the direct keys of the object spanning `span`."""
    depth = 0
    index, end = span
    while index < end:
        char = text[index]
        if char == '"':
            close = index + 1
            while text[close] != '"':
                close += 2 if text[close] == "\\" else 1
            if depth == 1:
                after = close + 1
                while text[after] in " \t\r\n":
                    after += 1
                if text[after] == ":" and json.loads(text[index : close + 1]) == key:
                    return index
            index = close + 1
            continue
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
        index += 1
    return None
