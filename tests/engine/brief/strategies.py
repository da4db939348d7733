"""Hypothesis strategies that build random valid briefs.

"Valid" means what a text layout can carry: the section speakers and quotes
are the ones the prose determines (they are resolved with the parser's own
rules after the prose is generated), context lines and closing lines use the
wording the layouts recognise, and prose words never look like a heading, a
date line or a name. JSON carries anything, so `any_brief` is much freer.
"""

from __future__ import annotations

from hypothesis import strategies as st

from podium.engine.brief.model import Brief, Part, Quote, Section
from podium.engine.brief.names import known_speakers, resolve_sections
from podium.engine.speakers import Speaker

FIRST = ["Amara", "Bruno", "Chen", "Dara", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas"]
MIDDLE = ["", "", "K.", "Maria", "J."]
SURNAMES = [
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Nakamura",
    "Moreau",
    "Petrov",
    "Silva",
    "Ward",
    "Yilmaz",
]
WORDS = [
    "budget",
    "water",
    "treaty",
    "border",
    "trade",
    "alliance",
    "reform",
    "market",
    "energy",
    "security",
    "grain",
    "climate",
    "data",
    "risk",
    "talks",
    "region",
    "policy",
    "cities",
    "ports",
    "farmers",
    "courts",
    "youth",
    "health",
    "debt",
    "rules",
    "growth",
    "supply",
    "tariffs",
    "drones",
    "sanctions",
    "aid",
    "the",
    "a",
    "of",
    "in",
    "on",
    "with",
    "and",
    "for",
    "to",
    "more",
    "less",
]
VERBS = ["argued", "noted", "warned", "suggested", "outlined", "emphasized", "explained"]
GROUPS = ["Panelists", "The panel", "The speakers"]
ROMAN = ["I", "II", "III", "IV"]

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
capital_words = st.lists(st.sampled_from(WORDS[:30]), min_size=1, max_size=4).map(
    lambda ws: " ".join(w.capitalize() for w in ws)
)


@st.composite
def people(draw) -> tuple[list[Speaker], Speaker | None]:
    count = draw(st.integers(1, 4))
    surnames = draw(
        st.lists(st.sampled_from(SURNAMES), min_size=count + 1, max_size=count + 1, unique=True)
    )
    speakers = []
    for surname in surnames[:count]:
        first, middle = draw(st.sampled_from(FIRST)), draw(st.sampled_from(MIDDLE))
        speakers.append(Speaker(" ".join(p for p in (first, middle, surname) if p)))
    moderator = None
    if draw(st.booleans()):
        moderator = Speaker(f"{draw(st.sampled_from(FIRST))} {surnames[-1]}", role="moderator")
    return speakers, moderator


def _references(speaker: Speaker) -> list[str]:
    tokens = speaker.name.split()
    return [speaker.name, tokens[-1], f"{tokens[0]} {tokens[-1]}"]


@st.composite
def sentence(draw, speakers: list[Speaker]) -> str:
    kind = draw(st.sampled_from(["named", "quoted", "group", "plain", "plain"]))
    if kind == "plain":
        return f"{draw(capital_words)} {draw(words)}."
    if kind == "group":
        return f"{draw(st.sampled_from(GROUPS))} {draw(st.sampled_from(VERBS))} that {draw(words)}."
    who = draw(st.sampled_from(_references(draw(st.sampled_from(speakers)))))
    verb = draw(st.sampled_from(VERBS))
    if kind == "named":
        return f"{who} {verb} that {draw(words)}."
    opening, closing = draw(st.sampled_from([('"', '"'), ("“", "”")]))
    return f"{who} {verb} {draw(words)} {opening}{draw(words)}{closing} {draw(words)}."


@st.composite
def paragraph(draw, speakers: list[Speaker]) -> str:
    return " ".join(draw(st.lists(sentence(speakers), min_size=1, max_size=4)))


@st.composite
def valid_brief(draw, *, metadata: bool = False) -> tuple[Brief, list[Speaker]]:
    """A brief any layout can carry, and the speakers it was resolved against."""
    speakers, moderator = draw(people())
    plain = st.lists(st.sampled_from(WORDS), min_size=2, max_size=12).map(
        lambda ws: " ".join(ws).capitalize() + "."
    )
    context = []
    if moderator is not None:
        context.append(
            f"This program was moderated by {moderator.name}, Director, {draw(capital_words)} Institute."
        )
    if draw(st.booleans()):
        context.append(
            f"This event was organized in collaboration with the {draw(capital_words)} Council."
        )
    closing = draw(
        st.lists(
            st.sampled_from(
                [
                    "This brief was generated using artificial intelligence and reviewed by staff.",
                    "This program was made possible by the generous support of our members.",
                ]
            ),
            max_size=2,
            unique=True,
        )
    )
    with_parts = draw(st.booleans())
    part_count = draw(st.integers(1, 3)) if with_parts else 1
    parts, number = [], 0
    for index in range(part_count):
        title = f"Part {ROMAN[index]}: {draw(capital_words)}" if with_parts else ""
        sections = []
        for _ in range(draw(st.integers(1 if not with_parts or index == 0 else 0, 3))):
            number += 1
            start = draw(st.none() | st.integers(0, 3 * 3600).map(float))
            summary = draw(st.lists(paragraph(speakers), min_size=1, max_size=3))
            sections.append(Section(number, draw(capital_words), start, summary=summary))
        parts.append(Part(title, sections))
    brief = Brief(
        title=draw(capital_words),
        intro=draw(st.lists(plain, max_size=3)),
        context=context,
        parts=parts,
        closing=closing,
        metadata=draw(
            st.dictionaries(
                st.sampled_from(["writer", "model", "source"]),
                st.sampled_from(["extractive", "1", "null", "a: b"]),
                max_size=2,
            )
        )
        if metadata
        else {},
    )
    all_sections = list(brief.sections())
    resolve_sections(
        all_sections, known_speakers(speakers, moderator=moderator, sections=all_sections)
    )
    return brief, [*speakers, *([moderator] if moderator else [])]


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@st.composite
def any_brief(draw) -> Brief:
    """Any brief at all: JSON must carry every field exactly, whatever the text."""

    def section(number: int) -> Section:
        return Section(
            number=number,
            title=draw(text),
            start=draw(st.none() | st.floats(0, 10**6, allow_nan=False)),
            speakers=draw(st.lists(text, max_size=3)),
            summary=draw(st.lists(text, max_size=3)),
            quotes=draw(st.lists(st.builds(Quote, text, st.none() | text), max_size=3)),
        )

    numbers = iter(range(1, 100))
    parts = [
        Part(draw(text), [section(next(numbers)) for _ in range(draw(st.integers(1, 3)))])
        for _ in range(draw(st.integers(1, 3)))
    ]
    return Brief(
        title=draw(text),
        intro=draw(st.lists(text, max_size=3)),
        context=draw(st.lists(text, max_size=2)),
        parts=parts,
        closing=draw(st.lists(text, max_size=2)),
        metadata=draw(st.dictionaries(text, text, max_size=3)),
    )
