"""The rules of ``register`` and the workflow functions, called directly."""

from __future__ import annotations

import datetime as dt
from email.message import MIMEPart

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone
from icalendar import Calendar

from podium.registration.domain.errors import (
    ConsentRequired,
    DuplicateRegistration,
    InvalidAccessCode,
    InvalidTransition,
    RegistrationClosed,
    RegistrationFull,
)
from podium.registration.domain.registration import register, update_answers
from podium.registration.domain.transitions import (
    approve_registration,
    cancel_registration,
    reject_registration,
)
from podium.registration.domain.types import update_capacity
from podium.registration.models import AuditEntry, Registration

from .conftest import answers, make_event

S = Registration.Status
pytestmark = pytest.mark.django_db


def reg(event, rtype, email, **kwargs):
    return register(event, rtype, answers=kwargs.pop("answers", answers()), email=email, **kwargs)


def attachments_of(message, content_type):
    return [
        a
        for a in message.attachments
        if isinstance(a, MIMEPart) and a.get_content_type() == content_type
    ]


def test_general_registration_is_confirmed_and_emailed_with_ics_and_qr(event, general, committed):
    with committed():
        registration = reg(event, general, "  Ada@Example.org ")
    assert registration.status == S.CONFIRMED
    assert registration.email == "Ada@Example.org"
    assert registration.email_normalised == "ada@example.org"
    assert registration.first_name == "Ada" and "first_name" not in registration.answers
    assert registration.answers["organisation"] == "Analytical Society"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Ada@Example.org"]
    assert "You're registered" in message.subject
    assert registration.checkin_code in message.body
    html = message.alternatives[0].content
    assert "cid:checkin-qr@podium" in html
    ics = attachments_of(message, "text/calendar")
    assert len(ics) == 1 and ics[0].get_param("method") == "REQUEST"
    calendar = Calendar.from_ical(ics[0].get_content())
    vevent = calendar.walk("VEVENT")[0]
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(vevent["UID"]) == f"registration-{registration.pk}-event-{event.pk}@127.0.0.1"
    assert str(vevent["ATTENDEE"]).lower() == "mailto:ada@example.org"
    assert str(vevent["ORGANIZER"]).startswith("mailto:")
    assert vevent.decoded("DTSTART") == event.starts_at.replace(microsecond=0).astimezone(dt.UTC)
    qr = attachments_of(message, "image/png")
    assert qr and qr[0]["Content-ID"] == "<checkin-qr@podium>"
    assert AuditEntry.objects.filter(
        registration=registration, action="registration.created"
    ).exists()


def test_email_shows_time_in_event_time_zone(committed):
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=20)
    event = make_event(time_zone="Asia/Seoul", starts_at=starts)
    with committed():
        reg(event, event.registration_types.get(slug="general"), "kim@example.kr")
    local = timezone.localtime(starts, event.tz)
    assert f"{local:%I:%M %p}".lstrip("0") in mail.outbox[0].body
    assert "KST" in mail.outbox[0].body


def test_duplicate_email_is_refused_case_insensitively(event, general, media):
    reg(event, general, "ada@example.org")
    with pytest.raises(DuplicateRegistration) as info:
        reg(event, general, " ADA@example.ORG")
    assert info.value.existing.email_normalised == "ada@example.org"
    with pytest.raises(DuplicateRegistration):
        reg(
            event,
            media,
            "Ada@Example.org",
            answers=answers(
                outlet="X", media_role="Reporter", press_credential_url="https://x.example"
            ),
        )
    assert Registration.objects.filter(event=event).count() == 1


def test_database_refuses_a_second_active_registration_for_the_same_email(event, general):
    first = reg(event, general, "ada@example.org")
    clone = Registration(
        event=event,
        registration_type=general,
        status=S.CONFIRMED,
        email="ADA@example.org",
        email_normalised="ada@example.org",
        checkin_code="ZZZZ2222",
        manage_nonce="x",
    )
    with pytest.raises(IntegrityError):
        clone.save()
    assert first.pk


