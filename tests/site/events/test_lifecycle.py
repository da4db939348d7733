"""The event lifecycle through HTTP: cancel and postpone reach every registrant with the right .ics.

draft -> published -> (postponed | cancelled) -> past: the staff pages call
`events.domain.transitions`; the registration app tells registrants. The
emails' calendar files are parsed with `icalendar`.
"""

from __future__ import annotations

import datetime as dt
from email.message import MIMEPart

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from podium.events.domain.transitions import TRANSITIONS
from podium.events.models import Event, EventStateChange
from podium.registration.domain.registration import register
from podium.registration.domain.transitions import cancel_registration
from podium.registration.models import Registration
from tests.site.registration.conftest import (  # noqa: F401 (immediate_tasks is autouse)
    answers,
    immediate_tasks,
    make_event,
    make_staff,
)

pytestmark = pytest.mark.django_db
S = Registration.Status
E = Event.Status


def calendar_of(message) -> Calendar | None:
    for part in message.attachments:
        if isinstance(part, MIMEPart) and part.get_content_type() == "text/calendar":
            return Calendar.from_ical(part.get_content())
    return None


@pytest.fixture
def staff_client(client, db):
    client.force_login(make_staff("lifecycle"))
    return client


@pytest.fixture
def full_house(db):
    """One confirmed, one waiting (General, 1 seat), one pending (Media), one who cancelled."""
    event = make_event(capacity=1)
    general = event.registration_types.get(slug="general")
    media = event.registration_types.get(slug="media")
    people = {
        "confirmed": register(event, general, answers=answers(), email="seat@example.org"),
        "waiting": register(event, general, answers=answers(), email="wait@example.org"),
        "pending": register(event, media, answers=answers(), email="press@example.org"),
        "gone": register(event, media, answers=answers(), email="gone@example.org"),
    }
    cancel_registration(people["gone"])
    for person in people.values():
        person.refresh_from_db()
    assert [p.status for p in people.values()] == [
        S.CONFIRMED,
        S.WAITLISTED,
        S.PENDING,
        S.CANCELLED,
    ]
    mail.outbox.clear()
    return event, people


def test_cancel_needs_confirmation(staff_client, full_house):
    event, _ = full_house
    page = staff_client.get(reverse("staff:event_cancel", args=[event.slug]))
    assert "Cancel this event" in page.content.decode()
    refused = staff_client.post(
        reverse("staff:event_cancel", args=[event.slug]), {"reason": "x", "notify": "on"}
    )
    assert "Tick the box to confirm" in refused.content.decode()
    event.refresh_from_db()
    assert event.status == E.PUBLISHED and mail.outbox == []


def test_cancel_emails_everyone_waiting_or_seated_closes_registration_and_stops_promotion(
    staff_client, client, full_house, django_capture_on_commit_callbacks
):
    event, people = full_house
    before = {k: p.calendar_sequence for k, p in people.items()}
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("staff:event_cancel", args=[event.slug]),
            {"reason": "The speakers cannot travel.", "notify": "on", "confirm": "on"},
            follow=True,
        )
    assert "registration is closed" in response.content.decode()
    event.refresh_from_db()
    assert event.status == E.CANCELLED
    change = EventStateChange.objects.get(event=event, action="cancel")
    assert (change.previous, change.state, change.reason) == (
        "published",
        "cancelled",
        "The speakers cannot travel.",
    )

    told = sorted(m.to[0] for m in mail.outbox)
    assert told == ["press@example.org", "seat@example.org", "wait@example.org"]
    for message in mail.outbox:
        assert message.subject == f"Cancelled: {event.title}"
        assert "The speakers cannot travel." in message.body
        cal = calendar_of(message)
        assert cal is not None, message.to
        assert str(cal["METHOD"]) == "CANCEL"
        vevent = cal.walk("VEVENT")[0]
        assert str(vevent["STATUS"]) == "CANCELLED"
        person = next(p for p in people.values() if p.email == message.to[0])
        assert (
            int(vevent["SEQUENCE"])
            == before[next(k for k, p in people.items() if p.pk == person.pk)] + 1
        )
        assert str(vevent["UID"]).startswith(f"registration-{person.pk}-event-{event.pk}@")

    # The public page says so; the registration box and the register link are gone.
    page = client.get(event.get_absolute_url()).content.decode()
    assert "This event has been cancelled." in page and "The speakers cannot travel." in page
    assert 'href="#register"' not in page
    # Registration is closed: a new person is refused and nobody is emailed.
    mail.outbox.clear()
    form = client.post(
        reverse("registration:form", args=[event.slug, "general"]),
        {
            "q_first_name": "New",
            "q_last_name": "Comer",
            "q_email": "new@example.org",
            "privacy_consent": "on",
        },
    )
    assert form.status_code in (200, 404)
    assert not Registration.objects.filter(email="new@example.org").exists()
    # A seat freed after the cancellation promotes nobody.
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(people["confirmed"])
    people["waiting"].refresh_from_db()
    assert people["waiting"].status == S.WAITLISTED
    assert not any("seat is yours" in m.subject for m in mail.outbox)
    # The event's own calendar file says CANCELLED with a raised SEQUENCE.
    vevent = Calendar.from_ical(client.get(reverse("events:ics", args=[event.slug])).content).walk(
        "VEVENT"
    )[0]
    assert str(vevent["STATUS"]) == "CANCELLED" and int(vevent["SEQUENCE"]) == 1


