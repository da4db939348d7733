"""Reads the two seed pages into the pieces the demo loads, so the demo shows
their text exactly (bios, description, caption, publication summaries).

The seed files are plain text copied from real pages: blank-line separated,
with a few fixed anchors ("About the Speakers:", "Speakers", "Related
Publications", "Type: …", "View All Publications"). Each reader checks its
anchors and raises ValueError naming the file and the missing piece.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from podium.demo import SEED_AFTER_EVENT, SEED_BEFORE_EVENT


def _lines(path: Path) -> list[str]:
    """Non-blank lines, stripped (the seeds pad blank lines with spaces)."""
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _index(lines: list[str], anchor: str, path: Path) -> int:
    try:
        return lines.index(anchor)
    except ValueError:
        raise ValueError(f"{path.name}: the line {anchor!r} is missing") from None


def speaker_bios(path: Path = SEED_AFTER_EVENT) -> dict[str, str]:
    """Full bios under "About the Speakers:", by the name each bio starts with."""
    lines = _lines(path)
    bios = {}
    for paragraph in lines[_index(lines, "About the Speakers:", path) + 1 :]:
        name = paragraph.split(" is ", 1)[0]
        if len(name.split()) > 5:
            raise ValueError(
                f"{path.name}: a bio does not start with '<Name> is': {paragraph[:60]!r}"
            )
        bios[name] = paragraph
    return bios


@dataclass
class SeedPublication:
    title: str
    published_on: date
    summary: str
    kind_label: str
    topics: list[str] = field(default_factory=list)


@dataclass
class SeedBeforePage:
    description: list[str]
    image_caption: str
    image_credit: str
    accessibility_note: str
    publications: list[SeedPublication]


def _split_tags(line: str, known: list[str]) -> list[str]:
    """'GenderGlobal Policy' → ['Gender', 'Global Policy'] (the page lost the separators)."""
    tags, rest = [], line
    while rest:
        match = next((t for t in sorted(known, key=len, reverse=True) if rest.startswith(t)), None)
        if match is None:
            raise ValueError(f"unknown topic tag in {line!r}")
        tags.append(match)
        rest = rest[len(match) :]
    return tags


def before_page(path: Path = SEED_BEFORE_EVENT, *, topics: list[str]) -> SeedBeforePage:
    """Description paragraphs, image caption and credit, and related publications of seed 003."""
    lines = _lines(path)
    # The caption is printed twice in a row (image alt text and figcaption).
    caption_at = next(i for i in range(len(lines) - 1) if lines[i] == lines[i + 1])
    caption_line = lines[caption_at]
    caption, _, credit = caption_line.rpartition(" (")
    speakers_at = _index(lines, "Speakers", path)
    description = [*lines[:caption_at], *lines[caption_at + 2 : speakers_at]]
    note = next(line for line in lines if line.startswith("For questions about accessibility"))
    start, end = (
        _index(lines, "Related Publications", path) + 1,
        _index(lines, "View All Publications", path),
    )
    block, publications = lines[start:end], []
    while block:
        title, _duplicate, when, summary, kind, tags, *block = block
        if not kind.startswith("Type: "):
            raise ValueError(f"{path.name}: expected 'Type: …' after the summary of {title!r}")
        publications.append(
            SeedPublication(
                title=title,
                published_on=datetime.strptime(when, "%A, %B %d, %Y").date(),
                summary=summary,
                kind_label=kind.removeprefix("Type: "),
                topics=_split_tags(tags, topics),
            )
        )
    return SeedBeforePage(
        description=description,
        image_caption=caption,
        image_credit=credit.rstrip(")"),
        accessibility_note=note,
        publications=publications,
    )
