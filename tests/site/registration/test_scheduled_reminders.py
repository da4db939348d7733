"""Reminders scheduled from the staff UI through the task backend, and the prompt to send
updated invitations after the date, time or place changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from podium.registration.domain.registration import register
from podium.registration.models import Registration
from podium.registration.tasks import send_event_reminders

from .conftest import answers

pytestmark = pytest.mark.django_db


def test_reminders_are_scheduled_on_the_database_backend(staff_client, event, general, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    register(event, general, answers=answers(), email="a@example.org", notify=False)
    response = staff_client.post(
        reverse("registration_staff:schedule_reminders", args=[event.slug]),
        {"hours_before": "48"},
        follow=True,
    )
    assert "Reminders scheduled for" in response.content.decode()
    job = DBTaskResult.objects.get(task_path="podium.registration.tasks.send_event_reminders")
    assert job.run_after == event.starts_at - dt.timedelta(hours=48)
    # Too late, or a backend that cannot defer: refused with a message, nothing queued.
    late = staff_client.post(
        reverse("registration_staff:schedule_reminders", args=[event.slug]),
        {"hours_before": str(24 * 31)},
        follow=True,
    )
    assert "whole number from 1 to 720" in late.content.decode()
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    refused = staff_client.post(
        reverse("registration_staff:schedule_reminders", args=[event.slug]),
        {"hours_before": "24"},
        follow=True,
    )
    assert "cannot schedule them" in refused.content.decode()
    assert DBTaskResult.objects.count() == 1


def test_the_scheduled_job_reminds_once_and_not_after_a_postponement(
    event, general, django_capture_on_commit_callbacks
):
    person = register(event, general, answers=answers(), email="a@example.org", notify=False)
    planned = event.starts_at.isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders.call(event.pk, planned) == 1
    assert [m.subject for m in mail.outbox] == [f"Reminder: {event.title} is coming up"]
    assert send_event_reminders.call(event.pk, planned) == 0  # once per registration
    Registration.objects.filter(pk=person.pk).update(reminder_sent_at=None)
    event.starts_at += dt.timedelta(days=7)
    event.save()
    assert send_event_reminders.call(event.pk, planned) == 0  # the start moved


def test_changing_the_time_prompts_for_updated_invitations(staff_client, event, general):
    event.starts_at = event.starts_at.replace(second=0, microsecond=0)  # as the form stores it
    event.save()
    register(event, general, answers=answers(), email="a@example.org", notify=False)
    local = timezone.localtime(event.starts_at, event.tz)
    data = {
        "title": event.title,
        "start_date": local.date().isoformat(),
        "start_time": local.strftime("%H:%M"),
        "time_zone": event.time_zone,
        "venue_name": event.venue_name,
        "venue_address": event.venue_address,
        "accessibility_lead_days": 3,
        "related_suggestions": 0,
    }
    same = staff_client.post(reverse("staff:event_edit", args=[event.slug]), data, follow=True)
    assert "send updated invitations" not in same.content.decode()
    moved = staff_client.post(
        reverse("staff:event_edit", args=[event.slug]), {**data, "start_time": "07:15"}, follow=True
    )
    assert "send updated invitations" in moved.content.decode()
