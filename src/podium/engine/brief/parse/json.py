"""Podium JSON -> `Brief`, checking the shape field by field.

The shape is what `render/json.py` writes (``version`` 1). Errors name the
field path, e.g. ``brief.json: parts[0].sections[2].start: expected seconds
or a time like '35:24', got 'soon'``. A section without ``speakers`` or
``quotes`` gets them resolved from its summary, as in the text layouts.
The standard library's `json` reads the text (through `podium.engine.structured.load_json`,
which also refuses nesting deeper than Python's recursion limit).
"""

from __future__ import annotations

from typing import Any

from podium.engine.brief.model import Brief, Part, Quote, Section
from podium.engine.brief.names import known_speakers, resolve_sections
from podium.engine.brief.page import moderator_from
from podium.engine.errors import BriefError
from podium.engine.speakers import Speaker
from podium.engine.structured import load_json
from podium.engine.timefmt import is_seconds, parse_time

VERSION = 1


class _Shape:
    def __init__(self, source: str):
        self.source = source

    def fail(self, path: str, problem: str) -> BriefError:
        return BriefError(f"{path}: {problem}" if path else problem, source=self.source)

    def obj(self, value: Any, path: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected an object, got {_kind(value)}")
        return value

    def text(self, value: Any, path: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, got {_kind(value)}")
        return value

    def texts(self, value: Any, path: str) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list of text, got {_kind(value)}")
        return [self.text(item, f"{path}[{i}]") for i, item in enumerate(value)]

    def items(self, value: Any, path: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list, got {_kind(value)}")
        return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


def parse_json(text: str, *, source: str, speakers: list[Speaker] | None = None) -> Brief:
    data = load_json(text, source=source, error=BriefError)
    shape = _Shape(source)
    data = shape.obj(data, "")
    version = data.get("version", VERSION)
    if version != VERSION:
        raise shape.fail("version", f"this Podium reads version {VERSION}, got {version!r}")
    if "parts" not in data and "sections" in data:
        data = {**data, "parts": [{"title": "", "sections": data["sections"]}]}
    metadata = shape.obj(data.get("metadata") or {}, "metadata")
    brief = Brief(
        title=shape.text(data.get("title", ""), "title"),
        intro=shape.texts(data.get("intro"), "intro"),
        context=shape.texts(data.get("context"), "context"),
        closing=shape.texts(data.get("closing"), "closing"),
        metadata={str(k): str(v) for k, v in metadata.items()},
    )
    unresolved: list[Section] = []
    paths: list[str] = []
    for p, part_data in enumerate(shape.items(data.get("parts"), "parts")):
        part_path = f"parts[{p}]"
        part_data = shape.obj(part_data, part_path)
        part = Part(shape.text(part_data.get("title", ""), f"{part_path}.title"))
        for s, section_data in enumerate(
            shape.items(part_data.get("sections"), f"{part_path}.sections")
        ):
            path = f"{part_path}.sections[{s}]"
            section_data = shape.obj(section_data, path)
            section = _section(shape, section_data, path)
            paths.append(path)
            if "speakers" not in section_data or "quotes" not in section_data:
                unresolved.append(section)
            part.sections.append(section)
        brief.parts.append(part)
    sections = list(brief.sections())
    if not sections:
        raise shape.fail("parts", "the brief has no sections")
    for expected, (path, section) in enumerate(zip(paths, sections, strict=True), start=1):
        if section.number != expected:
            brief.warnings.append(
                f"{source}: {path}.number: {section.number} renumbered {expected}"
            )
            section.number = expected
    if unresolved:
        resolved = [
            Section(s.number, s.title, s.start, summary=list(s.summary)) for s in unresolved
        ]
        moderator = next(filter(None, map(moderator_from, brief.context)), None)
        known = known_speakers(speakers or [], moderator=moderator, sections=sections)
        resolve_sections(resolved, known)
        for section, found in zip(unresolved, resolved, strict=True):
            section.speakers = section.speakers or found.speakers
            section.quotes = section.quotes or found.quotes
    return brief


def _section(shape: _Shape, data: dict, path: str) -> Section:
    number = data.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise shape.fail(f"{path}.number", f"expected a whole number from 1, got {number!r}")
    start = data.get("start")
    if isinstance(start, str):
        try:
            start = parse_time(start)
        except ValueError:
            raise shape.fail(
                f"{path}.start", f"expected seconds or a time like '35:24', got {start!r}"
            ) from None
    elif start is not None and not is_seconds(start):
        raise shape.fail(f"{path}.start", f"expected seconds or a time like '35:24', got {start!r}")
    quotes = []
    for q, quote in enumerate(shape.items(data.get("quotes"), f"{path}.quotes")):
        if isinstance(quote, str):
            quotes.append(Quote(quote))
            continue
        quote = shape.obj(quote, f"{path}.quotes[{q}]")
        quotes.append(
            Quote(
                shape.text(quote.get("text"), f"{path}.quotes[{q}].text"),
                shape.text(quote.get("speaker"), f"{path}.quotes[{q}].speaker", optional=True),
            )
        )
    return Section(
        number=number,
        title=shape.text(data.get("title"), f"{path}.title"),
        start=float(start) if start is not None else None,
        speakers=shape.texts(data.get("speakers"), f"{path}.speakers"),
        summary=shape.texts(data.get("summary"), f"{path}.summary"),
        quotes=quotes,
    )
