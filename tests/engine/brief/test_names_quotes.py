"""Finding quotes and resolving names, rule by rule (docs/briefs.md, "Speaker resolution")."""

from __future__ import annotations

import pytest

from podium.engine.brief.model import Section
from podium.engine.brief.names import NameIndex, known_speakers, learn_speakers, resolve_sections
from podium.engine.brief.page import bio_speaker, moderator_from, read_date_line, split_context
from podium.engine.brief.quotes import find_quotes
from podium.engine.speakers import Speaker

PANEL = [
    Speaker("Rachel Minyoung Lee"),
    Speaker("Susan A. Thornton"),
    Speaker("Ankit Panda", aliases=("A. Panda",)),
    Speaker("Jonathan Corrado", role="moderator"),
]


@pytest.mark.parametrize(
    "text, quotes",
    [
        ('He said "one" and "two".', ["one", "two"]),
        ("She said “curly” then „low“ and «guillemets».", ["curly", "low", "guillemets"]),
        ("North Korea's Workers' Party met; nothing quoted.", []),
        ("“A ‘nested’ quote, isn't it?”", ["A ‘nested’ quote, isn't it?"]),
        ('Empty "" marks are not a quote.', []),
    ],
)
def test_find_quotes(text, quotes):
    spans, unpaired = find_quotes(text)
    assert [s.text for s in spans] == quotes
    assert unpaired == []
    for span in spans:
        assert span.text in text[span.start : span.end]


def test_unpaired_straight_mark_is_reported():
    spans, unpaired = find_quotes('Fine "quote" then a stray " mark')
    assert [s.text for s in spans] == ["quote"]
    assert unpaired == [len('Fine "quote" then a stray ')]


def _resolve(*paragraphs: str, speakers=PANEL) -> Section:
    section = Section(1, "S", summary=list(paragraphs))
    resolve_sections([section], speakers)
    return section


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rachel Minyoung Lee outlined.", ["Rachel Minyoung Lee"]),
        ("Lee warned.", ["Rachel Minyoung Lee"]),
        ("Susan Thornton evaluated.", ["Susan A. Thornton"]),
        ("A. Panda argued.", ["Ankit Panda"]),
        ("Thornton's view, as Lee said, differs.", ["Susan A. Thornton", "Rachel Minyoung Lee"]),
        ("Corrado asked Panda.", ["Jonathan Corrado", "Ankit Panda"]),
        ("Nobody named here.", []),
        ("Leeward islands, Pandas and Thorntons do not count.", []),
    ],
)
def test_names_in_prose(text, expected):
    assert _resolve(text).speakers == expected


def test_group_words_add_the_panelists_not_the_moderator():
    section = _resolve("Panda began. The panel acknowledged the risks.")
    assert section.speakers == ["Ankit Panda", "Rachel Minyoung Lee", "Susan A. Thornton"]
    assert _resolve("Panelists emphasized calm.").speakers == [
        "Rachel Minyoung Lee",
        "Susan A. Thornton",
        "Ankit Panda",
    ]
    # "panel" that is not the subject of a reporting verb
    assert _resolve("Lee joined the panel late.").speakers == ["Rachel Minyoung Lee"]


def test_group_order_follows_where_the_brief_first_names_people():
    first = Section(1, "A", summary=["Panda opened."])
    second = Section(2, "B", summary=["Thornton spoke. Panelists agreed."])
    resolve_sections([first, second], PANEL)
    assert second.speakers == ["Susan A. Thornton", "Ankit Panda", "Rachel Minyoung Lee"]


def test_quote_goes_to_the_person_named_last_before_it():
    section = _resolve(
        'Lee said "first". Thornton replied "second", then "third".',
        'A new paragraph with "no name before it".',
    )
    assert [(q.text, q.speaker) for q in section.quotes] == [
        ("first", "Rachel Minyoung Lee"),
        ("second", "Susan A. Thornton"),
        ("third", "Susan A. Thornton"),
        ("no name before it", "Rachel Minyoung Lee"),  # the section's main speaker
    ]


def test_names_inside_quotes_are_words_not_speakers():
    section = _resolve('Lee said "Panda is right about Thornton".')
    assert section.speakers == ["Rachel Minyoung Lee"]


def test_a_shared_surname_is_not_used_alone():
    twins = [Speaker("Ann Lee"), Speaker("Bo Lee")]
    assert _resolve("Lee said so. Ann Lee agreed.", speakers=twins).speakers == ["Ann Lee"]
    assert NameIndex(twins).forms.get("Lee") is None


def test_learning_names_from_the_brief():
    learnt = learn_speakers(
        [
            "Dr. Maria Okafor argued this. Later Kim Jong Un warned nobody.",
            "North Korea remained closed.",
            "Jonah Feld noted that.",
            "Ambassador Ward said so.",
            '"Quoted Person said" is not a name.',
        ]
    )
    assert [s.name for s in learnt] == ["Maria Okafor", "Jonah Feld"]


def test_known_speakers_merge_given_page_and_moderator_and_guess_only_without_them():
    sections = [
        Section(
            1, "S", summary=["Kim Jong Un warned.", "Susan Thornton noted.", "Zoe Quinn argued."]
        )
    ]
    moderator = Speaker("Jonathan Corrado", role="moderator")
    known = known_speakers(
        [Speaker("Susan A. Thornton")],
        page=[Speaker("Keith Luse")],
        moderator=moderator,
        sections=sections,
    )
    assert [(s.name, s.role) for s in known] == [
        ("Susan A. Thornton", None),
        ("Keith Luse", None),
        ("Jonathan Corrado", "moderator"),
    ]
    # no speakers given and no bios: names are learnt, those already known are not repeated
    guessed = known_speakers([], moderator=moderator, sections=sections)
    assert [s.name for s in guessed] == [
        "Jonathan Corrado",
        "Kim Jong Un",
        "Susan Thornton",
        "Zoe Quinn",
    ]


def test_context_split_moderator_bio_and_date_line():
    intro, context = split_context(
        "We assembled a panel. This discussion was moderated by Dr. Jane Roe, Fellow, Some Institute."
    )
    assert intro == "We assembled a panel."
    assert context == "This discussion was moderated by Dr. Jane Roe, Fellow, Some Institute."
    moderator = moderator_from(context)
    assert (moderator.name, moderator.title, moderator.organisation) == (
        "Jane Roe",
        "Fellow",
        "Some Institute",
    )
    assert split_context("No context here.") == ("No context here.", "")
    assert (
        bio_speaker("Susan A. Thornton is the Director of the Forum.").name == "Susan A. Thornton"
    )
    assert bio_speaker("Keith Luse").name == "Keith Luse"
    assert bio_speaker("He is a fellow.") is None
    assert read_date_line("Tuesday, February 3, 2026 | 6:30 PM (EST)") == (
        "2026-02-03",
        "18:30",
        "EST",
    )
    assert read_date_line("March 14, 2025") == ("2025-03-14", None, None)
    assert read_date_line("The panel met on Tuesday.") is None
