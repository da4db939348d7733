"""The archive benchmark's re-ranker (`benchmarks.archive.rerank`): it is measured in
docs/archive.md, so its scoring, its models and its lemmas must do what the table says."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from benchmarks.archive.qmsum import Split
from benchmarks.archive.rerank import MODELS, Query, fit, lemmatised, scores

from podium.engine.search import FileArchive
from podium.engine.transcript import read_transcript

VTT = Path(__file__).resolve().parents[3] / "docs" / "examples" / "childcare-offer-committee.vtt"


def query(labels: list[bool]) -> Query:
    return Query([], [], [], False, np.zeros(0), {}, {}, [], labels, {}, set())


def test_scores_reorder_only_the_candidates_and_count_the_first_relevant_passage():
    queries = [query([False] * 6 + [True]), query([False, True, False])]
    assert scores(queries, None).recall5 == 0.5  # the first query's passage is seventh
    assert scores(queries, None).mrr == pytest.approx((1 / 7 + 1 / 2) / 2)
    # re-ranking the first query's seven candidates puts its passage first; the second query's
    # re-ranked head is its first two candidates only, the third stays third
    moved = scores(queries, {0: np.array([0, 0, 0, 0, 0, 0, 1.0]), 1: np.array([0.2, 0.1])})
    assert moved.recall5 == 1.0
    assert moved.mrr == pytest.approx((1 + 1 / 2) / 2)


@pytest.mark.parametrize("model", MODELS)
def test_every_model_learns_a_feature_that_tells_relevant_passages_apart(model):
    rng = np.random.default_rng(20)
    number = np.repeat(np.arange(60), 10)
    y = (rng.random(len(number)) < 0.2).astype(int)
    x = np.column_stack([y + 0.3 * rng.standard_normal(len(y)), rng.standard_normal(len(y))])
    score = fit(model, x, y, number)
    held = rng.random(200) < 0.5
    z = np.column_stack([held + 0.3 * rng.standard_normal(200), rng.standard_normal(200)])
    predicted = score(z)
    assert predicted[held].mean() > predicted[~held].mean()
    assert np.isfinite(predicted).all()


def test_lemmas_are_spacys_without_stop_words():
    transcript = read_transcript(VTT)
    archive = FileArchive([transcript], names=["childcare"])
    archive.entries = archive.entries[:3]
    question = "What were the children eating in the nurseries?"
    split = Split("lemma-test", [], archive, [(0, 0)] * 3, [(0, question, [(0, 0)], "")])
    words, content, query_words, query_content = lemmatised(split)
    assert len(words) == len(content) == 3
    # the query's content ("children eating nurseries", `content_query`) as lemmas
    assert query_content == [{"child", "eat", "nursery"}]
    assert query_words == ["child eat in nursery"]
    for text, found in zip(words, content, strict=True):
        assert found <= set(text.split())
        assert not found & {"the", "be", "and", "a"}
