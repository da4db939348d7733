"""The seed page 000_… parsed as issue 3 requires: parts, sections, times, speakers, quotes."""

from __future__ import annotations

import pytest

from podium.engine.brief import parse_brief, parse_brief_and_page, read_brief, render_brief
from podium.engine.timefmt import parse_time

SEED_TIMES = ["10:40", "14:16", "35:24", "39:21", "36:10", "1:20:48", "29:53", "28:24"]
MAIN_SPEAKERS = [
    "Rachel Minyoung Lee",
    "Susan A. Thornton",
    "Ankit Panda",
    "Keith Luse",
    "Rachel Minyoung Lee",
    "Susan A. Thornton",
    "Ankit Panda",
    "Keith Luse",
]


@pytest.fixture
def seed(seed_brief_path):
    return parse_brief_and_page(seed_brief_path.read_text(encoding="utf-8"), source="seed.txt")


def test_seed_has_two_parts_and_eight_numbered_sections(seed):
    brief, _ = seed
    assert brief.title == "Prospects for Relations with North Korea"
    assert [p.title for p in brief.parts] == [
        "Part I: The Diagnosis",
        "Part II: The Treatment Plan",
    ]
    assert [len(p.sections) for p in brief.parts] == [4, 4]
    assert [s.number for s in brief.sections()] == list(range(1, 9))
    assert brief.section(3).title == "Deterrence Risks"
    assert brief.warnings == []


def test_seed_section_times_in_seconds(seed):
    brief, _ = seed
    assert [s.start for s in brief.sections()] == [parse_time(t) for t in SEED_TIMES]
    assert brief.section(6).start == 4848.0


def test_seed_main_speaker_of_every_section(seed):
    brief, _ = seed
    assert [s.speakers[0] for s in brief.sections()] == MAIN_SPEAKERS
    # "Susan Thornton evaluated" resolves to the bio's "Susan A. Thornton"
    assert brief.section(2).speakers == ["Susan A. Thornton"]


def test_seed_group_words_add_the_other_panelists_but_not_the_moderator(seed):
    brief, _ = seed
    panel = {"Rachel Minyoung Lee", "Susan A. Thornton", "Ankit Panda", "Keith Luse"}
    for number in (6, 8):  # "The panel acknowledged", "Panelists emphasized"
        section = brief.section(number)
        assert set(section.speakers) == panel
        assert "Jonathan Corrado" not in section.speakers
    assert brief.section(6).speakers[0] == "Susan A. Thornton"
    assert brief.section(8).speakers[0] == "Keith Luse"


def test_seed_quotes_with_their_speakers(seed):
    brief, _ = seed
    quotes = {s.number: [(q.text, q.speaker) for q in s.quotes] for s in brief.sections()}
    assert quotes[2] == [
        ("denuclearization", "Susan A. Thornton"),
        ("pacemaker", "Susan A. Thornton"),
    ]
    assert quotes[3] == [("extremely low threshold", "Ankit Panda")]
    assert quotes[7] == [
        (
            "without any communication or direct engagement with our third nuclear adversary",
            "Ankit Panda",
        )
    ]
    assert quotes[8] == [
        (
            "no reason why we need to yield to Russia on impacting and interacting with the lives"
            " of the North Korean people.",
            "Keith Luse",
        )
    ]
    assert quotes[1] == quotes[4] == quotes[5] == quotes[6] == []


def test_seed_intro_context_and_closing(seed):
    brief, _ = seed
    assert len(brief.intro) == 3
    assert brief.intro[0].startswith("This program examined prospects")
    assert brief.intro[2].endswith("at the Korea Society in New York City.")
    assert brief.context == [
        "This timely discussion was moderated by Jonathan Corrado, Director of Policy Programs,"
        " The Korea Society.",
        "This program was organized in collaboration with the National Committee on American"
        " Foreign Policy and The APEC Study Center at Columbia University.",
    ]
    assert len(brief.closing) == 2
    assert brief.closing[0].startswith("This brief was generated using artificial intelligence")
    assert brief.closing[1].startswith("This program was made possible by")


def test_seed_page_info_stops_the_brief_and_names_the_speakers(seed):
    brief, page = seed
    assert [s.name for s in page.speakers] == [
        "Keith Luse",
        "Rachel Minyoung Lee",
        "Ankit Panda",
        "Susan A. Thornton",
    ]
    assert page.bios["Ankit Panda"].startswith("Ankit Panda is the Stanton Senior Fellow")
    assert page.event_title == brief.title
    assert page.date_line == "Tuesday, February 3, 2026 | 6:30 PM (EST)"
    assert (page.date, page.time, page.timezone) == ("2026-02-03", "18:30", "EST")
    assert page.venue == [
        "The Korea Society",
        "350 Madison Avenue, 24th Floor",
        "New York, NY 10017",
    ]
    assert page.moderator.name == "Jonathan Corrado"
    assert page.moderator.role == "moderator"
    assert (page.moderator.title, page.moderator.organisation) == (
        "Director of Policy Programs",
        "The Korea Society",
    )
    # nothing of the page leaked into the brief
    last = brief.section(8).summary
    assert len(last) == 1 and last[0].startswith("Luse advocated")
    assert not any("Tuesday" in line or "Madison" in line for line in brief.closing)


@pytest.mark.parametrize("layout", ["txt", "md", "json"])
def test_seed_round_trips_through_every_layout(seed_brief_path, layout):
    brief = read_brief(seed_brief_path)
    again = parse_brief(render_brief(brief, layout), source="rendered")
    assert again == brief
    assert again.warnings == []


def test_rendered_seed_text_keeps_the_seed_lines(seed_brief_path):
    """Every line of the seed's brief survives into the txt rendering verbatim, bar the split intro."""
    original = seed_brief_path.read_text(encoding="utf-8")
    rendered = render_brief(read_brief(seed_brief_path), "txt")
    for head in (
        "Part I: The Diagnosis",
        "3. Deterrence Risks ▶ [35:24]",
        "6. Black Swan Scenarios ▶ [1:20:48]",
    ):
        assert head in original and head in rendered
    seed_paragraphs = [
        line for line in original.splitlines() if line.startswith(("Panda ", "Luse "))
    ]
    assert seed_paragraphs and all(p in rendered for p in seed_paragraphs)
