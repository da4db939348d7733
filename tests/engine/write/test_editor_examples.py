"""Each bad example an editor reported (issue 15) held as a test: it must not come back.

The bad strings are the editor's own; the checks are the writer's
(`speech`, `titles`, `lint`), and the generated briefs of a committee and
a panel are linted to zero.
"""

from __future__ import annotations

import pytest

from podium.engine.brief.model import Brief, Part, Quote, Section
from podium.engine.nlp import parse
from podium.engine.write import write_brief
from podium.engine.write.lint import lint_brief, pronouns_outside_quotes, themes_in
from podium.engine.write.speech import (
    Voice,
    complete_clause,
    is_recommendation,
    reported,
    strip_edges,
    voice_for,
)
from podium.engine.write.titles import is_good_title, section_titles


def _brief(summary: str, title: str = "Conditions on Emergency Business Loans", quote=None):
    section = Section(
        number=1,
        title=title,
        start=0.0,
        speakers=["Bill Morneau"],
        summary=[summary],
        quotes=[Quote(quote, "Bill Morneau")] if quote else [],
    )
    return Brief(title="t", intro=[], parts=[Part("Part I: x", [section])])


# --- first-person summaries -------------------------------------------------------


@pytest.mark.parametrize(
    "summary",
    [
        "Morneau emphasized that we know that it is necessary to support businesses.",
        "Owen observed that we monitor, we receive forecasts from the Met Office.",
        "Blaney warned that nonetheless, we do not have the numbers for the fishery.",
    ],
)
def test_first_person_summaries_are_caught_by_the_lint(summary):
    issues = lint_brief(_brief(summary))
    assert [i.kind for i in issues] == ["pronoun"]


def test_pronouns_inside_quotation_marks_are_the_speakers_words():
    text = 'Owen noted that forecasts arrive daily. Owen said: "We monitor the rivers every hour."'
    assert pronouns_outside_quotes(text) == []


def test_we_of_a_minister_becomes_the_government_with_the_verb_agreeing():
    minister = voice_for("Minister for Finance")
    assert voice_for("Senior Fellow, Stimson Center") == Voice(None)  # "we" is not named
    assert minister == Voice("the Government")
    assert (
        reported("We monitor, we receive forecasts from the Met Office every day.", minister)
        == "the Government monitors, it receives forecasts from the Met Office every day."
    )
    assert (
        reported("Nonetheless, I think that we do not have the numbers yet, you know.", minister)
        == "the Government does not have the numbers yet."
    )
    assert reported("We're engaged with the local authorities.", minister) == (
        "the Government is engaged with the local authorities."
    )


def test_first_person_that_cannot_be_reported_is_left_for_a_quote():
    # no institution known for "we"; "I" and "you" are never rewritten
    assert reported("We have to support businesses through the winter.", None) is None
    assert reported("I was in Pyongyang in 2018 for those talks.", Voice("the Society")) is None
    assert reported("You will see the figures next month.", Voice("the Government")) is None
    # someone else's words inside the sentence stay theirs
    assert (
        reported("Parents ask, 'Why haven't we got this yet?', which is good.", Voice("x")) is None
    )


def test_hedges_and_discourse_markers_go_from_clause_edges():
    assert strip_edges("So, obviously, the rates will rise, you know.") == "the rates will rise."
    assert strip_edges("Nonetheless, the loans carry conditions.") == "the loans carry conditions."


# --- one-word and verb titles, the contradicting title ------------------------


@pytest.mark.parametrize(
    "title",
    ["Address", "Line", "Breach", "Challenges", "Impose Conditions", "Renewables Cause Blackouts"],
)
def test_bare_phrases_are_not_titles(title):
    assert not is_good_title(title)
    assert [i.kind for i in lint_brief(_brief("Morneau noted that loans rose.", title))] == [
        "title"
    ]


@pytest.mark.parametrize(
    "title",
    [  # the seed's own headlines
        "North Korea's Foreign Policy Priorities",
        "U.S.-ROK Policy Coordination",
        "Deterrence Risks",
        "Track 2 Diplomacy and Humanitarian Openings",
        "Russia-North Korea Partnership",
        "Black Swan Scenarios",
        "Engaging North Korea's Nuclear Reality",
        "People-to-People Engagement and Risk Reduction",
    ],
)
def test_the_seeds_titles_pass_the_title_rule(title):
    assert is_good_title(title)


def test_titles_are_noun_phrases_naming_the_subject():
    said = [
        [
            "Emergency business loans come with conditions on dividends and executive pay.",
            "The conditions on emergency business loans protect taxpayers.",
            "Large employers must meet conditions on emergency business loans.",
        ],
        [
            "There is a shortage of Welsh-language childcare in rural areas.",
            "The shortage of Welsh-language childcare worries parents.",
            "Providers report a shortage of Welsh-language childcare staff.",
        ],
    ]
    titles = section_titles([[parse(s) for s in group] for group in said])
    for options in titles:
        assert options and all(is_good_title(t.text) for t in options)
    assert "Conditions on Emergency Business Loans" in [t.text for t in titles[0][:2]], titles[0]
    assert titles[1][0].text.startswith("Shortage of Welsh-Language Childcare"), titles[1]
    assert titles[1][0].running.startswith("the shortage of Welsh-language childcare")


