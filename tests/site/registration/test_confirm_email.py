"""PODIUM_REGISTRATION_CONFIRM_EMAIL: a registration holds no seat until the emailed link is opened.

Over HTTP with Django's test client, on SQLite and PostgreSQL: the form ends
on "check your inbox" with an "unconfirmed" registration and an email whose
only link is the signed confirmation link; opening it shows a button (mail
scanners only GET); confirming takes a seat, or the waiting list when the
seats went to people who confirmed first; a forged link, an expired link and
an expired registration are refused; `podium manage expire_offers` cancels
the registrations nobody confirmed in time.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from podium.registration.models import AuditEntry, Registration

from .conftest import emailed_manage_path, make_event
from .test_http_public import form_url, post_data

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture(autouse=True)
def confirm_first(settings):
    settings.PODIUM_REGISTRATION_CONFIRM_EMAIL = True
    settings.PODIUM_REGISTRATION_CONFIRM_HOURS = 24


def confirm_path(message) -> str:
    found = re.search(r"https?://[^/\s]+(/register/confirm/[^/\s]+/)", message.body)
    assert found, f"no confirmation link in {message.subject!r}"
    return found.group(1)


def register(client, committed, event, email):
    with committed():
        response = client.post(form_url(event), post_data(q_email=email))
    assert response.status_code == 302 and "/check-your-inbox/" in response["Location"]
    return [m for m in mail.outbox if m.to[0].lower() == email.strip().lower()][-1]


def test_the_seat_is_taken_only_when_the_emailed_link_is_confirmed(client, committed):
    event = make_event(capacity=1)
    message = register(client, committed, event, "ada@example.org")
    registration = Registration.objects.get(email_normalised="ada@example.org")
    assert registration.status == Status.UNCONFIRMED and registration.confirmed_at is None
    assert message.subject == f"Please confirm your registration for {event.title}"
    assert "/register/manage/" not in message.body  # no manage link before confirming
    page = client.get(f"/register/{event.slug}/check-your-inbox/").content.decode()
    assert "Please open the link in it to confirm your registration" in page

    # an unconfirmed registration holds no seat: someone else can still take it
    path = confirm_path(message)
    shown = client.get(path)
    assert shown.status_code == 200 and 'id="confirm-button"' in shown.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.UNCONFIRMED  # a GET (a mail scanner) changes nothing

    with committed():
        done = client.post(path)
    assert done.status_code == 302 and "/register/manage/" in done["Location"]
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED and registration.confirmed_at
    confirmed_mail = mail.outbox[-1]
    assert confirmed_mail.subject == f"You're registered: {event.title}"
    assert client.get(emailed_manage_path(confirmed_mail)).status_code == 200
    assert AuditEntry.objects.filter(
        registration=registration, action="registration.email_confirmed"
    ).exists()
    # the link again: already confirmed, it leads to the registration, nothing changes
    again = client.post(path)
    assert again.status_code == 302 and "/register/manage/" in again["Location"]
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 1


def test_who_confirms_first_gets_the_seat_and_the_other_waits(client, committed):
    event = make_event(capacity=1)
    first = register(client, committed, event, "first@example.org")
    second = register(client, committed, event, "second@example.org")
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.UNCONFIRMED}
    with committed():
        client.post(confirm_path(second))
    with committed():
        client.post(confirm_path(first))
    statuses = dict(Registration.objects.values_list("email_normalised", "status"))
    assert statuses == {
        "second@example.org": Status.CONFIRMED,
        "first@example.org": Status.WAITLISTED,
    }
    assert mail.outbox[-1].subject == f"You're on the waiting list: {event.title}"


def test_registering_again_unconfirmed_resends_the_confirmation_link(client, committed):
    event = make_event()
    register(client, committed, event, "ada@example.org")
    again = register(client, committed, event, "Ada@Example.org ")
    assert again.subject.startswith("Please confirm your registration")
    assert Registration.objects.count() == 1


def test_forged_and_expired_links_are_refused(client, committed, settings):
    event = make_event()
    message = register(client, committed, event, "ada@example.org")
    path = confirm_path(message)
    forged = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    response = client.post(forged)
    assert response.status_code == 404 and 'id="confirm-invalid"' in response.content.decode()
    settings.PODIUM_REGISTRATION_CONFIRM_HOURS = 0  # every link is now older than its lifetime
    assert client.post(path).status_code == 404
    assert Registration.objects.get().status == Status.UNCONFIRMED


def test_unconfirmed_registrations_expire(client, committed):
    event = make_event(capacity=5)
    stale = register(client, committed, event, "stale@example.org")
    register(client, committed, event, "fresh@example.org")
    Registration.objects.filter(email_normalised="stale@example.org").update(
        created_at=timezone.now() - dt.timedelta(hours=25)
    )
    call_command("expire_offers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    statuses = dict(Registration.objects.values_list("email_normalised", "status"))
    assert statuses == {
        "stale@example.org": Status.CANCELLED,
        "fresh@example.org": Status.UNCONFIRMED,
    }
    response = client.post(confirm_path(stale))
    assert response.status_code == 404  # the expired registration cannot be revived
    # the address is free again: registering anew works
    message = register(client, committed, event, "stale@example.org")
    assert message.subject.startswith("Please confirm your registration")


def test_without_the_setting_the_seat_is_taken_at_once(client, committed, settings):
    settings.PODIUM_REGISTRATION_CONFIRM_EMAIL = False
    event = make_event()
    message = register(client, committed, event, "ada@example.org")
    assert Registration.objects.get().status == Status.CONFIRMED
    assert message.subject == f"You're registered: {event.title}"
