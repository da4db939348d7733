"""Cached sentence embeddings of site objects, for "related" suggestions.

The vectors come from `podium.engine.embed` (the one embedding model); this
module only stores them on the object (`embedding` binary field, float32) with
a hash of the text they were made from (`embedding_key`), so a vector is
recomputed only when the text changes.
"""

from __future__ import annotations

import hashlib
import logging

import numpy as np

log = logging.getLogger(__name__)


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def refresh_embedding(obj, *, text: str, save: bool = True) -> bool:
    """Store the embedding of `text` on `obj` unless it is already current.

    Returns True when a new vector was computed. `obj` needs the fields
    `embedding` (BinaryField) and `embedding_key` (CharField).
    """
    key = text_key(text)
    if obj.embedding and obj.embedding_key == key:
        return False
    from podium.engine.embed import embed

    vector = embed([text])[0].astype(np.float32)
    obj.embedding = vector.tobytes()
    obj.embedding_key = key
    if save and obj.pk:
        type(obj)._default_manager.filter(pk=obj.pk).update(
            embedding=obj.embedding, embedding_key=key
        )
    log.debug("embedding refreshed for %s %s", type(obj).__name__, obj.pk)
    return True


def refresh_embeddings(objs, *, texts: list[str]) -> int:
    """Batch form of `refresh_embedding` for many rows of one model; returns how many were computed."""
    stale = [
        (obj, text, text_key(text))
        for obj, text in zip(objs, texts, strict=True)
        if not (obj.embedding and obj.embedding_key == text_key(text))
    ]
    if not stale:
        return 0
    from podium.engine.embed import embed

    vectors = embed([text for _, text, _ in stale]).astype(np.float32)
    for (obj, _, key), vector in zip(stale, vectors, strict=True):
        obj.embedding, obj.embedding_key = vector.tobytes(), key
    model = type(stale[0][0])
    model._default_manager.bulk_update(
        [obj for obj, _, _ in stale], ["embedding", "embedding_key"], batch_size=500
    )
    return len(stale)


def vector_of(obj) -> np.ndarray | None:
    """The cached unit vector of `obj`, or None when there is none yet."""
    if not obj.embedding:
        return None
    return np.frombuffer(bytes(obj.embedding), dtype=np.float32)
