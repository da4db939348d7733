"""parse(render(brief)) == brief for txt, md and json, on generated briefs (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from podium.engine.brief import parse_brief, render_brief
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