def test_cancelled_person_can_register_again(event, general):
    first = reg(event, general, "ada@example.org")
    cancel_registration(first)
    again = reg(event, general, "ada@example.org")
    assert again.status == S.CONFIRMED and again.pk != first.pk


def test_capacity_fills_then_waiting_list_in_order(committed):
    event = make_event(capacity=2, waiting_list_offer_hours=0)  # promoted people confirmed at once
    general = event.registration_types.get(slug="general")
    with committed():
        people = [reg(event, general, f"p{i}@example.org") for i in range(5)]
    assert [p.status for p in people] == [
        S.CONFIRMED,
        S.CONFIRMED,
        S.WAITLISTED,
        S.WAITLISTED,
        S.WAITLISTED,
    ]
    assert "waiting list" in mail.outbox[2].subject
    mail.outbox.clear()
    with committed():
        cancel_registration(people[0])
    people = [Registration.objects.get(pk=p.pk) for p in people]
    assert [p.status for p in people] == [
        S.CANCELLED,
        S.CONFIRMED,
        S.CONFIRMED,
        S.WAITLISTED,
        S.WAITLISTED,
    ]
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "cancelled" in subjects["p0@example.org"].lower()
    assert "seat is yours" in subjects["p2@example.org"]
    assert AuditEntry.objects.filter(
        registration=people[2], action="registration.promoted"
    ).exists()


def test_new_registrant_joins_the_queue_behind_waiting_people_even_with_a_free_seat(event, general):
    update_capacity(general, capacity=1)
    reg(event, general, "a@example.org")
    waiting = reg(event, general, "b@example.org")
    assert waiting.status == S.WAITLISTED
    # A seat frees while the waiting list is not empty: promotion takes it, not a newcomer.
    cancel_registration(Registration.objects.get(email="a@example.org"))
    assert Registration.objects.get(pk=waiting.pk).status == S.OFFERED  # holds the seat
    assert reg(event, general, "c@example.org").status == S.WAITLISTED


def test_capacity_raise_promotes_waiting_list(committed):
    event = make_event(capacity=1)
    general = event.registration_types.get(slug="general")
    reg(event, general, "a@example.org")
    w1, w2, w3 = (reg(event, general, f"w{i}@example.org") for i in range(3))
    with committed():
        promoted = update_capacity(general, capacity=3)
    assert [p.pk for p in promoted] == [w1.pk, w2.pk]
    assert Registration.objects.get(pk=w3.pk).status == S.WAITLISTED
    assert sorted(m.to[0] for m in mail.outbox) == ["w0@example.org", "w1@example.org"]


def test_full_without_waiting_list_is_refused(event, general):
    general.capacity = 1
    general.waiting_list_enabled = False
    general.save()
    reg(event, general, "a@example.org")
    with pytest.raises(RegistrationFull):
        reg(event, general, "b@example.org")


def test_unlimited_capacity(event, general):
    update_capacity(general, capacity=None)
    assert all(reg(event, general, f"u{i}@example.org").status == S.CONFIRMED for i in range(30))


def test_media_waits_for_approval_then_counts_against_capacity_at_approval(committed, staff):
    event = make_event(capacity=1)
    media = event.registration_types.get(slug="media")
    update_capacity(media, capacity=1)
    media_answers = answers(
        outlet="Wire", media_role="Reporter", press_credential_url="https://wire.example/me"
    )
    with committed():
        first = reg(event, media, "one@press.example", answers=media_answers)
        second = reg(event, media, "two@press.example", answers=media_answers)
    assert first.status == second.status == S.PENDING
    assert all("received" in m.subject for m in mail.outbox)
    assert not any(attachments_of(m, "text/calendar") for m in mail.outbox)
    mail.outbox.clear()
    with committed():
        approved = approve_registration(second, actor=staff, message="See you at the press table.")
    assert approved.status == S.CONFIRMED
    assert "approved" in mail.outbox[0].subject
    assert "See you at the press table." in mail.outbox[0].body
    assert attachments_of(mail.outbox[0], "text/calendar")
    with committed():
        late = approve_registration(first, actor=staff)
    assert late.status == S.WAITLISTED  # the only seat went at the earlier approval
    assert "waiting list" in mail.outbox[1].subject
    entry = AuditEntry.objects.get(registration=second, action="registration.approved")
    assert entry.actor == staff


