"""Related publications of an event: the ones staff chose, then similar ones.

Similarity is the cosine of sentence embeddings (`podium.engine.embed`, cached
on both objects by `podium.common.domain.embeddings`). Suggestions below
`MIN_SIMILARITY` are left out, so an event with nothing related shows nothing
rather than noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from podium.common.domain.embeddings import refresh_embedding, vector_of
from podium.events.domain.events import event_text
from podium.events.models import Event
from podium.publications.domain.publications import publication_text
from podium.publications.models import Publication

MIN_SIMILARITY = 0.30


@dataclass
class Related:
    publication: Publication
    chosen: bool
    score: float | None = None


def related_publications(event: Event, *, suggestions: int | None = None) -> list[Related]:
    """Chosen publications (published only, in staff's order), then up to `suggestions` similar ones."""
    chosen = [
        link.publication
        for link in event.chosen_publications.select_related("publication").prefetch_related(
            "publication__topics"
        )
        if link.publication.is_public
    ]
    result = [Related(p, chosen=True) for p in chosen]
    limit = event.related_suggestions if suggestions is None else suggestions
    if limit <= 0:
        return result
    candidates = list(
        Publication.objects.filter(status=Publication.Status.PUBLISHED)
        .exclude(pk__in=[p.pk for p in chosen])
        .prefetch_related("topics")
    )
    if not candidates:
        return result
    refresh_embedding(event, text=event_text(event))
    for publication in candidates:
        if publication.embedding is None:
            refresh_embedding(publication, text=publication_text(publication))
    target = vector_of(event)
    matrix = np.stack([vector_of(p) for p in candidates])
    scores = matrix @ target
    ranked = sorted(zip(scores.tolist(), candidates, strict=True), key=lambda pair: -pair[0])
    result += [Related(p, chosen=False, score=s) for s, p in ranked[:limit] if s >= MIN_SIMILARITY]
    return result
