"""Hand-written briefs in every layout, awkward layouts, and bad files with exact messages."""

from __future__ import annotations

import pytest

from podium.engine.brief import (
    parse_brief,
    parse_brief_and_page,
    read_brief,
    render_brief,
    sniff_layout,
)
from podium.engine.errors import BriefError
from podium.engine.speakers import load_speakers


@pytest.fixture
def briefs(data_dir):
    return data_dir / "briefs"


def test_sniffing_tells_the_three_layouts_apart(briefs, seed_brief_path):
    assert sniff_layout(seed_brief_path.read_text(encoding="utf-8")) == "txt"
    assert sniff_layout((briefs / "water_security.md").read_text(encoding="utf-8")) == "md"
    assert sniff_layout((briefs / "arctic_shipping.json").read_text(encoding="utf-8")) == "json"


def test_hand_written_markdown(briefs):
    brief = read_brief(
        briefs / "water_security.md", speakers=load_speakers(briefs / "water_speakers.yaml")
    )
    assert brief.title == "Water Security in Central Asia"
    assert brief.metadata == {"writer": "hand", "event": "Water Security in Central Asia"}
    # hard-wrapped lines join into one paragraph
    assert brief.intro == [
        "This program examined how Central Asian states share the Amu Darya and Syr Darya rivers"
        " as glaciers retreat and demand grows."
    ]
    assert brief.context == [
        "The discussion was moderated by Dr. Amina Yusupova, Senior Fellow, Caspian Policy Forum."
    ]
    assert [p.title for p in brief.parts] == ["Part I: The Pressure", "Part II: The Bargain"]
    assert [s.start for s in brief.sections()] == [245.0, 750.0, 3735.0, 2920.0]
    assert len(brief.closing) == 2
    two = brief.section(2)
    assert two.speakers == ["Farida Nazarova", "Daniel K. Whitfield"]  # "Whitfield agreed"
    # the quote follows "Nazarova cautioned", named after Whitfield in the same paragraph
    assert [(q.text, q.speaker) for q in two.quotes] == [
        ("nobody in Kabul was invited to the table", "Farida Nazarova")
    ]
    # "Panelists emphasized": the panelists never named come last, the moderator not at all
    assert brief.section(3).speakers == [
        "Farida Nazarova",
        "Daniel K. Whitfield",
        "Timur Abdullaev",
    ]
    # an alias from the speakers file: "Bill Whitfield argued"
    assert brief.section(4).speakers == ["Daniel K. Whitfield"]
    assert brief.section(4).quotes[0].speaker == "Daniel K. Whitfield"


def test_without_the_speakers_file_names_are_learnt_from_the_prose(briefs):
    brief = read_brief(briefs / "water_security.md")
    assert brief.section(1).speakers == ["Daniel K. Whitfield"]
    # no alias known: "Bill Whitfield" is a person of their own, and "Whitfield" alone is ambiguous
    assert brief.section(4).speakers == ["Bill Whitfield"]
    assert brief.section(2).speakers == ["Farida Nazarova"]


def test_json_brief_fills_missing_speakers_and_quotes(briefs):
    brief = read_brief(briefs / "arctic_shipping.json")
    assert brief.metadata == {"writer": "hand", "source": "arctic.vtt"}
    one, two = brief.section(1), brief.section(2)
    assert one.start == 465.0  # "7:45" in the file
    assert one.speakers == ["Sergei Volkov"]
    assert [(q.text, q.speaker) for q in one.quotes] == [
        ("a seasonal highway, not a frontier.", "Sergei Volkov")
    ]
    assert two.speakers == ["Grace Adeyemi"] and two.quotes == []
    assert [p.title for p in brief.parts] == [""]


