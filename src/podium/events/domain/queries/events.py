"""Which events a visitor may see, and in which order.

Drafts are visible to staff only (as a preview); everyone else gets a 404.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from podium.events.models import Event, EventPartner, EventSpeaker, Person


def public_events() -> QuerySet[Event]:
    """Events the public may see: published or cancelled (never drafts)."""
    return Event.objects.exclude(status=Event.Status.DRAFT).prefetch_related("topics")


def upcoming_events(queryset: QuerySet[Event] | None = None, *, now=None) -> QuerySet[Event]:
    now = now or timezone.now()
    return (
        (queryset if queryset is not None else public_events())
        .filter(starts_at__gte=now)
        .order_by("starts_at")
    )


def past_events(queryset: QuerySet[Event] | None = None, *, now=None) -> QuerySet[Event]:
    now = now or timezone.now()
    return (
        (queryset if queryset is not None else public_events())
        .filter(starts_at__lt=now)
        .order_by("-starts_at")
    )


def event_for_page(slug: str, user) -> Event:
    """The event at `slug` with what its page shows; 404 unless public or the user may preview it."""
    queryset = Event.objects.prefetch_related(
        "topics",
        Prefetch("speakers", queryset=EventSpeaker.objects.select_related("person__organisation")),
        Prefetch("partners", queryset=EventPartner.objects.select_related("organisation")),
    )
    event = queryset.filter(slug=slug).first()
    if event is None or not (event.is_public or user.has_perm("events.preview_event", event)):
        raise Http404("No such event.")
    return event


def person_for_page(slug: str) -> Person:
    """A speaker's public page: only people who appear at a public event or wrote a publication."""
    person = Person.objects.select_related("organisation").filter(slug=slug).first()
    if person is None:
        raise Http404("No such person.")
    return person


def public_appearances(person: Person):
    return (
        EventSpeaker.objects.filter(person=person)
        .exclude(event__status=Event.Status.DRAFT)
        .select_related("event")
        .order_by("-event__starts_at")
    )
