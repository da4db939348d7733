"""Reading a brief from text: sniff the layout, scan it, build the `Brief`.

Three layouts: Podium JSON (starts with ``{``), Podium Markdown (a ``#``
heading or front matter) and the seed's plain-text page (everything else).
"""

from __future__ import annotations

import re
from pathlib import Path

from podium.engine.brief.model import Brief
from podium.engine.brief.page import PageInfo
from podium.engine.brief.parse.assemble import assemble
from podium.engine.brief.parse.json import parse_json
from podium.engine.brief.parse.markdown import scan_markdown
from podium.engine.brief.parse.text import scan_text
from podium.engine.errors import BriefError
from podium.engine.speakers import Speaker

LAYOUTS = ("json", "md", "txt")
MAX_PARAGRAPH_CHARS = 10_000
"""Longest paragraph (or title, or quote) a brief may have; the seed's longest is 548."""
MAX_BRIEF_WORDS = 10_000
"""Most words a brief may have; the seed brief has 643. A longer text is not a brief,
and verifying it would take minutes."""
_MD_HEADING = re.compile(r"^#{1,3}\s+\S", re.M)


def sniff_layout(text: str) -> str:
    """``json``, ``md`` or ``txt``, from the text itself."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return "json"
    if stripped.startswith("---") or _MD_HEADING.search(text):
        return "md"
    return "txt"


def parse_brief_and_page(
    text: str,
    *,
    speakers: list[Speaker] | None = None,
    source: str = "<brief>",
    format: str | None = None,
) -> tuple[Brief, PageInfo]:
    """The brief and the page around it (`PageInfo` is empty for JSON)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise BriefError("the brief is empty", source=source)
    layout = format or sniff_layout(text)
    if layout not in LAYOUTS:
        raise BriefError(
            f"unknown brief format {layout!r} (known: {', '.join(LAYOUTS)})", source=source
        )
    if layout == "json":
        brief, page = parse_json(text, source=source, speakers=speakers), PageInfo()
    elif layout == "md":
        blocks, metadata = scan_markdown(text, source=source)
        brief, page = assemble(blocks, source=source, speakers=speakers, metadata=metadata)
    else:
        brief, page = assemble(scan_text(text, source=source), source=source, speakers=speakers)
    check_size(brief, source=source)
    return brief, page


def check_size(brief: Brief, *, source: str) -> None:
    """Refuse a brief with a paragraph over `MAX_PARAGRAPH_CHARS` or more than `MAX_BRIEF_WORDS`."""
    pieces = [("title", brief.title)]
    pieces += [(f"intro paragraph {i}", p) for i, p in enumerate(brief.intro, 1)]
    pieces += [(f"context line {i}", p) for i, p in enumerate(brief.context, 1)]
    pieces += [(f"closing paragraph {i}", p) for i, p in enumerate(brief.closing, 1)]
    for section in brief.sections():
        where = f"section {section.number}"
        pieces.append((f"{where} title", section.title))
        pieces += [(f"{where} paragraph {i}", p) for i, p in enumerate(section.summary, 1)]
        pieces += [(f"{where} quote {i}", q.text) for i, q in enumerate(section.quotes, 1)]
    words = 0
    for where, text in pieces:
        if len(text) > MAX_PARAGRAPH_CHARS:
            raise BriefError(
                f"{where} is {len(text):,} characters long; a brief paragraph has at most "
                f"{MAX_PARAGRAPH_CHARS:,}",
                source=source,
            )
        words += len(text.split())
    if words > MAX_BRIEF_WORDS:
        raise BriefError(
            f"{words:,} words; a brief has at most {MAX_BRIEF_WORDS:,} (is this a transcript?)",
            source=source,
        )


def parse_brief(
    text: str,
    *,
    speakers: list[Speaker] | None = None,
    source: str = "<brief>",
    format: str | None = None,
) -> Brief:
    """A `Brief` from JSON, Podium Markdown or the seed's text layout (sniffed)."""
    return parse_brief_and_page(text, speakers=speakers, source=source, format=format)[0]


def parse_page(
    text: str, *, speakers: list[Speaker] | None = None, source: str = "<page>"
) -> PageInfo:
    """The page around a brief: event title, date line, venue, speakers and bios."""
    return parse_brief_and_page(text, speakers=speakers, source=source)[1]


def read_text(path: str | Path) -> str:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BriefError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise BriefError("is a directory, not a brief file", source=str(path)) from None
    except UnicodeDecodeError as exc:
        raise BriefError(f"not a UTF-8 text file (byte {exc.start})", source=str(path)) from None


def read_brief(path: str | Path, *, speakers: list[Speaker] | None = None) -> Brief:
    """Read a brief file in any layout; the content decides, not the extension."""
    return parse_brief(read_text(path), speakers=speakers, source=str(path))
