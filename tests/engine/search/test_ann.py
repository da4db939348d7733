"""The approximate vector index (faiss IVF) against the exact scan, on a synthetic matrix above the threshold."""

from __future__ import annotations

import numpy as np
import pytest

from podium.engine.embed import DIMENSIONS
from podium.engine.search.ann import EXACT_BELOW, EXACT_ROWS, AnnIndex, nearest
from podium.engine.search.semantic import rank_by_similarity

ROWS = EXACT_BELOW + 5_000


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def archive():
    """Vectors in topics, as sentence embeddings are: 250 topic centres, each row near one."""
    rng = np.random.default_rng(7)
    centres = _unit(rng.standard_normal((250, DIMENSIONS)))
    topic = rng.integers(0, len(centres), ROWS)
    matrix = _unit(centres[topic] + rng.standard_normal((ROWS, DIMENSIONS)) / np.sqrt(DIMENSIONS))
    queries = _unit(
        centres[rng.integers(0, len(centres), 40)]
        + rng.standard_normal((40, DIMENSIONS)) / np.sqrt(DIMENSIONS)
    )
    return matrix, queries, AnnIndex.build(matrix, threads=1)


def _overlap(got, exact, k):
    return len({r for r, _ in got[:k]} & {r for r, _ in exact[:k]}) / k


def test_ann_top_results_match_the_exact_scan(archive):
    matrix, queries, index = archive
    assert index.rows == ROWS
    overlaps = []
    for query in queries:
        exact = rank_by_similarity(query, matrix, limit=20)
        got = nearest(query, matrix, index=index, limit=20)
        assert len(got) == 20
        # the scores are the exact cosines and come best first
        assert [s for _, s in got] == sorted((s for _, s in got), reverse=True)
        assert all(abs(s - float(matrix[r] @ query)) < 1e-5 for r, s in got)
        assert got[0] == pytest.approx(exact[0])
        overlaps.append(_overlap(got, exact, 10))
    assert np.mean(overlaps) >= 0.98, overlaps  # probing one cell gives 0.92


def test_ann_respects_a_filter_and_a_selective_filter_is_exact(archive):
    matrix, queries, index = archive
    rng = np.random.default_rng(3)
    public = rng.random(ROWS) < 0.5  # about half the rows: above EXACT_ROWS, through the index
    assert public.sum() > EXACT_ROWS // 2
    one_event = np.zeros(ROWS, dtype=bool)
    one_event[1000:1240] = True  # a few hundred rows: scanned exactly
    overlaps = []
    for query in queries[:20]:
        got = nearest(query, matrix, index=index, limit=10, mask=public)
        assert all(public[r] for r, _ in got)
        overlaps.append(_overlap(got, rank_by_similarity(query, matrix, limit=10, mask=public), 10))
        exact = rank_by_similarity(query, matrix, limit=10, mask=one_event)
        assert nearest(query, matrix, index=index, limit=10, mask=one_event) == exact
        assert nearest(query, matrix, index=index, limit=10, mask=np.zeros(ROWS, dtype=bool)) == []
    assert np.mean(overlaps) >= 0.9, overlaps


def test_a_saved_index_answers_as_the_built_one(archive, tmp_path):
    matrix, queries, index = archive
    path = tmp_path / "archive.faiss"
    index.save(path)
    again = AnnIndex.read(path)
    assert again.rows == index.rows and again.nlist == index.nlist
    for query in queries[:5]:
        assert nearest(query, matrix, index=again, limit=10) == nearest(
            query, matrix, index=index, limit=10
        )
    # an index of another matrix (stale) is not used: the answer is the exact scan
    assert nearest(queries[0], matrix[:-1], index=index, limit=10) == rank_by_similarity(
        queries[0], matrix[:-1], limit=10
    )


def test_rows_appended_to_an_index_are_found_under_their_new_row_numbers(archive):
    matrix, queries, index = archive
    rng = np.random.default_rng(11)
    extra = _unit(queries[:5] + rng.standard_normal((5, DIMENSIONS)) / (4 * np.sqrt(DIMENSIONS)))
    grown = index.appended(extra)
    assert index.rows == ROWS and grown.rows == ROWS + 5  # the original is left as it was
    both = np.concatenate([matrix, extra])
    for number, query in enumerate(queries[:5]):
        got = nearest(query, both, index=grown, limit=5)
        assert got[0][0] == ROWS + number, got  # each added row is its query's nearest
        assert got[0][1] == pytest.approx(float(extra[number] @ query), abs=1e-5)