def test_cancel_without_notifying(staff_client, full_house, django_capture_on_commit_callbacks):
    event, _ = full_house
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("staff:event_cancel", args=[event.slug]), {"reason": "", "confirm": "on"}
        )
    event.refresh_from_db()
    assert event.status == E.CANCELLED and mail.outbox == []


def test_postpone_to_a_new_date_keeps_registrations_and_sends_the_new_invitation(
    staff_client, client, full_house, django_capture_on_commit_callbacks
):
    event, people = full_house
    old_start = event.starts_at
    new_day = (event.local_start + dt.timedelta(days=14)).date()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("staff:event_postpone", args=[event.slug]),
            {
                "start_date": new_day.isoformat(),
                "start_time": "10:00",
                "end_time": "11:30",
                "reason": "The room is being repaired.",
                "notify": "on",
            },
        )
    event.refresh_from_db()
    assert event.status == E.POSTPONED and event.postponed_from == old_start
    assert event.local_start.date() == new_day and event.local_start.hour == 10
    for key, person in people.items():
        status = person.status
        person.refresh_from_db()
        assert person.status == status, key
    assert sorted(m.to[0] for m in mail.outbox) == [
        "press@example.org",
        "seat@example.org",
        "wait@example.org",
    ]
    seat = next(m for m in mail.outbox if m.to == ["seat@example.org"])
    assert seat.subject == f"Postponed: {event.title}"
    assert event.when_display in seat.body and "The room is being repaired." in seat.body
    cal = calendar_of(seat)
    assert str(cal["METHOD"]) == "REQUEST"
    vevent = cal.walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == event.starts_at
    assert int(vevent["SEQUENCE"]) == people["confirmed"].calendar_sequence
    assert int(vevent["SEQUENCE"]) > 0 and str(vevent["STATUS"]) == "CONFIRMED"
    # The waiting person is told the date, with no invitation (they hold no seat).
    waiting = next(m for m in mail.outbox if m.to == ["wait@example.org"])
    assert calendar_of(waiting) is None and event.when_display in waiting.body

    page = client.get(event.get_absolute_url()).content.decode()
    assert "This event has been postponed to" in page and "The room is being repaired." in page
    vevent = Calendar.from_ical(client.get(reverse("events:ics", args=[event.slug])).content).walk(
        "VEVENT"
    )[0]
    assert vevent.decoded("DTSTART").astimezone(dt.UTC) == event.starts_at


def test_postpone_to_a_date_to_be_announced(
    staff_client, client, full_house, django_capture_on_commit_callbacks
):
    event, _ = full_house
    refused = staff_client.post(reverse("staff:event_postpone", args=[event.slug]), {"reason": ""})
    assert "Give the new date" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("staff:event_postpone", args=[event.slug]),
            {"to_be_announced": "on", "notify": "on"},
        )
    event.refresh_from_db()
    assert event.status == E.POSTPONED and event.date_to_be_announced
    seat = next(m for m in mail.outbox if m.to == ["seat@example.org"])
    assert "The new date is to be announced" in seat.body
    assert str(calendar_of(seat).walk("VEVENT")[0]["STATUS"]) == "TENTATIVE"
    assert (
        "the new date is to be announced" in client.get(event.get_absolute_url()).content.decode()
    )