def test_approval_when_full_without_waiting_list_is_refused(staff):
    event = make_event()
    media = event.registration_types.get(slug="media")
    media.capacity = 0
    media.waiting_list_enabled = False
    media.save()
    pending = reg(
        event,
        media,
        "x@press.example",
        answers=answers(
            outlet="W", media_role="Reporter", press_credential_url="https://w.example"
        ),
    )
    with pytest.raises(RegistrationFull):
        approve_registration(pending, actor=staff)
    assert Registration.objects.get(pk=pending.pk).status == S.PENDING


def test_reject_with_message(event, general, media, staff, committed):
    pending = reg(
        event,
        media,
        "x@press.example",
        answers=answers(
            outlet="W", media_role="Reporter", press_credential_url="https://w.example"
        ),
    )
    with committed():
        rejected = reject_registration(
            pending, actor=staff, message="We could not verify your credential."
        )
    assert rejected.status == S.REJECTED
    assert "We could not verify your credential." in mail.outbox[-1].body
    with pytest.raises(InvalidTransition):
        approve_registration(rejected, actor=staff)
    # A rejected media applicant may still come as general public (issue 18).
    assert reg(event, general, "x@press.example").status == S.CONFIRMED
    with pytest.raises(DuplicateRegistration):  # ...once
        reg(event, general, " X@press.example")


def test_closed_and_not_yet_open_types_are_refused_but_staff_may_add(event, general, staff):
    general.closes_at = timezone.now() - dt.timedelta(minutes=1)
    general.save()
    with pytest.raises(RegistrationClosed):
        reg(event, general, "late@example.org")
    assert reg(event, general, "late@example.org", actor=staff).status == S.CONFIRMED
    general.closes_at = None
    general.opens_at = timezone.now() + dt.timedelta(days=1)
    general.save()
    with pytest.raises(RegistrationClosed):
        reg(event, general, "early@example.org")


def test_registration_closes_when_the_event_starts():
    event = make_event(starts_in=dt.timedelta(minutes=-5))
    with pytest.raises(RegistrationClosed):
        reg(event, event.registration_types.get(slug="general"), "a@example.org")


def test_invitation_code(event, general):
    general.access_code = "ROUNDTABLE"
    general.save()
    with pytest.raises(InvalidAccessCode):
        reg(event, general, "a@example.org", access_code="guess")
    assert reg(event, general, "a@example.org", access_code=" roundtable ").status == S.CONFIRMED


def test_privacy_consent_is_required(event, general):
    with pytest.raises(ConsentRequired, match="privacy"):
        reg(event, general, "a@example.org", privacy_consent=False)


def test_edit_answers_keeps_email_and_logs_changed_fields(event, general):
    registration = reg(event, general, "a@example.org")
    update_answers(
        registration,
        answers=answers(first_name="Augusta", job_title="Countess"),
        accessibility_request="",
        marketing_opt_in=True,
    )
    registration.refresh_from_db()
    assert registration.first_name == "Augusta" and registration.answers["job_title"] == "Countess"
    assert registration.email == "a@example.org" and registration.marketing_opt_in
    entry = AuditEntry.objects.get(registration=registration, action="registration.edited")
    assert entry.data["fields"] == ["first_name", "job_title", "marketing_opt_in"]


def test_marketing_opt_in_is_separate_from_consent(event, general):
    registration = reg(event, general, "a@example.org")
    assert registration.privacy_consent_at is not None and registration.marketing_opt_in is False
    other = reg(event, general, "b@example.org", marketing_opt_in=True)
    assert other.marketing_opt_in is True
