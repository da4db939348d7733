"""Lines of the seed's plain-text page layout -> blocks (see `blocks.py`).

The layout, as in ``000_b9ac5712361d871e.txt``: a page preamble (``• Youtube
Video:`` and blank or no-break-space lines), an optional ``Program Brief``
header, the title line, paragraphs separated by blank lines, ``Part …:``
lines, ``N. Title ▶ [mm:ss]`` section heads, and after the brief the page
(event title, date line, venue, ``About the Speakers:`` and bios).
"""

from __future__ import annotations

import re

from podium.engine.brief.page import SPEAKERS_HEADING
from podium.engine.brief.parse.blocks import PART, Block, read_section_head

_PREAMBLE = re.compile(r"^(?:[•·*-]\s*.*|(?:YouTube|Video|Watch|Recording)\b.{0,40}:?)$", re.I)
HEADER = re.compile(r"^(?:Program|Programme|Event|Policy)\s+Brief\s*:?$", re.I)


def scan_text(text: str, *, source: str) -> list[Block]:
    """The blocks of a plain-text brief page, with 1-based line numbers."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    paragraph_line = 0
    have_title = False

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            blocks.append(Block("para", " ".join(paragraph), paragraph_line, paragraph))
            paragraph = []

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
            continue
        if not have_title:
            if _PREAMBLE.match(line) or HEADER.match(line):
                continue
            head = read_section_head(line, line=number, source=source)
            if head is None and not PART.match(line):
                blocks.append(Block("title", line, number, [line]))
                have_title = True
                continue
            have_title = True
        if PART.match(line) and len(line) <= 120:
            flush()
            blocks.append(Block("part", line, number, [line]))
            continue
        if SPEAKERS_HEADING.match(line):
            flush()
            blocks.append(Block("speakers", line, number, [line]))
            continue
        head = read_section_head(line, line=number, source=source)
        if head is not None:
            flush()
            blocks.append(head)
            continue
        if not paragraph:
            paragraph_line = number
        paragraph.append(line)
    flush()
    return blocks