def test_crlf_no_header_no_parts_hms_times_curly_quotes(briefs):
    path = briefs / "public_health_crlf.txt"
    assert b"\r\n" in path.read_bytes()
    brief = read_brief(path)
    assert brief.title == "Rebuilding Trust in Public Health"
    assert brief.context == ["This event was co-hosted by the Civic Health Lab."]
    assert [p.title for p in brief.parts] == [""]
    # ▶[2:10] without a space, [1:05:09] without ▶, (47:30), and no time at all
    assert [s.start for s in brief.sections()] == [130.0, 3909.0, 2850.0, None]
    assert [s.title for s in brief.sections()][:3] == [
        "What Went Wrong",
        "Local Voices",
        "Measuring Trust",
    ]
    one = brief.section(1)
    # curly quotes; the single quotes nested inside stay text
    assert [q.text for q in one.quotes] == ["people heard ‘maybe’ as ‘never mind’."]
    assert brief.section(2).quotes[0].speaker == "Maria Okafor"  # "Okafor added that …"
    # "The speakers agreed" names both
    assert brief.section(3).speakers == ["Jonah Feld", "Maria Okafor"]
    # "a standing citizens' panel" is not the panel speaking
    assert brief.section(4).speakers == ["Maria Okafor"]
    assert brief.closing == [
        "This summary was generated with AI assistance and checked against the recording."
    ]
    assert brief.warnings == []


def test_numbering_that_repeats_is_repaired_with_a_warning(briefs):
    path = briefs / "seed_like_no_bios.txt"
    brief = read_brief(path)
    assert [s.number for s in brief.sections()] == [1, 2, 3]
    assert [s.title for s in brief.sections()] == [
        "The First Week",
        "Insurance Retreats",
        "Public Money",
    ]
    assert brief.warnings == [f"{path}:13: section numbered 3 renumbered 2"]
    assert brief.section(2).speakers == ["Omar Haddad", "Lena Park"]
    assert brief.section(2).quotes[0].speaker == "Lena Park"  # "Park replied that …"


@pytest.mark.parametrize(
    "name, message",
    [
        ("bad_time.txt", ":15: section 3: '[35:84]' is not a time"),
        ("no_sections.txt", ": no numbered sections found"),
        (
            "bad_shape.json",
            ": parts[0].sections[1].start: expected seconds or a time like '35:24', got 'soon'",
        ),
        ("truncated.json", ":5: not valid JSON"),
    ],
)
def test_bad_briefs_name_file_line_and_problem(briefs, name, message):
    path = briefs / name
    with pytest.raises(BriefError) as caught:
        read_brief(path)
    assert str(caught.value).startswith(f"{path}{message}")


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "<brief>: the brief is empty"),
        ("   \n\u00a0\n", "<brief>: the brief is empty"),
        ('{"version": 2, "parts": []}', "<brief>: version: this Podium reads version 1, got 2"),
        ('{"title": 3}', "<brief>: title: expected text, got a number"),
        ('{"title": "T", "parts": []}', "<brief>: parts: the brief has no sections"),
        (
            '{"parts": [{"sections": [{"number": 0, "title": "x"}]}]}',
            "<brief>: parts[0].sections[0].number: expected a whole number from 1, got 0",
        ),
        (
            '{"parts": [{"sections": [{"number": 1, "title": "x", "quotes": [{"speaker": "A"}]}]}]}',
            "<brief>: parts[0].sections[0].quotes[0].text: expected text, got null",
        ),
        ("# T\n\n### 1. Ok ▶ [1:00]\n\ntext\n\n### 2. Bad ▶ [1:2:3:4]\n", "<brief>:7: section 2:"),
        ("---\nwriter: [unclosed\n---\n# T\n", "<brief>:"),
    ],
)
def test_bad_text_gives_one_clear_line(text, message):
    with pytest.raises(BriefError) as caught:
        parse_brief(text)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(BriefError, match="no such file"):
        read_brief(tmp_path / "nope.txt")
    binary = tmp_path / "brief.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(BriefError, match="not a UTF-8 text file"):
        read_brief(binary)


def test_markdown_escapes_paragraphs_that_look_like_markup():
    brief = parse_brief(
        "# T\n\n### 1. S ▶ [1:00]\n\nAnn Lee said so.\n\n\\# not a heading\n\n2\\. not a section either\n"
    )
    assert brief.section(1).summary == [
        "Ann Lee said so.",
        "# not a heading",
        "2. not a section either",
    ]
    assert len(list(brief.sections())) == 1
    assert parse_brief(render_brief(brief, "md")) == brief


