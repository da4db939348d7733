"""Blocks -> `Brief` (+ the `PageInfo` after it): the rules both text layouts share.

Reading order: title; intro paragraphs (their context sentences become
context lines); parts and numbered sections with their paragraphs; closing
lines (disclosure, acknowledgement: by wording, or everything after a
Markdown ``---``); then the page (event title, date line, venue, speakers).
The brief stops at the first paragraph after its closing lines that is not a
closing line, at ``About the Speakers:``, or at a repeat of the title or a
date line. Section speakers and quotes come from `names.resolve_sections`.

Repairs, each recorded in `Brief.warnings`: sections numbered out of order
are renumbered 1..N; a paragraph between a part line and its first section
joins the previous section (or the intro); a closing-like or page-like
paragraph followed by more sections was brief text after all and joins the
section before it; an unpaired quotation mark is left as text.
"""

from __future__ import annotations

from podium.engine.brief.model import Brief, Part, Section
from podium.engine.brief.names import known_speakers, resolve_sections
from podium.engine.brief.page import (
    PageInfo,
    is_closing,
    moderator_from,
    page_from_paragraphs,
    read_date_line,
    split_context,
)
from podium.engine.brief.parse.blocks import Block
from podium.engine.brief.quotes import find_quotes
from podium.engine.errors import BriefError
from podium.engine.speakers import Speaker


def assemble(
    blocks: list[Block],
    *,
    source: str,
    speakers: list[Speaker] | None = None,
    metadata: dict[str, str] | None = None,
) -> tuple[Brief, PageInfo]:
    if not blocks:
        raise BriefError("the brief is empty", source=source)
    brief = Brief(title="", metadata=dict(metadata or {}))
    warnings = brief.warnings
    phase = "intro"
    section: Section | None = None
    para_lines: dict[int, list[int]] = {}  # id(section) -> line of each paragraph
    heads: dict[int, int] = {}  # id(section) -> line of its head
    page_paragraphs: list[list[str]] = []
    after_rule = False

    def where(line: int) -> str:
        return f"{source}:{line}"

    index = 0
    if blocks[0].kind == "title":
        brief.title = blocks[0].text
        index = 1
    tail: list[Block] = []  # paragraphs taken as closing or page, until the brief ends for sure
    hard_end = False  # a Markdown rule or "About the Speakers" ends the brief for certain
    for block in blocks[index:]:
        kind = block.kind
        if kind in ("section", "part") and phase in ("closing", "page") and not hard_end:
            # More brief after what looked like its end: those paragraphs were brief text.
            del brief.closing[len(brief.closing) - sum(1 for b in tail if b.kind == "closing") :]
            page_paragraphs.clear()
            phase = "body"
            for earlier in tail:
                warnings.append(
                    f"{where(earlier.line)}: a closing or page line inside the brief, kept as text"
                )
                _add_paragraph(brief, section, earlier, para_lines, warnings, where)
            tail.clear()
        if phase == "page":
            page_paragraphs.append(block.lines or [block.text])
            tail.append(Block("page", block.text, block.line, block.lines))
            continue
        if kind == "speakers":
            phase, hard_end = "page", True
            page_paragraphs.append([block.text])
            continue
        if kind == "rule":
            phase, after_rule, hard_end = "closing", True, True
            continue
        if kind == "title":
            warnings.append(f"{where(block.line)}: a second title line, kept as intro")
            kind = "para"
        if kind == "name":
            page_paragraphs.append([block.text])
            phase, hard_end = "page", True
            continue
        if phase == "closing":
            if kind == "para" and (after_rule or is_closing(block.text)):
                brief.closing.append(block.text)
                tail.append(Block("closing", block.text, block.line, block.lines))
            else:
                phase = "page"
                page_paragraphs.append(block.lines or [block.text])
                tail.append(Block("page", block.text, block.line, block.lines))
            continue
        if kind == "context":
            if phase == "intro":
                brief.context.append(block.text)
            else:
                _add_paragraph(brief, section, block, para_lines, warnings, where)
            continue
        if kind == "part":
            phase = "body"
            brief.parts.append(Part(block.text))
            section = None
            continue
        if kind == "section":
            phase = "body"
            if not brief.parts:
                brief.parts.append(Part(""))
            section = Section(number=block.number or 0, title=block.text, start=block.start)
            para_lines[id(section)] = []
            heads[id(section)] = block.line
            brief.parts[-1].sections.append(section)
            continue
        # an ordinary paragraph
        if phase == "intro":
            intro, context = split_context(block.text)
            if intro:
                brief.intro.append(intro)
            if context:
                brief.context.append(context)
            continue
        if is_closing(block.text):
            phase = "closing"
            brief.closing.append(block.text)
            tail.append(Block("closing", block.text, block.line, block.lines))
            continue
        if _starts_page(block.text, brief.title):
            phase = "page"
            page_paragraphs.append(block.lines or [block.text])
            tail.append(Block("page", block.text, block.line, block.lines))
            continue
        _add_paragraph(brief, section, block, para_lines, warnings, where)

    sections = list(brief.sections())
    if not sections:
        raise BriefError(
            "no numbered sections found (expected lines like '1. Title ▶ [10:40]')", source=source
        )
    _check_numbering(sections, heads, warnings, where)
    for found in sections:
        lines = para_lines.get(id(found), [])
        if not found.summary:
            warnings.append(f"{where(heads[id(found)])}: section {found.number} has no text")
        for paragraph, line in zip(found.summary, lines, strict=False):
            _, unpaired = find_quotes(paragraph)
            if unpaired:
                warnings.append(
                    f"{where(line)}: section {found.number}: an unpaired quotation mark, left as text"
                )

    page = page_from_paragraphs(page_paragraphs, title=brief.title)
    page.moderator = next(filter(None, map(moderator_from, brief.context)), None)
    known = known_speakers(
        speakers or [], page=page.speakers, moderator=page.moderator, sections=sections
    )
    resolve_sections(sections, known)
    for found in sections:
        if not found.speakers:
            warnings.append(
                f"{where(heads[id(found)])}: section {found.number} names no known speaker"
            )
    return brief, page


def _add_paragraph(brief, section, block, para_lines, warnings, where) -> None:
    if section is not None:
        section.summary.append(block.text)
        para_lines[id(section)].append(block.line)
        return
    previous = list(brief.sections())
    if previous:
        previous[-1].summary.append(block.text)
        para_lines[id(previous[-1])].append(block.line)
        warnings.append(
            f"{where(block.line)}: a paragraph before the part's first section, kept with section {previous[-1].number}"
        )
    else:
        brief.intro.append(block.text)
        warnings.append(f"{where(block.line)}: a paragraph before the first section, kept as intro")


def _starts_page(text: str, title: str) -> bool:
    return (bool(title) and text.strip().casefold() == title.strip().casefold()) or bool(
        read_date_line(text)
    )


def _check_numbering(
    sections: list[Section], heads: dict[int, int], warnings: list[str], where
) -> None:
    for expected, section in enumerate(sections, start=1):
        if section.number != expected:
            line = heads[id(section)]
            printed = f"numbered {section.number}" if section.number else "without a number"
            warnings.append(f"{where(line)}: section {printed} renumbered {expected}")
            section.number = expected
