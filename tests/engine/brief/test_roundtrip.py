"""parse(render(brief)) == brief for txt, md and json, on generated briefs (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podium.engine.brief import parse_brief, render_brief
from podium.engine.errors import BriefError
from tests.engine.brief.strategies import any_brief, valid_brief

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(valid_brief())
def test_text_layout_round_trips(case):
    brief, speakers = case
    rendered = render_brief(brief, "txt")
    assert parse_brief(rendered, speakers=speakers) == brief
    # self-contained: the "About the Speakers:" names are enough
    assert parse_brief(rendered) == brief


@SETTINGS
@given(valid_brief(metadata=True))
def test_markdown_round_trips(case):
    brief, speakers = case
    rendered = render_brief(brief, "md")
    assert parse_brief(rendered, speakers=speakers) == brief
    assert parse_brief(rendered) == brief


@SETTINGS
@given(valid_brief(metadata=True))
def test_json_round_trips_valid_briefs(case):
    brief, _ = case
    assert parse_brief(render_brief(brief, "json")) == brief


@SETTINGS
@given(any_brief())
def test_json_round_trips_anything(brief):
    assert parse_brief(render_brief(brief, "json")) == brief


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "",
                "Program Brief",
                "Part I: Start",
                "1. Head ▶ [10:40]",
                "2. Head [99:99]",
                "3. Head ▶",
                "## Part",
                "### 4. H ▶ [1:00:00]",
                "---",
                "> moderated by Ann Lee, Host, Org.",
                'Ann Lee said "x',
                "Lee warned “y” and 'z'.",
                "About the Speakers:",
                "Tuesday, February 3, 2026 | 6:30 PM (EST)",
                "This brief was generated using artificial intelligence.",
                "{",
                '{"parts": [{"sections": [{"number": 1}]}]}',
                "\u00a0",
                "- Ann Lee",
            ]
        )
        | st.text(max_size=30),
        max_size=25,
    )
)
def test_any_text_parses_or_fails_with_a_brief_error(lines):
    try:
        brief = parse_brief("\n".join(lines), source="fuzz.txt")
    except BriefError as error:
        assert str(error).startswith("fuzz.txt")
        assert "\n" not in str(error)
    else:
        for layout in ("txt", "md", "html", "json"):
            render_brief(brief, layout)
