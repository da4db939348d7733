"""Which publications a visitor may see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from podium.publications.models import Publication


def public_publications() -> QuerySet[Publication]:
    return Publication.objects.filter(status=Publication.Status.PUBLISHED).prefetch_related(
        "topics", "authors"
    )


def publication_for_page(slug: str, user) -> Publication:
    """The publication at `slug`; drafts only for staff who may preview them, else 404."""
    publication = (
        Publication.objects.prefetch_related("topics", "authors").filter(slug=slug).first()
    )
    if publication is None or not (
        publication.is_public or user.has_perm("publications.preview_publication", publication)
    ):
        raise Http404("No such publication.")
    return publication
