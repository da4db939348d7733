"""Saving events and putting people and organisations on them (status changes: `transitions`).

Views, the demo loader and the tests all go through these functions, so slugs,
embeddings (for related publications) and the log are handled in one place.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

from podium.common.domain.embeddings import refresh_embedding
from podium.common.domain.text import unique_slug
from podium.events.models import Event, EventPartner, EventSpeaker, Organisation, Person, Topic

log = logging.getLogger(__name__)


def event_text(event: Event) -> str:
    """The text an event is compared by (title, summary, description, topics)."""
    topics = ", ".join(t.name for t in event.topics.all()) if event.pk else ""
    return "\n".join(
        part for part in (event.title, event.summary, event.description, topics) if part
    )


def save_event(event: Event, *, by=None, topics=None) -> Event:
    """Save `event` (new or changed): give it a unique slug, set topics, refresh its embedding."""
    with transaction.atomic():
        if not event.slug:
            event.slug = unique_slug(Event, event.title, instance=event)
        event.save()
        if topics is not None:
            event.topics.set(topics)
    refresh_embedding(event, text=event_text(event))
    log.info("event %s saved by %s", event.slug, getattr(by, "username", "system"))
    return event


event_created = Signal()
"""Sent after commit by `create_event` with `event`, `actor` and `source` (the event it was
copied from, or None): the registration app gives the new event its registration setup
(this app does not import registration)."""

COPIED_FIELDS = (
    "summary",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "venue_name",
    "venue_address",
    "online_url",
    "image",
    "image_alt",
    "image_caption",
    "image_credit",
    "sponsor_text",
    "accessibility_email",
    "accessibility_lead_days",
    "related_suggestions",
    "capacity",
    "waiting_list_offer_hours",
    "waiting_list_cutoff_hours",
)
"""What a copy keeps; never the recording, the status, registrations or the brief."""


def create_event(event: Event, *, by=None, topics=None, source: Event | None = None) -> Event:
    """Save a new event made by staff and announce it (`event_created`) once committed."""
    with transaction.atomic():
        save_event(event, by=by, topics=topics)
        transaction.on_commit(
            lambda: event_created.send(sender=Event, event=event, actor=by, source=source)
        )
    return event


def copy_event(source: Event, *, by=None, title: str = "") -> Event:
    """A draft copy of `source`: its details, topics, speakers and partners; the registration
    app copies its registration types and forms (no registrations)."""
    copy = Event(
        title=title or f"{source.title} (copy)",
        status=Event.Status.DRAFT,
        **{name: getattr(source, name) for name in COPIED_FIELDS},
    )
    with transaction.atomic():
        create_event(copy, by=by, topics=list(source.topics.all()), source=source)
        for speaker in source.speakers.all():
            add_speaker(
                copy,
                person=speaker.person,
                role=speaker.role,
                order=speaker.order,
                title=speaker.title,
                organisation_name=speaker.organisation_name,
            )
        for partner in source.partners.all():
            add_partner(
                copy, organisation=partner.organisation, kind=partner.kind, order=partner.order
            )
    log.info(
        "event %s copied to %s by %s", source.slug, copy.slug, getattr(by, "username", "system")
    )
    return copy


def add_speaker(
    event: Event,
    *,
    person: Person,
    role: str = "",
    order: int | None = None,
    title: str = "",
    organisation_name: str = "",
) -> EventSpeaker:
    """Put `person` on `event` with a role; updates the role if already there."""
    if order is None:
        order = event.speakers.count()
    speaker, _ = EventSpeaker.objects.update_or_create(
        event=event,
        person=person,
        defaults={
            "role": role,
            "order": order,
            "title": title,
            "organisation_name": organisation_name,
        },
    )
    return speaker


def add_partner(
    event: Event,
    *,
    organisation: Organisation,
    kind: str = EventPartner.Kind.CO_ORGANISER,
    order: int | None = None,
) -> EventPartner:
    """Add a co-organiser or sponsor to `event` (idempotent)."""
    if order is None:
        order = event.partners.filter(kind=kind).count()
    partner, _ = EventPartner.objects.get_or_create(
        event=event, organisation=organisation, kind=kind, defaults={"order": order}
    )
    return partner


def get_or_create_organisation(name: str, *, url: str = "") -> Organisation:
    """The organisation called `name`, created if new."""
    return Organisation.objects.filter(name=name).first() or save_organisation(
        Organisation(name=name, url=url)
    )


def save_organisation(organisation: Organisation, *, by=None) -> Organisation:
    """Save an organisation, giving it a unique slug from its name."""
    if not organisation.slug:
        organisation.slug = unique_slug(Organisation, organisation.name, instance=organisation)
    organisation.save()
    log.info("organisation %s saved by %s", organisation.slug, getattr(by, "username", "system"))
    return organisation


def get_or_create_topic(name: str) -> Topic:
    """The topic called `name`, created if new."""
    topic = Topic.objects.filter(name=name).first()
    if topic is None:
        topic = Topic.objects.create(name=name, slug=unique_slug(Topic, name))
    return topic


def save_person(person: Person, *, by=None) -> Person:
    """Save a person, giving them a unique slug from their name."""
    if not person.slug:
        person.slug = unique_slug(Person, person.name, instance=person)
    person.save()
    log.info("person %s saved by %s", person.slug, getattr(by, "username", "system"))
    return person
