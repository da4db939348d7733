"""The block stream both text layouts are read into, and the section head reader.

The seed's plain-text layout and Podium Markdown differ only in how a line
says what it is; `text.py` and `markdown.py` turn lines into `Block`s and
`assemble.py` builds the `Brief` from blocks, so the two layouts follow one
set of rules. Plain `re`: the layouts are line based and line numbers must
survive for error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from podium.engine.errors import BriefError
from podium.engine.timefmt import parse_time

PLAY = "▶"


@dataclass(slots=True)
class Block:
    """One unit of a brief file."""

    kind: str
    """``title``, ``para``, ``context``, ``part``, ``section``, ``rule`` (closing
    follows), ``speakers`` (page trailer follows), ``name`` (a listed speaker)."""
    text: str
    line: int
    lines: list[str] = field(default_factory=list)
    number: int | None = None
    start: float | None = None


_HEAD = re.compile(r"^(?P<num>\d{1,3})[.)]\s+(?P<rest>\S.*)$")
_TAIL = re.compile(
    r"\s*(?P<play>[▶►⏵]\uFE0F?)?\s*(?:\[(?P<bracket>[^\[\]]*)\]|\((?P<paren>\s*\d[\d:.\s]*)\))\s*$"
)
_BARE_TAIL = re.compile(r"\s*[▶►⏵]\uFE0F?\s*(?P<bare>\d[\d:.]*)?\s*$")
_TIMEISH = re.compile(r"^\s*[\d:.,\s]+\s*$")
PART = re.compile(
    r"^Part\s+(?:[IVXLC]+|\d+|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\b(?:\s*[:.–—-].*)?$",
    re.IGNORECASE,
)


def read_section_head(text: str, *, line: int, source: str, explicit: bool = False) -> Block | None:
    """``3. Deterrence Risks ▶ [35:24]`` as a section block, or None if not a head.

    Also ``▶[10:40]``, ``[10:40]`` without ▶, ``(10:40)``, ``▶ 10:40`` and no time.
    A head without a time must be short and not end like a sentence, unless the
    layout marks it as a heading (`explicit`). A time that cannot be read is
    an error: ``brief.txt:14: section 3: '[35:84]' is not a time``.
    """
    match = _HEAD.match(text.strip())
    if not match:
        return None
    number = int(match["num"])
    rest = match["rest"].rstrip()
    start = None
    tail = _TAIL.search(rest)
    bare = None if tail else _BARE_TAIL.search(rest)
    if tail and (tail["play"] or tail["paren"] or _TIMEISH.match(tail["bracket"] or "")):
        raw = tail["bracket"] if tail["bracket"] is not None else tail["paren"]
        shown = f"[{raw}]" if tail["bracket"] is not None else f"({raw})"
        title = rest[: tail.start()].strip()
        start = _read_time(raw, shown, number=number, line=line, source=source)
    elif bare:
        title = rest[: bare.start()].strip()
        if bare["bare"]:
            start = _read_time(bare["bare"], bare["bare"], number=number, line=line, source=source)
    else:
        title = rest
        if not explicit and (len(rest) > 120 or rest.endswith((".", ",", ";"))):
            return None
    if not title:
        raise BriefError(f"section {number}: the heading has no title", source=source, line=line)
    return Block("section", title, line, [text], number=number, start=start)


def _read_time(raw: str, shown: str, *, number: int, line: int, source: str) -> float:
    try:
        return parse_time(raw.strip())
    except ValueError:
        raise BriefError(
            f"section {number}: {shown!r} is not a time (expected mm:ss or h:mm:ss)",
            source=source,
            line=line,
        ) from None
