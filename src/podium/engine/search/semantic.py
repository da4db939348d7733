"""Semantic ranking: cosine similarity of MiniLM vectors, brute force with numpy.

Vectors come from `podium.engine.embed` (unit length, so a dot product is the
cosine). They are stored as float32 bytes (`to_bytes` / `from_bytes`): the
site keeps them in a binary column and scans them in memory, which is exact
and fast enough for a programme's archive (20,000 passages is a 31 MB matrix,
a few milliseconds a query); above that the site searches an approximate
faiss index first (`podium.engine.search.ann`) and re-scores its candidates
exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from podium.engine.embed import DIMENSIONS


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(blobs: Sequence[bytes]) -> np.ndarray:
    """A (len(blobs), DIMENSIONS) float32 matrix of stored vectors."""
    if not blobs:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.frombuffer(b"".join(bytes(b) for b in blobs), dtype=np.float32).reshape(
        len(blobs), DIMENSIONS
    )


def rank_by_similarity(
    query_vector: np.ndarray,
    matrix: np.ndarray,
    *,
    limit: int = 100,
    mask: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """Rows of `matrix` most similar to `query_vector`, as (row, cosine) best first.

    `mask` (booleans, one per row) leaves out the rows that are False.
    """
    if matrix.shape[0] == 0:
        return []
    scores = matrix @ np.asarray(query_vector, dtype=np.float32)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    limit = min(limit, scores.shape[0])
    top = np.argpartition(-scores, limit - 1)[:limit]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(int(row), float(scores[row])) for row in top if np.isfinite(scores[row])]
