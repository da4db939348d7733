"""The extractive writer on real transcripts: structure, faithfulness, determinism, repairs."""

from __future__ import annotations

import re

import pytest

from podium.engine.brief import EventDetails, render_brief
from podium.engine.errors import PodiumError
from podium.engine.segment import segment_topics
from podium.engine.transcript import read_transcript
from podium.engine.transcript.qmsum import load_meeting
from podium.engine.verify.text import normalise
from podium.engine.write import verify_and_repair, write_brief
from podium.engine.write.extractive import plan_brief
from podium.engine.write.lint import lint_brief

HOUSEKEEPING_OPENERS = re.compile(
    r"^(good (morning|afternoon|evening)|welcome|thank you|thanks|can you hear)", re.I
)


def _words(text: str) -> str:
    """Words as the verifier compares them (its normaliser drops "um", ", you know," and
    repeated words, which the writer may leave out of a quote)."""
    tokens = [t.norm for t in normalise(text)]
    deduped = [w for i, w in enumerate(tokens) if not i or w != tokens[i - 1]]
    return " " + " ".join(deduped) + " "


@pytest.fixture(scope="module")
def committee():
    from tests.conftest import QMSUM

    transcript = load_meeting(QMSUM / "val" / "education_0.json").transcript
    return transcript, write_brief(transcript)


@pytest.fixture(scope="module")
def panel():
    from tests.conftest import DATA

    transcript = read_transcript(DATA / "verify" / "seed_000_transcript.vtt")
    event = EventDetails(
        title="Prospects for Relations with North Korea",
        moderator="Jonathan Corrado",
        co_organisers=[
            "the National Committee on American Foreign Policy",
            "The APEC Study Center",
        ],
        sponsor="This program was made possible by the generous support of the Korea Foundation.",
    )
    return transcript, event, write_brief(transcript, event=event)


def _check_structure(transcript, result):
    brief = result.brief
    sections = list(brief.sections())
    assert sections, "at least one section"
    assert [s.number for s in sections] == list(range(1, len(sections) + 1))
    # Parts are titled from their content; a second Part only holds recommendations
    assert brief.parts[0].title.startswith("Part I: ")
    assert all(p.title.startswith("Part II: Recommendations") for p in brief.parts[1:])
    assert len(brief.parts) <= 2
    # the editor's lint: no I/we/you outside quotes, noun-phrase titles, complete quotes
    assert lint_brief(brief, asked=result.asked, reason=result.reason) == []
    turns = transcript.turns()
    full_text = _words(transcript.text)
    for section in sections:
        speaker = section.speakers[0]
        own_turns = [t for t in turns if t.speaker == speaker]
        # The ▶ time lands inside (or just before) one of the named speaker's turns.
        assert any(t.start - 30 <= section.start <= t.end for t in own_turns), section
        # The speaker is named in the summary: in full or by surname.
        paragraph = " ".join(section.summary)
        assert speaker in paragraph or speaker.split()[-1] in paragraph
        assert section.title and section.title[0].isupper()
        assert 2 <= len(section.title.split()) <= 7
        sentences = re.split(r"(?<=[.!?\"])\s+(?=[A-Z])", paragraph)
        assert 2 <= len(sentences) <= 3, paragraph
        assert len(section.quotes) == 1
        for quote in section.quotes:
            # Every quote is verbatim in the transcript, and spoken by the named speaker.
            words = _words(quote.text)
            assert words in full_text, quote.text
            assert any(words in _words(t.text) for t in own_turns), quote.text
            assert 10 <= len(quote.text.split()) <= 40
            assert f'"{quote.text}"' in paragraph
        for sentence in sentences:
            stripped = re.sub(
                r"^(Asked by [^,]+, )?\S+( \S+)*? (noted|said|observed|argued|warned|cautioned|"
                r"emphasized|stressed|reported|explained|suggested|urged|pointed out|"
                r"proposed|recommended|acknowledged|conceded)(:| that) |^\S+( \S+)*? outlined how ",
                "",
                sentence,
            )
            assert not HOUSEKEEPING_OPENERS.match(stripped.strip('"')), sentence
    assert result.report.summary["fail"] == 0, [
        f.message for f in result.report.findings if f.status == "fail"
    ]


def test_committee_brief_has_the_seed_structure_and_verifies(committee):
    transcript, result = committee
    _check_structure(transcript, result)
    brief = result.brief
    assert 4 <= len(list(brief.sections())) <= 8
    assert brief.intro[0].startswith("This program examined ")
    # two or three themes, the sections' own titles in running text
    themes = re.split(
        r", | and ", brief.intro[0].removeprefix("This program examined ").rstrip(".")
    )
    assert 2 <= len(themes) <= 3
    titles = " ".join(s.title.lower() for s in brief.sections())
    for theme in themes:
        assert theme.lower().removeprefix("the ") in titles, theme
    assert "verified against the program transcript" in brief.closing[0]
    assert brief.metadata["writer"] == "extractive"