def test_illegal_moves_are_refused_with_a_message(staff_client, full_house):
    event, _ = full_house
    staff_client.post(
        reverse("staff:event_cancel", args=[event.slug]), {"confirm": "on"}
    )  # published -> cancelled
    response = staff_client.post(
        reverse("staff:event_status", args=[event.slug]), {"action": "unpublish"}, follow=True
    )
    assert "An event that is cancelled cannot become draft." in response.content.decode()
    response = staff_client.post(
        reverse("staff:event_postpone", args=[event.slug]), {"to_be_announced": "on"}, follow=True
    )
    assert "An event that is cancelled cannot become postponed." in response.content.decode()
    event.refresh_from_db()
    assert event.status == E.CANCELLED


def test_the_table_is_the_documented_lifecycle():
    allowed = set(TRANSITIONS.pairs())
    assert (E.DRAFT, E.PUBLISHED) in allowed
    assert {(E.PUBLISHED, E.POSTPONED), (E.PUBLISHED, E.CANCELLED)} <= allowed
    assert {(E.POSTPONED, E.PAST), (E.CANCELLED, E.PAST), (E.PUBLISHED, E.PAST)} <= allowed
    assert not any(old == E.PAST for old, _ in allowed)
    assert (E.CANCELLED, E.PUBLISHED) not in allowed and (E.DRAFT, E.CANCELLED) not in allowed


def test_close_past_events_command(db):
    over = make_event(starts_in=-dt.timedelta(days=2))
    cancelled = make_event(starts_in=-dt.timedelta(days=2), status=E.CANCELLED)
    coming = make_event()
    draft = make_event(starts_in=-dt.timedelta(days=2), status=E.DRAFT)
    call_command("close_past_events")
    for event, expected in (
        (over, E.PAST),
        (cancelled, E.PAST),
        (coming, E.PUBLISHED),
        (draft, E.DRAFT),
    ):
        event.refresh_from_db()
        assert event.status == expected, event
    assert timezone.now() > over.starts_at


def test_google_and_outlook_links_beside_the_ics(client, db):
    from urllib.parse import parse_qs, urlsplit

    event = make_event(title="Calendar links")
    page = client.get(event.get_absolute_url()).content.decode()
    import re
    from html import unescape

    google = unescape(re.search(r'href="(https://calendar\.google\.com/[^"]+)"', page).group(1))
    outlook = unescape(re.search(r'href="(https://outlook\.live\.com/[^"]+)"', page).group(1))
    g = parse_qs(urlsplit(google).query)
    start = event.starts_at.astimezone(dt.UTC)
    assert g["text"] == ["Calendar links"] and g["dates"][0].startswith(f"{start:%Y%m%dT%H%M%SZ}/")
    assert "USIP Headquarters" in g["location"][0]
    o = parse_qs(urlsplit(outlook).query)
    assert o["subject"] == ["Calendar links"] and o["startdt"] == [f"{start:%Y-%m-%dT%H:%M:%SZ}"]
    event.status = E.CANCELLED
    event.save()
    assert "calendar.google.com" not in client.get(event.get_absolute_url()).content.decode()


def test_copy_an_event_with_speakers_types_and_forms_but_no_registrations(
    staff_client, full_house, django_capture_on_commit_callbacks
):
    from podium.events.domain.events import add_speaker, get_or_create_organisation, save_person
    from podium.events.models import Person

    event, _ = full_house
    add_speaker(event, person=save_person(Person(name="Frank Aum")), role="moderator")
    event.registration_types.filter(slug="general").update(capacity=40)
    organisation = get_or_create_organisation("Korea Society")
    from podium.events.domain.events import add_partner

    add_partner(event, organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("staff:event_copy", args=[event.slug]))
    copy = Event.objects.exclude(pk=event.pk).get(title=f"{event.title} (copy)")
    assert response["Location"] == reverse("staff:event_detail", args=[copy.slug])
    assert copy.status == E.DRAFT and copy.starts_at == event.starts_at
    assert [(s.person.name, s.role) for s in copy.speakers.all()] == [("Frank Aum", "moderator")]
    assert [p.organisation.name for p in copy.partners.all()] == ["Korea Society"]
    assert copy.registration_types.get(slug="general").capacity == 40
    assert (
        copy.registration_types.get(slug="media")
        .sections.filter(title="Media Credentials")
        .exists()
    )
    assert not Registration.objects.filter(event=copy).exists()
