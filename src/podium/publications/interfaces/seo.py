"""Search-engine markup of a publication page: schema.org `Article` (or `Report`) as JSON-LD."""

from __future__ import annotations

from podium.publications.models import Publication


def publication_json_ld(publication: Publication, *, url: str, image_url: str = "") -> dict:
    """The schema.org description of `publication`, ready for `json_ld_script_body`."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Report" if publication.kind == Publication.Kind.REPORT else "Article",
        "headline": publication.title,
        "datePublished": publication.published_on.isoformat(),
        "description": publication.summary,
        "url": url,
        "articleSection": publication.get_kind_display(),
        "keywords": [t.name for t in publication.topics.all()],
    }
    authors = [{"@type": "Person", "name": a.display_name} for a in publication.authors.all()]
    if authors:
        data["author"] = authors
    if image_url:
        data["image"] = [image_url]
    return data
