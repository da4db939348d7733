"""The public publication listing (with filters) and publication pages."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from podium.events.interfaces.seo import json_ld_script_body
from podium.publications.domain.queries.publications import (
    public_publications,
    publication_for_page,
)
from podium.publications.interfaces.filters import PublicationFilter
from podium.publications.interfaces.seo import publication_json_ld

PAGE_SIZE = 20


def publication_list(request):
    filterset = PublicationFilter(request.GET or None, queryset=public_publications())
    queryset = (
        filterset.qs if filterset.is_bound and filterset.is_valid() else public_publications()
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = (
        "publications/_results.html" if request.htmx else "publications/publication_list.html"
    )
    return render(
        request,
        template,
        {"nav": "publications", "filter": filterset, "page": page, "query": query.urlencode()},
    )


def publication_detail(request, slug: str):
    publication = publication_for_page(slug, request.user)
    events = [
        link.event
        for link in publication.event_links.select_related("event")
        if link.event.is_public
    ]
    url = request.build_absolute_uri(publication.get_absolute_url())
    image_url = request.build_absolute_uri(publication.image.url) if publication.image else ""
    return render(
        request,
        "publications/publication_detail.html",
        {
            "nav": "publications",
            "publication": publication,
            "events": events,
            "page_url": url,
            "image_url": image_url,
            "json_ld": json_ld_script_body(
                publication_json_ld(publication, url=url, image_url=image_url)
            ),
        },
    )
