"""Related publications of an event: the ones staff chose, then similar ones.

Similarity is the cosine of sentence embeddings (`podium.engine.embed`, cached
on both objects by `podium.common.domain.embeddings`). Suggestions below
`MIN_SIMILARITY` are left out, so an event with nothing related shows nothing
rather than noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from podium.common.domain.embeddings import refresh_embedding, refresh_embeddings, vector_of
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
    published = Publication.objects.filter(status=Publication.Status.PUBLISHED).exclude(
        pk__in=[p.pk for p in chosen]
    )
    missing = list(published.filter(embedding__isnull=True))
    if missing:  # rows saved without the domain functions (imports, admin bulk edits)
        refresh_embeddings(missing, texts=[publication_text(p) for p in missing])
    # Score on (id, vector) pairs only; load the few winners in full afterwards.
    pairs = list(published.exclude(embedding__isnull=True).values_list("pk", "embedding"))
    if not pairs:
        return result
    refresh_embedding(event, text=event_text(event))
    matrix = np.frombuffer(b"".join(bytes(v) for _, v in pairs), dtype=np.float32).reshape(
        len(pairs), -1
    )
    scores = matrix @ vector_of(event)
    best = [i for i in np.argsort(-scores)[:limit] if scores[i] >= MIN_SIMILARITY]
    winners = Publication.objects.prefetch_related("topics").in_bulk([pairs[i][0] for i in best])
    result += [Related(winners[pairs[i][0]], chosen=False, score=float(scores[i])) for i in best]
    return result
