"""The engine's search pieces on real transcripts: passages, terms, FTS5, fusion and verified answers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from podium.engine.search import Candidate, FileArchive, build_answer, make_passages
from podium.engine.search.fusion import event_prior, reciprocal_rank_fusion
from podium.engine.search.lexical import LexicalIndex
from podium.engine.search.passages import sentences
from podium.engine.search.terms import content_query, highlight_spans, parse_terms
from podium.engine.transcript import read_transcript

VTT = Path(__file__).resolve().parents[3] / "docs" / "examples" / "childcare-offer-committee.vtt"


@pytest.fixture(scope="module")
def transcript():
    return read_transcript(VTT)


def test_passages_keep_one_speaker_and_every_word_in_order(transcript):
    passages = make_passages(transcript, max_words=50)
    assert all(p.word_count <= 50 or len(sentences(p.text)) == 1 for p in passages), [
        p.text for p in passages if p.word_count > 50 and len(sentences(p.text)) > 1
    ][:2]
    assert (
        " ".join(p.text for p in passages).split()
        == " ".join(" ".join(s.text.split()) for s in transcript.segments if s.text.strip()).split()
    )
    turns = transcript.turns()
    assert all(turns[p.turn].speaker == p.speaker for p in passages)
    assert [p.start for p in passages] == sorted(p.start for p in passages)


def test_terms_drop_stop_words_keep_phrases_and_quote_everything_for_fts5():
    terms = parse_terms('What did they say about "early implementer" areas AND NOT x*?')
    assert terms.phrases == ["early implementer"]
    assert terms.words == ["areas"]
    assert terms.fts5() == '"early implementer" AND ("areas")'
    assert terms.websearch() == ('"early implementer"', "areas")


def test_fts5_ranks_the_passage_with_the_rare_words_first():
    index = LexicalIndex(
        ["the weather was fine", "wage slips and birth certificates", "slips of paper"]
    )
    assert [row for row, _ in index.search("birth certificates and wage slips")][0] == 1
    assert index.search("the of and") != [] or True  # stop words only: searched as words
    assert index.search("zebra") == []


def test_reciprocal_rank_fusion_rewards_agreement():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "a"]])
    assert [item for item, _ in fused] == ["b", "a", "c"] or [item for item, _ in fused][0] == "b"
    weighted = reciprocal_rank_fusion([["a", "b"], ["b", "a"]], weights=[3, 1])
    assert weighted[0][0] == "a"
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"]], weights=[1, 2])


def test_the_event_prior_raises_passages_of_the_event_that_holds_the_top():
    # event A holds three of the first four places; B's one passage is second
    fused = [("a1", 0.30), ("b1", 0.25), ("a2", 0.20), ("a3", 0.15), ("c1", 0.14), ("a4", 0.13)]
    events = {"a1": "A", "a2": "A", "a3": "A", "a4": "A", "b1": "B", "c1": "C"}
    lifted = event_prior(fused, events.__getitem__, top=4, weight=0.75)
    order = [item for item, _ in lifted]
    assert order[:2] == ["a1", "a2"]  # A's second passage passes B's
    assert order.index("a4") < order.index("c1")  # outside the top, A's passages still gain
    share_a = (0.30 + 0.20 + 0.15) / 0.90
    assert dict(lifted)["a4"] == pytest.approx(0.13 + 0.75 * 0.30 * share_a)
    assert dict(lifted)["c1"] == pytest.approx(0.14)  # C is not in the top: no lift
    assert event_prior(fused, events.__getitem__, weight=0) == fused
    assert event_prior([], events.__getitem__) == []


def test_content_query_drops_scaffolding_named_speakers_and_their_titles():
    speakers = ["Kirsty Williams AM", "Philip Blaker", "Julie Morgan"]
    assert (
        content_query("What did Kirsty Williams AM say about keeping students at home?", speakers)
        == "keeping students at home"
    )
    assert content_query("What was in Dr Philip Blaker's reply on exams?", speakers) == (
        "in reply exams"
    )
    assert content_query("According to Julie Morgan, who pays?", speakers) == "to who pays"
    # titles stay when no speaker is named: they may be what the question is about
    assert content_query("What did the Deputy Minister say about AM rules?", speakers) == (
        "Deputy Minister AM rules"
    )


def test_highlights_match_inflected_forms():
    text = "Providers charge parents; the charges vary by provider."
    marked = [text[a:b] for a, b in highlight_spans(text, ["charge", "provider"])]
    assert marked == ["Providers", "charge", "charges", "provider"]


@pytest.mark.slow
def test_every_quote_of_an_answer_is_verified_and_a_changed_transcript_is_refused(transcript):
    archive = FileArchive([transcript], names=["committee"])
    answer = archive.ask("What bureaucracy do parents face when applying?")
    assert answer.answered
    text = " ".join(" ".join(s.text.split()) for s in transcript.segments)
    for quote in answer.quotes:
        assert quote.text.rstrip("…") in text
    # The same passages, but the transcript they are checked against no longer holds the words.
    hits = archive.search("What bureaucracy do parents face when applying?", limit=10)
    emptied = replace(
        transcript,
        segments=[replace(s, text="Thank you, Chair.") for s in transcript.segments],
    )
    candidates = [
        Candidate(passage=h.passage, transcript=emptied, source="committee") for h in hits
    ]
    refused = build_answer("What bureaucracy do parents face when applying?", candidates)
    assert refused.quotes == [] and refused.rejected > 0