def test_a_title_never_turns_a_denial_into_a_claim():
    said = [
        [
            "The evidence does not support the claim that renewables cause blackouts.",
            "Grid operators have no evidence that renewables cause blackouts.",
            "Blackouts follow storms and ageing transmission lines.",
        ],
        ["Capacity markets pay for firm power."],
    ]
    titles = section_titles([[parse(s) for s in group] for group in said])
    for title in titles[0]:
        assert "cause" not in title.text.lower(), title
        assert not title.text.lower().startswith("no "), title


# --- keyword-list intro ------------------------------------------------------------


def test_a_keyword_list_intro_is_caught():
    intro = (
        "This program examined impose conditions, gas sector, forestry industry, long-term care "
        "homes, Canada emergency response and address."
    )
    assert themes_in(intro) == 6
    brief = _brief("Morneau noted that loans rose.")
    brief.intro = [intro]
    assert [i.kind for i in lint_brief(brief)] == ["intro"]
    assert (
        themes_in("This program examined deterrence, alliance coordination and Track 2 diplomacy.")
        == 3
    )


# --- fragment quotes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        "We agree with that, but we do think, and what we're seeing, live time, at the moment.",
        "The £4.50 is a contribution towards the wraparound childcare element but it doesn't cover.",
        "and the forecasts we receive from the Met Office every morning are good.",
        "Because the loans come with conditions on dividends and on executive pay.",
    ],
)
def test_fragment_quotes_are_not_complete_clauses(quote):
    assert not complete_clause(quote)


@pytest.mark.parametrize(
    "quote",
    [
        "Any conflict on the Korean Peninsula would likely escalate to nuclear use within days.",
        "We know that historically we've got, across the country, a shortage of Welsh-language "
        "childcare provision.",
    ],
)
def test_whole_clauses_are_quotes(quote):
    assert complete_clause(quote)


# --- recommendations ---------------------------------------------------------------


def test_recommendations_are_told_from_hedges():
    for said in (
        "The Government should extend the offer to parents who are in training.",
        "We recommend that every local authority publishes its sufficiency assessment.",
        "I'd propose a direct channel for crisis communication with Pyongyang.",
    ):
        assert is_recommendation(said), said
    for said in (
        "I must say I was surprised by the figures in the report.",
        "Should we look at the figures for the last quarter of the year?",
    ):
        assert not is_recommendation(said), said


# --- fewer sections without a reason ---------------------------------------------------


def test_fewer_sections_than_asked_come_with_a_reason(panel_transcript):
    result = write_brief(panel_transcript, sections=20)
    assert result.found < 20
    assert result.reason and f"{result.found} of 20 sections" in result.reason
    assert lint_brief(result.brief, asked=20, reason=result.reason) == []
    assert [i.kind for i in lint_brief(result.brief, asked=20, reason=None)] == ["sections"]


@pytest.fixture(scope="module")
def panel_transcript():
    from podium.engine.transcript import read_transcript
    from tests.conftest import DATA

    return read_transcript(DATA / "verify" / "seed_000_transcript.vtt")


def test_framing_phrases_before_the_subject_go_but_conditions_and_dates_stay():
    minister = Voice("the Welsh Government")
    said = (
        "Alongside this, alongside the £60 million capital fund, alongside the workforce "
        "development, we've also identified a separate strain of money into cylch meithrin."
    )
    assert reported(said, minister) == (
        "the Welsh Government has also identified a separate strain of money into cylch meithrin."
    )
    for kept in (
        "In 2019, the talks broke down completely in Hanoi.",
        "If the funding stops, providers in rural areas will close their doors.",
    ):
        assert reported(kept, None) == kept


def test_reported_speech_is_shifted_back_to_the_past_after_the_reporting_verb():
    from podium.engine.write.speech import backshift

    # the finite auxiliary or be/have/do of the main verb moves, with its coordinated verbs
    assert backshift("the Government is aware of the problem and has adopted a plan.") == (
        "the Government was aware of the problem and had adopted a plan."
    )
    assert backshift("the numbers are rising and the Government will publish them in May.") == (
        "the numbers were rising and the Government would publish them in May."
    )
    assert backshift("it's been a difficult year for the sector.") == (
        "it had been a difficult year for the sector."
    )
    assert backshift("the scheme does not cover parents in training.") == (
        "the scheme did not cover parents in training."
    )
    assert backshift("councils can't offer places in every town.") == (
        "councils couldn't offer places in every town."
    )
    assert backshift("the offer isn't only to provide childcare; it's the wider aspects.") == (
        "the offer wasn't only to provide childcare; it was the wider aspects."
    )
    # lexical verbs and subordinate clauses stay as said (no inflection is guessed)
    assert backshift("the providers monitor the forecasts every day.") == (
        "the providers monitor the forecasts every day."
    )
    assert backshift("the fund that is open now pays for new buildings.") == (
        "the fund that is open now pays for new buildings."
    )


def test_a_list_of_modifiers_is_not_a_title():
    """docs/examples once titled a section "Free, Unregistered, Unlicensed Childcare of Sort"."""
    said = parse(
        "Grandparents, aunts, uncles and so on provide free, unregistered, unlicensed childcare "
        "of a sort."
    )
    titles = section_titles([[said, said]])[0]
    assert titles
    assert all("," not in t.text for t in titles), [t.text for t in titles]
