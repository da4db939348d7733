"""Reminders N hours before an event to everyone with a confirmed seat (once per registration)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from podium.registration.domain.notifications import queue_email
from podium.registration.models import Registration


def queue_due_reminders(*, hours: int = 24, now: dt.datetime | None = None) -> list[Registration]:
    """Queue the reminder for confirmed registrants of events starting in the next ``hours``."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        anonymised_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + dt.timedelta(hours=hours),
    )
    queued = []
    with transaction.atomic():
        for registration in due.select_for_update(skip_locked=True):
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at"])
            queue_email(registration, "reminder")
            queued.append(registration)
    return queued
