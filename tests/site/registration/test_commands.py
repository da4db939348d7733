"""The management commands: reminders and data retention."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from podium.registration.domain.registration import register
from podium.registration.models import Registration

from .conftest import answers, make_event

pytestmark = pytest.mark.django_db


def test_send_reminders_command(capsys, committed):
    event = make_event(starts_in=dt.timedelta(hours=5))
    register(
        event,
        event.registration_types.get(slug="general"),
        answers=answers(),
        email="a@example.org",
    )
    mail.outbox.clear()
    with committed():
        call_command("send_reminders", "--hours", "6")
    assert "Queued 1 reminder" in capsys.readouterr().out
    assert mail.outbox[0].subject.startswith("Reminder")
    with pytest.raises(SystemExit) as exit_info:
        call_command("send_reminders", "--hours", "0")
    assert exit_info.value.code == 2


def test_anonymise_command(capsys):
    event = make_event(starts_in=dt.timedelta(days=-400))
    Registration.objects.create(
        event=event,
        registration_type=event.registration_types.get(slug="general"),
        status="confirmed",
        email="old@example.org",
        email_normalised="old@example.org",
        first_name="Old",
        checkin_code="OLDCODE2",
        manage_nonce="n",
    )
    call_command("anonymise_registrations", "--days", "365", "--dry-run")
    assert "Would anonymise 1 registration(s) of 1 event(s)" in capsys.readouterr().out
    call_command("anonymise_registrations", "--days", "365")
    assert "Anonymised 1" in capsys.readouterr().out
    person = Registration.objects.get()
    assert person.first_name == "" and person.status == "confirmed" and person.anonymised_at


def test_reminder_task_runs_through_the_task_framework(committed):
    from podium.registration.tasks import send_due_reminders

    event = make_event(starts_in=dt.timedelta(hours=2))
    register(
        event,
        event.registration_types.get(slug="general"),
        answers=answers(),
        email="t@example.org",
    )
    mail.outbox.clear()
    with committed():
        result = send_due_reminders.enqueue(hours=3)
    assert result.return_value == 1
    assert [m.to for m in mail.outbox] == [["t@example.org"]]


def test_email_task_skips_anonymised_registrations():
    from podium.registration.tasks import send_registration_email

    event = make_event()
    person = register(
        event,
        event.registration_types.get(slug="general"),
        answers=answers(),
        email="x@example.org",
    )
    Registration.objects.filter(pk=person.pk).update(anonymised_at=person.created_at)
    assert send_registration_email.enqueue(person.pk, "confirmed").return_value is False
    assert send_registration_email.enqueue(999999, "confirmed").return_value is False
    assert mail.outbox == []
