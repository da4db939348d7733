"""The archive's part of `podium demo`: index every demo event's transcript and brief now.

Publishing in the demo loader already queues index tasks for the worker; this
indexes at once, so the search page and the ask box work as soon as the
server starts, with or without a worker.
"""

from __future__ import annotations

from podium.archive.domain.indexing import reindex_all


def load_demo_archive() -> str:
    counts = reindex_all()
    return f"{counts['passages']} passages of {counts['events']} events indexed"