def test_paragraph_between_part_line_and_first_section_is_kept_with_a_warning():
    text = "Title\n\n1. One ▶ [0:10]\n\nAnn Lee said one.\n\nPart II: More\n\nA stray paragraph.\n\n2. Two ▶ [0:20]\n\nLee said two.\n"
    brief = parse_brief(text, source="b.txt")
    assert brief.section(1).summary == ["Ann Lee said one.", "A stray paragraph."]
    assert brief.warnings == [
        "b.txt:9: a paragraph before the part's first section, kept with section 1"
    ]


def test_unpaired_quotation_mark_is_a_warning_not_a_quote():
    brief = parse_brief('T\n\n1. S ▶ [1:00]\n\nAnn Lee said "this never closes.\n', source="b.txt")
    assert brief.section(1).quotes == []
    assert brief.warnings == ["b.txt:5: section 1: an unpaired quotation mark, left as text"]


def test_error_lines_in_the_docs_are_what_the_parser_says():
    from tests.conftest import REPO

    docs = (REPO / "docs" / "briefs.md").read_text(encoding="utf-8")
    shown = [line for line in docs.splitlines() if line.startswith("tests/data/briefs/")]
    assert len(shown) == 4
    for line in shown:
        path = line.split(":", 1)[0]
        with pytest.raises(BriefError) as caught:
            read_brief(REPO / path)
        assert str(caught.value) == str(REPO / path) + line[len(path) :]


def test_compact_page_without_blank_lines_or_closing(seed_brief_path):
    """Heads directly followed by text, no closing lines, then the event details."""
    text = (
        "Program Brief:\nSmall Talk\nIntro line one\nwrapped onto two lines.\n"
        "1. First ▶️ [0:10:40]\nAnn Lee said it.\n"
        "2. Second ► [11:00]\nBo Kim said more.\n\n"
        "Small Talk\n\nMonday, March 2, 2026 | 9 AM\n\nSome Hall\n1 Main Street\n"
    )
    brief, page = parse_brief_and_page(text)
    assert brief.title == "Small Talk"
    assert brief.intro == ["Intro line one wrapped onto two lines."]
    assert [(s.title, s.start, s.summary) for s in brief.sections()] == [
        ("First", 640.0, ["Ann Lee said it."]),
        ("Second", 660.0, ["Bo Kim said more."]),
    ]
    assert brief.closing == []
    assert (page.date, page.time, page.venue) == (
        "2026-03-02",
        "09:00",
        ["Some Hall", "1 Main Street"],
    )


def test_json_numbering_is_repaired_like_the_text_layouts():
    text = '{"parts": [{"sections": [{"number": 1, "title": "A"}, {"number": 5, "title": "B"}]}]}'
    brief = parse_brief(text, source="b.json")
    assert [s.number for s in brief.sections()] == [1, 2]
    assert brief.warnings == ["b.json: parts[0].sections[1].number: 5 renumbered 2"]


def test_speakers_may_be_given_as_plain_names():
    brief = parse_brief("T\n\n1. S ▶ [1:00]\n\nOkafor said so.\n", speakers=["Maria Okafor"])
    assert brief.section(1).speakers == ["Maria Okafor"]


def test_closing_like_paragraph_followed_by_more_sections_stays_brief_text():
    text = (
        "T\n\n1. One ▶ [0:10]\n\nAnn Lee said one.\n\n"
        "This program was made possible by a grant, Lee noted.\n\n"
        "2. Two ▶ [0:20]\n\nLee said two.\n\n"
        "This brief was generated using artificial intelligence.\n"
    )
    brief = parse_brief(text, source="b.txt")
    assert [s.number for s in brief.sections()] == [1, 2]
    assert brief.section(1).summary == [
        "Ann Lee said one.",
        "This program was made possible by a grant, Lee noted.",
    ]
    assert brief.closing == ["This brief was generated using artificial intelligence."]
    assert brief.warnings == ["b.txt:7: a closing or page line inside the brief, kept as text"]


def test_a_section_without_names_is_kept_and_reported():
    brief = parse_brief(
        "T\n\n1. Quiet ▶ [0:10]\n\nThe discussion turned to ports.\n", source="b.txt"
    )
    assert brief.section(1).speakers == []
    assert brief.warnings == ["b.txt:3: section 1 names no known speaker"]
