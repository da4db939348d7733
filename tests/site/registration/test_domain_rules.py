"""Accessibility lead time, manage tokens, check-in, reminders, retention, form editing."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core import mail, signing
from django.utils import timezone

from podium.registration.domain import forms as form_editing
from podium.registration.domain.checkin import check_in, find_by_checkin_code, undo_check_in
from podium.registration.domain.errors import InvalidTransition
from podium.registration.domain.leadtime import (
    accessibility_deadline,
    business_days_between,
    is_inside_lead_time,
)
from podium.registration.domain.queries.registrations import counts_by_type
from podium.registration.domain.registration import register, update_answers
from podium.registration.domain.reminders import queue_due_reminders
from podium.registration.domain.retention import anonymise_registrations
from podium.registration.domain.tokens import SALT, make_manage_token, registration_from_token
from podium.registration.domain.transitions import cancel_registration
from podium.registration.models import AuditEntry, Question, Registration

from .conftest import answers, make_event

pytestmark = pytest.mark.django_db
NY = zoneinfo.ZoneInfo("America/New_York")


def at(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, tzinfo=NY)


# --- business days -------------------------------------------------------------------------
def test_business_days_skip_weekends_and_holidays(settings):
    settings.PODIUM_HOLIDAY_COUNTRY = ""
    # Mon 2026-11-16 → Thu 2026-11-19: Mon, Tue, Wed
    assert business_days_between(dt.date(2026, 11, 16), dt.date(2026, 11, 19)) == 3
    # Fri → Tue spans a weekend: Fri, Mon
    assert business_days_between(dt.date(2026, 11, 13), dt.date(2026, 11, 17)) == 2
    settings.PODIUM_HOLIDAYS = ["2026-11-16"]
    assert business_days_between(dt.date(2026, 11, 13), dt.date(2026, 11, 17)) == 1
    settings.PODIUM_HOLIDAYS = []
    settings.PODIUM_HOLIDAY_COUNTRY = "US"  # Thanksgiving, Thu 2026-11-26
    assert business_days_between(dt.date(2026, 11, 23), dt.date(2026, 11, 30)) == 4


@pytest.mark.parametrize(
    ("requested", "inside"),
    [
        (at(2026, 6, 15), False),  # Mon before a Thu event: Mon, Tue, Wed = 3 days' notice
        (at(2026, 6, 16), True),  # Tue: 2 days
        (at(2026, 6, 13), False),  # Sat counts like the Monday after
        (at(2026, 6, 18, 8), True),  # the same morning
    ],
)
def test_request_inside_lead_time(requested, inside, settings):
    settings.PODIUM_HOLIDAY_COUNTRY = ""
    event = make_event(starts_at=at(2026, 6, 18, 10))  # Thursday
    assert is_inside_lead_time(event, now=requested) is inside
    assert accessibility_deadline(event) == dt.date(2026, 6, 15)


def test_weekend_event_deadline_counts_back_from_monday(settings):
    settings.PODIUM_HOLIDAY_COUNTRY = ""
    event = make_event(starts_at=at(2026, 6, 20, 10))  # Saturday
    assert accessibility_deadline(event) == dt.date(2026, 6, 17)  # Wed: Wed, Thu, Fri
    assert not is_inside_lead_time(event, now=at(2026, 6, 17))
    assert is_inside_lead_time(event, now=at(2026, 6, 18))


def test_late_accessibility_request_is_accepted_flagged_and_registrant_told(committed):
    event = make_event(starts_in=dt.timedelta(days=1))
    general = event.registration_types.get(slug="general")
    with committed():
        late = register(
            event,
            general,
            answers=answers(),
            email="late@example.org",
            accessibility_request="ASL interpreter",
        )
    assert late.status == Registration.Status.CONFIRMED
    assert late.accessibility_flagged
    assert "may not be possible to fulfil" in mail.outbox[0].body
    alert = next(m for m in mail.outbox if m.to == ["EventRegistration@usip.org"])
    assert alert.subject.startswith("LATE Accessibility request")
    assert "ASL interpreter" in alert.body and f"/registrations/{late.pk}/" in alert.body
    early_event = make_event(starts_in=dt.timedelta(days=30))
    early = register(
        early_event,
        early_event.registration_types.get(slug="general"),
        answers=answers(),
        email="early@example.org",
        accessibility_request="ASL interpreter",
    )
    assert not early.accessibility_flagged
    no_request = register(event, general, answers=answers(), email="none@example.org")
    assert not no_request.accessibility_flagged
    mail.outbox.clear()
    with committed():
        on_time = register(
            early_event,
            early_event.registration_types.get(slug="general"),
            answers=answers(),
            email="early2@example.org",
            accessibility_request="Large print",
        )
        update_answers(
            on_time, answers=answers(), accessibility_request="Large print", marketing_opt_in=False
        )
        register(
            early_event,
            early_event.registration_types.get(slug="general"),
            answers=answers(),
            email="none2@example.org",
        )
    alerts = [m for m in mail.outbox if m.to == ["EventRegistration@usip.org"]]
    assert [a.subject for a in alerts] == [
        f"Accessibility request: {early_event.title}"
    ]  # unchanged edit: no alert


# --- manage tokens ---------------------------------------------------------------------------
def test_manage_token_round_trip_forgery_and_revocation(event, general, settings):
    registration = register(event, general, answers=answers(), email="a@example.org")
    token = make_manage_token(registration)
    assert registration_from_token(token).pk == registration.pk
    assert registration_from_token(token[:-2] + "xx") is None
    assert registration_from_token("not-a-token") is None
    forged = signing.dumps(
        {"r": registration.pk, "n": registration.manage_nonce}, salt=SALT, key="other-key"
    )
    assert registration_from_token(forged) is None
    wrong_nonce = signing.dumps({"r": registration.pk, "n": "guessed"}, salt=SALT, compress=True)
    assert registration_from_token(wrong_nonce) is None
    settings.PODIUM_MANAGE_LINK_MAX_AGE = -1
    assert registration_from_token(token) is None  # expired


def test_tokens_differ_per_registration_and_are_long(event, general):
    a = register(event, general, answers=answers(), email="a@example.org")
    b = register(event, general, answers=answers(), email="b@example.org")
    assert make_manage_token(a) != make_manage_token(b)
    assert len(make_manage_token(a)) > 40


# --- check-in -------------------------------------------------------------------------------
def test_check_in_undo_and_refusals(event, general, media, staff):
    person = register(event, general, answers=answers(), email="a@example.org")
    assert find_by_checkin_code(event, person.checkin_code.lower()).pk == person.pk
    assert (
        find_by_checkin_code(event, f" {person.checkin_code[:4]}-{person.checkin_code[4:]} ").pk
        == person.pk
    )
    check_in(person, actor=staff)
    person.refresh_from_db()
    assert person.checked_in_at and person.checked_in_by == staff
    with pytest.raises(InvalidTransition, match="already checked in"):
        check_in(person, actor=staff)
    undo_check_in(person, actor=staff)
    person.refresh_from_db()
    assert person.checked_in_at is None
    assert list(
        AuditEntry.objects.filter(registration=person, action__startswith="checkin")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["checkin.done", "checkin.undone"]
    pending = register(
        event,
        media,
        email="p@press.example",
        answers=answers(
            outlet="W", media_role="Reporter", press_credential_url="https://w.example"
        ),
    )
    with pytest.raises(InvalidTransition, match="pending approval"):
        check_in(pending, actor=staff)
    cancel_registration(person)
    with pytest.raises(InvalidTransition, match="cancelled"):
        check_in(person, actor=staff)


# --- reminders ------------------------------------------------------------------------------
def test_reminders_once_for_confirmed_people_of_events_starting_soon(committed):
    soon = make_event(starts_in=dt.timedelta(hours=20))
    later = make_event(starts_in=dt.timedelta(days=5))
    for event in (soon, later):
        register(
            event,
            event.registration_types.get(slug="general"),
            answers=answers(),
            email="a@example.org",
        )
    cancelled = register(
        soon, soon.registration_types.get(slug="general"), answers=answers(), email="c@example.org"
    )
    cancel_registration(cancelled)
    mail.outbox.clear()
    with committed():
        queued = queue_due_reminders(hours=24)
    assert [r.event_id for r in queued] == [soon.pk]
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert "Reminder" in mail.outbox[0].subject
    assert queue_due_reminders(hours=24) == []


# --- retention ------------------------------------------------------------------------------
def test_anonymise_after_retention_keeps_counts(staff):
    old = make_event(starts_in=dt.timedelta(days=5))
    general = old.registration_types.get(slug="general")
    people = [
        register(
            old,
            general,
            answers=answers(),
            email=f"p{i}@example.org",
            accessibility_request="Step-free access",
        )
        for i in range(3)
    ]
    check_in(people[0], actor=staff)
    recent = make_event(starts_in=dt.timedelta(days=120))
    keep = register(
        recent,
        recent.registration_types.get(slug="general"),
        answers=answers(),
        email="k@example.org",
    )
    counts_before = counts_by_type(old)[0]
    token = make_manage_token(people[1])
    now = timezone.now() + dt.timedelta(days=5 + 91)
    assert anonymise_registrations(days=90, now=now, dry_run=True) == {old.pk: 3}
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 0
    assert anonymise_registrations(days=90, now=now) == {old.pk: 3}
    for person in Registration.objects.filter(event=old):
        assert (
            person.email.endswith("@invalid") and person.first_name == "" and person.answers == {}
        )
        assert person.accessibility_request == ""
    keep.refresh_from_db()
    assert keep.email == "k@example.org"
    counts_after = counts_by_type(old)[0]
    assert (
        (counts_after.confirmed, counts_after.checked_in)
        == (counts_before.confirmed, counts_before.checked_in)
        == (3, 1)
    )
    assert registration_from_token(token) is None
    assert AuditEntry.objects.filter(event=old, action="retention.anonymised").exists()
    assert anonymise_registrations(days=90, now=now) == {}


# --- form editing ---------------------------------------------------------------------------
def test_form_editing_add_move_remove(general, staff):
    work = general.sections.get(title="Work Information")
    question = form_editing.add_question(
        work, label="Dietary needs", kind=Question.Kind.LONG_TEXT, actor=staff
    )
    assert question.key == "dietary_needs" and question.order == work.questions.count() - 1
    second = form_editing.add_question(
        work, label="Dietary needs", kind=Question.Kind.SHORT_TEXT, actor=staff
    )
    assert second.key == "dietary_needs_2"
    form_editing.move_item(second, direction=-1, actor=staff)
    keys = list(work.questions.values_list("key", flat=True))
    assert keys.index("dietary_needs_2") < keys.index("dietary_needs")
    form_editing.remove_question(question, actor=staff)
    assert not Question.objects.filter(pk=question.pk).exists()
    assert list(work.questions.values_list("order", flat=True)) == list(
        range(work.questions.count())
    )
    email = Question.objects.get(section__registration_type=general, key="email")
    with pytest.raises(InvalidTransition):
        form_editing.remove_question(email, actor=staff)
    with pytest.raises(InvalidTransition):
        form_editing.remove_section(email.section, actor=staff)
    titles = list(general.sections.values_list("title", flat=True))
    assert titles == ["Your Information", "Work Information", "How did you hear about this event?"]
    form_editing.move_item(
        general.sections.get(title="How did you hear about this event?"), direction=-1, actor=staff
    )
    assert (
        list(general.sections.values_list("title", flat=True))[1]
        == "How did you hear about this event?"
    )
    assert AuditEntry.objects.filter(action="form.question_added", actor=staff).count() == 2
