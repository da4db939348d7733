"""Public event pages: listing, the event page, its calendar file, people pages."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from podium.common.domain.urls import absolute_url
from podium.events.domain.calendar import calendar_links, event_calendar
from podium.events.domain.queries.events import (
    event_for_page,
    past_events,
    person_for_page,
    public_appearances,
    public_events,
    upcoming_events,
)
from podium.events.interfaces.filters import EventFilter
from podium.events.interfaces.seo import event_json_ld, json_ld_script_body
from podium.publications.domain.related import related_publications
from podium.publications.models import Publication

PAST_PAGE_SIZE = 20


def event_list(request):
    filterset = EventFilter(request.GET or None, queryset=public_events())
    events = filterset.qs if filterset.is_bound and filterset.is_valid() else public_events()
    now = timezone.now()
    past = Paginator(past_events(events, now=now), PAST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/event_list.html",
        {
            "nav": "events",
            "filter": filterset,
            "upcoming": upcoming_events(events, now=now) if past.number == 1 else [],
            "past": past,
            "query": query.urlencode(),
            "filtered": bool(query),
        },
    )


def event_detail(request, slug: str):
    event = event_for_page(slug, request.user)
    url = absolute_url(event.get_absolute_url())
    image_url = absolute_url(event.image.url) if event.image else ""
    speakers = list(event.speakers.all())
    partners = list(event.partners.all())
    return render(
        request,
        "events/event_detail.html",
        {
            "nav": "events",
            "event": event,
            "speakers": speakers,
            "speakers_with_bios": [s for s in speakers if s.person.bio],
            "co_organisers": [p.organisation for p in partners if p.kind == "co-organiser"],
            "sponsors": [p.organisation for p in partners if p.kind == "sponsor"],
            "related": related_publications(event),
            "page_url": url,
            "image_url": image_url,
            "json_ld": json_ld_script_body(event_json_ld(event, url=url, image_url=image_url)),
            "calendar_links": calendar_links(event, url=url),
        },
    )


def event_ics(request, slug: str):
    event = event_for_page(slug, request.user)
    body = event_calendar(event, url=absolute_url(event.get_absolute_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def person_detail(request, slug: str):
    person = person_for_page(slug)
    appearances = list(public_appearances(person))
    publications = list(person.publications.filter(status=Publication.Status.PUBLISHED))
    if (
        not appearances
        and not publications
        and not request.user.has_perm("events.change_person", person)
    ):
        raise Http404("No such person.")
    return render(
        request,
        "events/person_detail.html",
        {"person": person, "appearances": appearances, "publications": publications},
    )
