"""Lines of Podium Markdown -> blocks (see `blocks.py`).

Podium Markdown, as `render/markdown.py` writes it::

    ---                                   (optional front matter: metadata)
    writer: extractive
    ---

    # Title

    Intro paragraph.

    > Context line (moderator, co-organisers).

    ## Part I: The Diagnosis

    ### 1. North Korea's Foreign Policy Priorities ▶ [10:40]

    Summary paragraph with "quotes" inline.

    ---

    Closing lines (disclosure, acknowledgement).

    ## About the Speakers

    - Rachel Minyoung Lee

A paragraph that starts with a Markdown marker is written with a backslash
(``\\# …``, ``1\\. …``) and read back without it. Line based by design (not
markdown-it): line numbers must survive into error messages and the layout
has no nesting. PyYAML reads the front matter.
"""

from __future__ import annotations

import re

from podium.engine.brief.page import SPEAKERS_HEADING
from podium.engine.brief.parse.blocks import Block, read_section_head
from podium.engine.errors import BriefError
from podium.engine.structured import load_yaml

_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_ITEM = re.compile(r"^[-*+]\s+(?P<text>.+)$")
_ESCAPED = re.compile(r"^\\(?=[\\#>*+\-_])|^(?P<num>\d+)\\(?=[.)])")


def unescape(text: str) -> str:
    """Undo the leading backslash the renderer puts before a Markdown marker."""
    return _ESCAPED.sub(lambda m: m["num"] or "", text, count=1)


def escape(text: str) -> str:
    """Backslash a paragraph's leading Markdown marker so it stays a paragraph."""
    if re.match(r"^[\\#>*+\-_]", text):
        return "\\" + text
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text, count=1)


def split_front_matter(text: str, *, source: str) -> tuple[dict[str, str], list[str], int]:
    """(metadata, remaining lines, number of lines consumed)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, lines, 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            try:
                data = (
                    load_yaml(
                        "\n".join(lines[1:end]),
                        source=source,
                        error=BriefError,
                        what="not valid YAML",
                        line_offset=1,
                    )
                    or {}
                )
            except BriefError as exc:
                raise BriefError(
                    f"front matter: {exc.reason}", source=source, line=exc.line or 1
                ) from None
            if not isinstance(data, dict):
                raise BriefError("front matter: expected 'key: value' lines", source=source, line=2)
            return {str(k): str(v) for k, v in data.items()}, lines[end + 1 :], end + 1
    raise BriefError("front matter opened with '---' is never closed", source=source, line=1)


def scan_markdown(text: str, *, source: str) -> tuple[list[Block], dict[str, str]]:
    """The blocks of a Podium Markdown brief, and its front-matter metadata."""
    metadata, lines, offset = split_front_matter(text, source=source)
    blocks: list[Block] = []
    paragraph: list[str] = []
    paragraph_line = 0
    quoted = False

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            kind = "context" if quoted else "para"
            joined = " ".join(paragraph)
            blocks.append(
                Block(kind, joined if quoted else unescape(joined), paragraph_line, paragraph)
            )
            paragraph = []

    in_speakers = False
    for number, raw in enumerate(lines, start=offset + 1):
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            level, content = len(heading["marks"]), heading["text"]
            if level == 1:
                blocks.append(Block("title", content, number, [line]))
            elif level == 2 and SPEAKERS_HEADING.match(content):
                blocks.append(Block("speakers", content, number, [line]))
                in_speakers = True
            elif level == 2:
                blocks.append(Block("part", content, number, [line]))
            else:
                head = read_section_head(content, line=number, source=source, explicit=True)
                if head is None:
                    head = Block("section", content, number, [line])
                blocks.append(head)
            continue
        if _RULE.match(line):
            flush()
            blocks.append(Block("rule", line, number, [line]))
            continue
        item = _ITEM.match(line)
        if in_speakers and item:
            flush()
            blocks.append(Block("name", item["text"], number, [item["text"]]))
            continue
        is_quote = line.startswith(">")
        if is_quote:
            line = line[1:].strip()
        if paragraph and is_quote != quoted:
            flush()
        if not paragraph:
            paragraph_line = number
            quoted = is_quote
        paragraph.append(line)
    flush()
    return blocks, metadata
