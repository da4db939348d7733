"""Waiting list as pretix does it: time-limited seat offers, a cutoff before the start, and a
capacity shared by the whole event. Time is moved with freezegun; offers expire through the
`expire_offers` command."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from podium.registration.domain.registration import register
from podium.registration.domain.tokens import make_manage_token
from podium.registration.domain.transitions import cancel_registration
from podium.registration.models import AuditEntry, Registration

from .conftest import answers, make_event

pytestmark = pytest.mark.django_db
S = Registration.Status
START = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def reg(event, slug, email):
    return register(event, event.registration_types.get(slug=slug), answers=answers(), email=email)


def status_of(*people):
    return [Registration.objects.get(pk=p.pk).status for p in people]


def test_an_offer_expires_and_the_seat_moves_on(client, committed):
    with freeze_time(START) as clock:
        event = make_event(capacity=1, waiting_list_offer_hours=6, starts_in=dt.timedelta(days=10))
        seated = reg(event, "general", "seat@example.org")
        first = reg(event, "general", "first@example.org")
        second = reg(event, "general", "second@example.org")
        mail.outbox.clear()
        with committed():
            cancel_registration(seated)
        assert status_of(first, second) == [S.OFFERED, S.WAITLISTED]
        offer = next(m for m in mail.outbox if m.to == ["first@example.org"])
        assert "please confirm" in offer.subject
        assert "Monday, June 1, 2026, 2:00 PM (EDT)" in offer.body  # 12:00 UTC + 6 h, New York
        # Newcomers still queue: the offered seat is held.
        assert reg(event, "general", "late@example.org").status == S.WAITLISTED

        clock.tick(dt.timedelta(hours=5, minutes=59))
        with committed():
            call_command("expire_offers")
        assert status_of(first, second) == [S.OFFERED, S.WAITLISTED]

        clock.tick(dt.timedelta(minutes=2))
        mail.outbox.clear()
        with committed():
            call_command("expire_offers")
        assert status_of(first, second) == [S.CANCELLED, S.OFFERED]
        subjects = {m.to[0]: m.subject for m in mail.outbox}
        assert "expired" in subjects["first@example.org"]
        assert "please confirm" in subjects["second@example.org"]
        assert AuditEntry.objects.filter(
            registration=first, action="registration.offer_expired"
        ).exists()

        # The first person is too late to accept; the second accepts from the manage page.
        late = client.post(
            reverse("registration:manage_accept", args=[make_manage_token(first)]), follow=True
        )
        assert "no seat offer" in late.content.decode()
        with committed():
            client.post(reverse("registration:manage_accept", args=[make_manage_token(second)]))
        assert status_of(second) == [S.CONFIRMED]
        assert mail.outbox[-1].subject.startswith("You're registered")


def test_an_offer_cannot_be_accepted_after_its_time_even_before_the_command_runs(client):
    with freeze_time(START) as clock:
        event = make_event(capacity=1, waiting_list_offer_hours=2)
        seated = reg(event, "general", "seat@example.org")
        waiting = reg(event, "general", "wait@example.org")
        cancel_registration(seated)
        clock.tick(dt.timedelta(hours=3))
        page = client.post(
            reverse("registration:manage_accept", args=[make_manage_token(waiting)]), follow=True
        )
        assert "This offer has expired" in page.content.decode()
        assert status_of(waiting) == [S.OFFERED]  # the command will cancel it and move on


def test_no_promotion_after_the_cutoff_before_the_start():
    with freeze_time(START) as clock:
        event = make_event(capacity=1, waiting_list_cutoff_hours=48, starts_in=dt.timedelta(days=3))
        seated = reg(event, "general", "seat@example.org")
        waiting = reg(event, "general", "wait@example.org")
        clock.tick(dt.timedelta(days=1, hours=1))  # 47 hours before the start
        cancel_registration(seated)
        assert status_of(waiting) == [S.WAITLISTED]


def test_event_capacity_is_shared_by_all_types(committed):
    event = make_event(capacity=None, waiting_list_offer_hours=0)
    event.capacity = 2
    event.save()
    media = event.registration_types.get(slug="media")
    media.requires_approval = False
    media.save()
    a = reg(event, "general", "a@example.org")
    b = reg(event, "media", "b@example.org")
    c = reg(event, "general", "c@example.org")
    d = reg(event, "media", "d@example.org")
    assert status_of(a, b, c, d) == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED, S.WAITLISTED]
    with committed():
        cancel_registration(b)  # a Media seat frees; the event's seat goes to a waiting person
    assert Registration.objects.filter(event=event, status=S.CONFIRMED).count() == 2
    assert S.CONFIRMED in status_of(c, d)


def test_the_staff_form_sets_capacity_offer_hours_and_cutoff(client, db):
    from .conftest import make_staff

    event = make_event()
    client.force_login(make_staff("offers"))
    form = client.get(reverse("staff:event_edit", args=[event.slug])).content.decode()
    assert "Hours to confirm a seat offered from the waiting list" in form
    assert "Capacity of the whole event" in form
