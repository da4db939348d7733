"""The archive benchmark's best-sentence (max-sim) semantic ranking, on a committed transcript
with the real MiniLM model: it is measured in docs/archive.md, so it must compute what it says."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from benchmarks.archive.qmsum import Split, sentence_pieces, sentence_rankings, union_recall

from podium.engine.embed import embed
from podium.engine.search import FileArchive
from podium.engine.search.passages import sentences
from podium.engine.search.terms import content_query
from podium.engine.transcript import read_transcript

VTT = Path(__file__).resolve().parents[3] / "docs" / "examples" / "childcare-offer-committee.vtt"


def test_sentence_pieces_keep_every_word_and_join_short_sentences():
    text = "Okay. Thank you very much. The offer covers thirty hours of childcare a week. Yes."
    assert sentence_pieces(text) == sentences(text)
    pieces = sentence_pieces(text, min_words=5)
    assert pieces == [
        "Okay. Thank you very much.",
        "The offer covers thirty hours of childcare a week. Yes.",
    ]
    assert " ".join(pieces).split() == text.split()
    assert sentence_pieces("Short.", min_words=8) == ["Short."]


@pytest.fixture(scope="module")
def split():
    transcript = read_transcript(VTT)
    archive = FileArchive([transcript], names=["childcare"])
    # 8 passages: few enough texts that the benchmark's vector cache is not written
    archive.entries = archive.entries[:8]
    archive.vectors = archive.vectors[:8]
    queries = [
        (0, "What did Jo-Anne Daniels say about parents' eligibility?", [(0, 0)], ""),
        (0, "Summarize the discussion about childcare providers' capacity.", [(0, 0)], ""),
    ]
    return Split("test", [], archive, [(0, 0)] * 8, queries)


@pytest.mark.parametrize("alpha", [0.0, 0.5])
def test_a_passage_is_scored_by_its_best_sentence(split, alpha):
    ranked = sentence_rankings(split, min_words=0, alpha=alpha)
    passages = [p for _, p in split.archive.entries]
    for number, (_, query, _, _) in enumerate(split.queries):
        vector = embed([content_query(query, split.archive.speakers)])[0]
        expected = [
            alpha * float(split.archive.vectors[row] @ vector)
            + (1 - alpha) * max(float(v @ vector) for v in embed(sentences(p.text)))
            for row, p in enumerate(passages)
        ]
        order = ranked["semantic"][number]
        assert sorted(order) == list(range(len(passages)))
        got = [expected[row] for row in order]
        assert got == pytest.approx(sorted(expected, reverse=True), abs=1e-5)
        # the named speaker's ranking holds that speaker's passages only, in the same order
        named = {p.speaker for p in passages if "Jo-Anne" in p.speaker}
        if number == 0 and named:
            assert ranked["speaker"][0] == [r for r in order if passages[r].speaker in named]
        if number == 1:
            assert ranked["speaker"][1] == []
    assert np.isfinite(expected).all()


def test_union_recall_counts_a_query_found_by_any_ranking_in_its_first_five(split):
    from dataclasses import replace

    # passage n covers turn n; the first query wants passage 6, the second passage 2
    split = replace(
        split,
        turns=[(n, n) for n in range(8)],
        queries=[(0, "first", [(6, 6)], ""), (0, "second", [(2, 2)], "")],
    )
    lexical = [[0, 1, 2, 3, 4, 6], [2, 0]]
    semantic = [[5, 6], [1, 0]]
    assert union_recall(split, lexical) == 0.5  # passage 6 is sixth: only the second query
    assert union_recall(split, lexical, semantic) == 1.0
    assert union_recall(split, semantic) == 0.5
    assert union_recall(split, semantic, depth=1) == 0.0
