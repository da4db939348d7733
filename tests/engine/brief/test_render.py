"""Renderers: the layouts' exact shape, standalone escaped HTML, JSON fields."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from podium.engine.brief import FORMATS, read_brief, render_brief
from podium.engine.brief.model import Brief, Part, Quote, Section
from podium.engine.errors import BriefError

VOID = {"meta", "br", "img", "hr", "link", "input"}


class _Tags(HTMLParser):
    """Collects start tags with attributes, and checks every element is closed in order."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    return parser


@pytest.fixture
def seed(seed_brief_path) -> Brief:
    return read_brief(seed_brief_path)


def test_formats():
    assert FORMATS == ("txt", "md", "html", "json")
    with pytest.raises(BriefError, match="unknown output format 'pdf'"):
        render_brief(Brief("T"), "pdf")


def test_markdown_layout(seed):
    md = render_brief(seed, "md")
    lines = md.splitlines()
    assert lines[0] == "# Prospects for Relations with North Korea"
    assert "## Part I: The Diagnosis" in lines and "## Part II: The Treatment Plan" in lines
    assert "### 3. Deterrence Risks ▶ [35:24]" in lines
    assert "### 6. Black Swan Scenarios ▶ [1:20:48]" in lines
    assert any('"extremely low threshold"' in line for line in lines)  # quotes inline
    assert lines[lines.index("## About the Speakers") + 2] == "- Rachel Minyoung Lee"


def test_text_layout_is_the_seed_layout(seed):
    txt = render_brief(seed, "txt")
    blocks = txt.split("\n\n")
    assert blocks[:2] == ["Program Brief", "Prospects for Relations with North Korea"]
    assert "3. Deterrence Risks ▶ [35:24]" in blocks
    assert blocks[blocks.index("About the Speakers:") + 1 :] == [
        "Rachel Minyoung Lee",
        "Susan A. Thornton",
        "Ankit Panda",
        "Keith Luse\n",
    ]


def test_html_is_a_standalone_document_with_seek_links(seed):
    html = render_brief(seed, "html")
    assert html.startswith("<!DOCTYPE html>")
    parsed = _tags(html)
    names = [tag for tag, _ in parsed.tags]
    assert names.count("style") == 1 and "script" not in names and "link" not in names
    assert not any(
        "src" in attrs or attrs.get("href", "#").split("#")[0] for _, attrs in parsed.tags
    )
    seeks = [attrs for tag, attrs in parsed.tags if tag == "a" and attrs.get("class") == "seek"]
    assert [(a["href"], a["data-t"]) for a in seeks][2] == ("#t=2124", "2124")
    assert len(seeks) == 8
    assert '<a class="seek" href="#t=2124" data-t="2124">▶ [35:24]</a>' in html
    assert names.count("h2") == 2 and names.count("h3") == 8
    quotes = [a for tag, a in parsed.tags if tag == "span" and a.get("class") == "quote"]
    assert [q.get("data-speaker") for q in quotes] == [
        "Susan A. Thornton",
        "Susan A. Thornton",
        "Ankit Panda",
        "Ankit Panda",
        "Keith Luse",
    ]
    text = "".join(parsed.text)
    assert "North Korea's Foreign Policy Priorities" in text  # escaped apostrophe reads back


def test_html_escapes_everything():
    evil = "<script>alert('x')</script> & \"co\""
    brief = Brief(
        title=evil,
        intro=[evil],
        context=[evil],
        parts=[
            Part(
                evil,
                [
                    Section(
                        1,
                        evil,
                        5.0,
                        [evil],
                        [f'{evil} said "<b>bold</b>".'],
                        [Quote("<b>bold</b>.", evil)],
                    )
                ],
            )
        ],
        closing=[evil],
    )
    html = render_brief(brief, "html")
    assert "<script>" not in html and "<b>" not in html
    parsed = _tags(html)
    assert [tag for tag, _ in parsed.tags].count("b") == 0
    assert html.count("&lt;script&gt;") >= 7


def test_json_has_every_field_and_a_version(seed):
    data = json.loads(render_brief(seed, "json"))
    assert data["version"] == 1
    assert set(data) == {"version", "title", "intro", "context", "parts", "closing", "metadata"}
    section = data["parts"][0]["sections"][2]
    assert section == {
        "number": 3,
        "title": "Deterrence Risks",
        "start": 2124.0,
        "time": "35:24",
        "speakers": ["Ankit Panda"],
        "summary": section["summary"],
        "quotes": [{"text": "extremely low threshold", "speaker": "Ankit Panda"}],
    }
    assert data["parts"][1]["sections"][1]["time"] == "1:20:48"


@pytest.mark.browser
def test_html_renders_in_chromium_without_any_request(seed, page, tmp_path):
    path = tmp_path / "brief.html"
    path.write_text(render_brief(seed, "html"), encoding="utf-8")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    assert page.title() == "Prospects for Relations with North Korea"
    assert page.locator("article.brief-section").count() == 8
    link = page.locator("#section-3 a.seek")
    assert link.inner_text() == "▶ [35:24]"
    link.click()
    assert page.evaluate("location.hash") == "#t=2124"
    width = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
    assert 300 < width <= 42 * 16 + 1  # a readable measure, not the full window
    assert requests == [path.as_uri()]


def test_html_labels_repeated_quotes_by_position():
    section = Section(
        1,
        "S",
        10.0,
        ["Ann Lee", "Bo Kim"],
        ['Ann Lee said "yes". Bo Kim said "yes" too.'],
        [Quote("yes", "Ann Lee"), Quote("yes", "Bo Kim")],
    )
    parsed = _tags(render_brief(Brief("T", parts=[Part("", [section])]), "html"))
    labels = [a.get("data-speaker") for tag, a in parsed.tags if a.get("class") == "quote"]
    assert labels == ["Ann Lee", "Bo Kim"]
