"""Models of the archive: searchable passages of transcripts and briefs, and the index token.

Thin tables; indexing and searching live in `podium.archive.domain`.
"""

from podium.archive.models.passage import IndexState, Passage

__all__ = ["IndexState", "Passage"]
