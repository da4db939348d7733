"""The engine's search pieces on real transcripts: passages, terms, FTS5, fusion and verified answers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from podium.engine.search import Candidate, FileArchive, build_answer, make_passages
from podium.engine.search.fusion import reciprocal_rank_fusion
from podium.engine.search.lexical import LexicalIndex
from podium.engine.search.passages import sentences
from podium.engine.search.terms import highlight_spans, parse_terms
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
