"""Approximate nearest neighbours over passage vectors, with faiss (MIT).

A large archive's semantic ranking cannot afford an exact scan: at 238,900
passages the float32 matrix is 367 MB, read in full by every query. `AnnIndex`
partitions the unit vectors with faiss's inverted-file index
(``IndexIVFScalarQuantizer``: k-means into `nlist` cells on inner product, the
vectors stored as 8-bit scalars, a quarter of float32) and a query reads only
the `nprobe` cells nearest to it. The candidates it returns (twice as many as
asked) are re-scored exactly against the float32 matrix, so every score that
leaves this module is the true cosine and the order among candidates is exact;
what is approximate is only which passages become candidates
(``benchmarks/archive/scale.py`` measures that recall against the exact scan).

`nearest()` picks the path: the exact numpy scan (`semantic.rank_by_similarity`)
when there is no index (small archives, below `EXACT_BELOW` rows, where exact
is fast and exact), the exact scan of just the allowed rows when a filter
leaves at most `EXACT_ROWS` of them (one event, one person), and otherwise the
index, restricted to the allowed rows with a faiss ``IDSelectorBitmap`` and
probing proportionally more cells the fewer rows a filter allows.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np

from podium.engine.embed import DIMENSIONS
from podium.engine.search.semantic import rank_by_similarity

EXACT_BELOW = 20_000
"""Below this many vectors no index is built: the exact scan is a few milliseconds."""
EXACT_ROWS = 20_000
"""A filter that leaves at most this many rows is served by an exact scan of those rows."""
TRAIN_PER_CELL = 40
"""k-means trains on at most this many vectors per cell (a sample, drawn with a fixed seed)."""
TRAIN_ITERATIONS = 10
PROBE_SHARE = 8
"""A query probes 1/PROBE_SHARE of the cells (more under a filter)."""
OVERFETCH = 2
"""Candidates fetched from the index per result wanted, before exact re-scoring."""
SEARCH_THREADS = 1
"""faiss's OpenMP threads when searching: one query is too small to split."""


def cells_for(rows: int) -> int:
    """How many cells (``nlist``) for `rows` vectors: 2·√rows, at least 64."""
    return max(64, int(2 * math.sqrt(rows)))


class AnnIndex:
    """An IVF index over the rows of a unit-vector matrix; ids are row numbers."""

    def __init__(self, index):
        self.index = index

    @property
    def rows(self) -> int:
        return int(self.index.ntotal)

    @property
    def nlist(self) -> int:
        return int(self.index.nlist)

    @property
    def nbytes(self) -> int:
        """Approximate memory held: 8-bit codes, their ids and the centroids."""
        return self.rows * (DIMENSIONS + 8) + self.nlist * DIMENSIONS * 4

    @classmethod
    def train(cls, matrix: np.ndarray, *, threads: int = 0, seed: int = 20) -> AnnIndex:
        """A trained, empty index for vectors like `matrix`'s rows."""
        import faiss

        if threads:
            faiss.omp_set_num_threads(threads)
        matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        nlist = cells_for(matrix.shape[0])
        quantizer = faiss.IndexFlatIP(DIMENSIONS)
        index = faiss.IndexIVFScalarQuantizer(
            quantizer, DIMENSIONS, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
        )
        index.cp.niter = TRAIN_ITERATIONS
        index.cp.seed = seed
        sample_size = min(matrix.shape[0], nlist * TRAIN_PER_CELL)
        rng = np.random.default_rng(seed)
        sample = matrix[np.sort(rng.choice(matrix.shape[0], sample_size, replace=False))]
        index.train(sample)
        return cls(index)

    def filled(self, matrix: np.ndarray, *, threads: int = 0) -> AnnIndex:
        """A copy of this trained index holding every row of `matrix` (id = row number)."""
        import faiss

        if threads:
            faiss.omp_set_num_threads(threads)
        index = faiss.clone_index(self.index)
        index.reset()
        index.add(np.ascontiguousarray(matrix, dtype=np.float32))
        return AnnIndex(index)

    def appended(self, rows: np.ndarray) -> AnnIndex:
        """A copy of this index with `rows` added after its last row (ids continue from `rows`).

        A copy, so searches running on this index meanwhile are not disturbed; the
        cells stay those trained before (fine while the archive's shape holds).
        """
        import faiss

        index = faiss.clone_index(self.index)
        index.add(np.ascontiguousarray(rows, dtype=np.float32))
        return AnnIndex(index)

    @classmethod
    def build(cls, matrix: np.ndarray, *, threads: int = 0) -> AnnIndex:
        return cls.train(matrix, threads=threads).filled(matrix, threads=threads)

    def save(self, path: Path) -> None:
        """Write the index to `path` atomically (a temporary file, then a rename)."""
        import faiss

        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")  # processes may race
        faiss.write_index(self.index, str(partial))
        partial.replace(path)

    @classmethod
    def read(cls, path: Path) -> AnnIndex:
        import faiss

        return cls(faiss.read_index(str(path)))

    def candidates(
        self, query_vector: np.ndarray, *, limit: int, mask: np.ndarray | None
    ) -> np.ndarray:
        """Row numbers of up to `limit` approximate nearest rows allowed by `mask`."""
        import faiss

        faiss.omp_set_num_threads(SEARCH_THREADS)
        nprobe = max(1, self.nlist // PROBE_SHARE)
        params = faiss.SearchParametersIVF()
        if mask is not None:
            allowed = int(mask.sum())
            if allowed == 0:
                return np.zeros(0, dtype=np.int64)
            # A filter leaving a share s of the rows leaves about s of each cell: probe 1/s more.
            nprobe = min(self.nlist, math.ceil(nprobe * self.rows / allowed))
            bitmap = np.packbits(mask.astype(bool), bitorder="little")
            selector = faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bitmap))
            params.sel = selector
        params.nprobe = nprobe
        query = np.ascontiguousarray(query_vector, dtype=np.float32).reshape(1, DIMENSIONS)
        _, found = self.index.search(query, limit, params=params)
        found = found[0]
        return found[found >= 0]


def nearest(
    query_vector: np.ndarray,
    matrix: np.ndarray,
    *,
    index: AnnIndex | None = None,
    limit: int = 100,
    mask: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """Rows of `matrix` most similar to `query_vector`, as (row, exact cosine) best first.

    Exact when `index` is None or the `mask` (booleans, one per row; False
    rows are left out) allows at most `EXACT_ROWS` rows; through `index`
    (built on this `matrix`) otherwise.
    """
    rows = matrix.shape[0]
    if rows == 0:
        return []
    query = np.asarray(query_vector, dtype=np.float32)
    if index is None or index.rows != rows:
        return rank_by_similarity(query, matrix, limit=limit, mask=mask)
    if mask is not None:
        if mask.all():
            mask = None
        else:
            allowed = np.flatnonzero(mask)
            if len(allowed) <= EXACT_ROWS:  # e.g. one event: scan just its rows, exactly
                ranked = rank_by_similarity(query, matrix[allowed], limit=limit)
                return [(int(allowed[row]), score) for row, score in ranked]
    found = index.candidates(query, limit=limit * OVERFETCH, mask=mask)
    if len(found) == 0:
        return []
    scores = matrix[found] @ query
    order = np.argsort(-scores, kind="stable")[:limit]
    return [(int(found[i]), float(scores[i])) for i in order]