def test_names_in_full_first_then_by_surname(committee):
    _, result = committee
    seen: set[str] = set()
    for section in result.brief.sections():
        name = section.speakers[0]
        paragraph = section.summary[0]
        paragraph = re.sub(r"^Asked by [^,]+, ", "", paragraph)
        if name not in seen:
            assert paragraph.startswith(name), paragraph
            seen.add(name)
        else:
            assert paragraph.startswith(name.split()[-1] + " "), paragraph
            assert name not in paragraph


def test_no_housekeeping_section(committee):
    _, result = committee
    for section in result.brief.sections():
        assert not re.search(r"declarations of interest|apologies|good morning", section.text, re.I)


def test_panel_brief_uses_the_event_details(panel):
    transcript, event, result = panel
    _check_structure(transcript, result)
    brief = result.brief
    assert brief.title == event.title
    assert "The discussion was moderated by Jonathan Corrado." in brief.intro
    assert any("National Committee on American Foreign Policy" in line for line in brief.context)
    assert brief.closing[-1] == event.sponsor
    speakers = {s.speakers[0] for s in brief.sections()}
    # The moderator carries no section; at least three of the four panellists do.
    assert "Jonathan Corrado" not in speakers
    assert (
        len(speakers & {"Rachel Minyoung Lee", "Susan A. Thornton", "Ankit Panda", "Keith Luse"})
        >= 3
    )


def test_same_input_same_brief(panel):
    transcript, event, result = panel
    again = write_brief(transcript, event=event)
    assert render_brief(again.brief, "json") == render_brief(result.brief, "json")
    assert again.repairs == result.repairs


def test_disclosure_is_configurable(panel):
    transcript, _, _ = panel
    text = "This brief was drafted by software and checked by our editors against the transcript."
    result = write_brief(transcript, event=EventDetails(disclosure=text), sections=2)
    assert result.brief.closing == [text]
    assert len(list(result.brief.sections())) <= 2


def test_a_wrong_time_is_re_anchored_by_the_repair_loop(panel):
    transcript, event, _ = panel
    seg = segment_topics(transcript)
    plan = plan_brief(transcript, seg, sections=4, speakers=None)
    drafts = list(plan.drafts)
    drafts[0].start = transcript.duration - 1  # far from where the speaker said it
    brief, report, repairs = verify_and_repair(plan, drafts, event, transcript, None)
    assert report.summary["fail"] == 0
    assert len(repairs) == 1 and "re-anchored" in repairs[0], repairs
    first = next(brief.sections())
    assert first.start == plan.drafts[0].start != transcript.duration - 1
    turns = [t for t in transcript.turns() if t.speaker == first.speakers[0]]
    assert any(t.start - 30 <= first.start <= t.end for t in turns)


def test_unknown_or_unconfigured_writer_is_a_clear_error(panel, monkeypatch):
    transcript, _, _ = panel
    with pytest.raises(PodiumError, match="unknown writer"):
        write_brief(transcript, writer="gpt")
    for name in ("BASE_URL", "MODEL"):
        monkeypatch.delenv(f"PODIUM_LLM_{name}", raising=False)
    with pytest.raises(PodiumError, match="no endpoint"):
        write_brief(transcript, writer="llm")
    with pytest.raises(PodiumError, match="at least 1"):
        write_brief(transcript, sections=0)


def test_members_with_a_section_are_not_said_to_answer_questions():
    """QMSum education_12: the Deputy Minister and her official answer; Suzy Davies and Sian
    Gwenllian (Assembly Members, who each get a section) ask. At most three askers are named."""
    from tests.conftest import QMSUM

    transcript = load_meeting(QMSUM / "train" / "education_12.json").transcript
    result = write_brief(transcript)
    speakers = {s.speakers[0] for s in result.brief.sections()}
    assert {"Julie Morgan", "Suzy Davies"} <= speakers
    sentence = next(s for s in result.brief.intro if " answered questions from " in s)
    answering, asking = sentence.rstrip(".").split(" answered questions from ")
    assert "Julie Morgan" in answering
    assert "Suzy Davies" not in answering and "Sian Gwenllian" not in answering
    named = re.split(r", | and ", asking)
    assert len([n for n in named if n != "others"]) <= 3
    assert lint_brief(result.brief, asked=result.asked, reason=result.reason) == []
