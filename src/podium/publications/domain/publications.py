"""Saving and publishing publications; choosing them for an event.

One path for views, the demo and tests: slugs, embeddings (the text a
publication is compared by) and the log are handled here.
"""

from __future__ import annotations

import logging

from django.db import transaction

from podium.common.domain.embeddings import refresh_embedding
from podium.common.domain.text import unique_slug
from podium.events.models import Event
from podium.publications.models import EventPublication, Publication

log = logging.getLogger(__name__)


def publication_text(publication: Publication) -> str:
    """Title, summary and topics: what related-publication suggestions compare."""
    topics = ", ".join(t.name for t in publication.topics.all()) if publication.pk else ""
    return "\n".join(part for part in (publication.title, publication.summary, topics) if part)


def save_publication(
    publication: Publication, *, by=None, topics=None, authors=None
) -> Publication:
    """Save `publication` (new or changed) with a unique slug; set topics/authors; refresh its embedding."""
    with transaction.atomic():
        if not publication.slug:
            publication.slug = unique_slug(Publication, publication.title, instance=publication)
        publication.save()
        if topics is not None:
            publication.topics.set(topics)
        if authors is not None:
            publication.authors.set(authors)
    refresh_embedding(publication, text=publication_text(publication))
    log.info("publication %s saved by %s", publication.slug, getattr(by, "username", "system"))
    return publication


def set_publication_status(publication: Publication, *, status: str, by=None) -> Publication:
    """Publish (status="published") or withdraw to draft."""
    if status not in Publication.Status.values:
        raise ValueError(f"unknown status {status!r}")
    if publication.status != status:
        publication.status = status
        publication.save(update_fields=["status", "updated_at"])
        log.info(
            "publication %s → %s by %s", publication.slug, status, getattr(by, "username", "system")
        )
    return publication


def choose_related_publications(event: Event, *, publications: list[Publication], by=None) -> None:
    """Make `publications`, in this order, the hand-picked related publications of `event`."""
    with transaction.atomic():
        EventPublication.objects.filter(event=event).exclude(publication__in=publications).delete()
        for order, publication in enumerate(publications):
            EventPublication.objects.update_or_create(
                event=event, publication=publication, defaults={"order": order}
            )
    log.info(
        "event %s: %d related publications chosen by %s",
        event.slug,
        len(publications),
        getattr(by, "username", "system"),
    )
