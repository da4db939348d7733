"""Reminders N hours before an event to everyone with a confirmed seat (once per registration).

Two ways: `queue_due_reminders` for every event starting soon (the `send_reminders`
command, from cron), or `schedule_event_reminders` from the staff UI, which hands the
task backend a job that runs at the right time (`run_after`; django-tasks-db and RQ
defer jobs, so no cron is needed). A scheduled job checks that the event still starts
when it did at scheduling time and is not cancelled, so a postponement never sends a
stale reminder.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from podium.registration.domain.notifications import queue_email
from podium.registration.models import Registration


class ReminderNotScheduled(Exception):
    """The reminder cannot be scheduled (the time has passed, or the backend cannot defer)."""


def _not_reminded():
    return Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        anonymised_at__isnull=True,
    )


def _queue_reminders(due, *, now: dt.datetime) -> list[Registration]:
    """Stamp and queue the reminder of each registration in `due` (rows another run holds
    are skipped, so two runs never send twice)."""
    queued = []
    with transaction.atomic():
        for registration in due.select_for_update(skip_locked=True):
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at"])
            queue_email(registration, "reminder")
            queued.append(registration)
    return queued


def queue_event_reminders(event, *, now: dt.datetime | None = None) -> list[Registration]:
    """Queue the reminder for the confirmed registrants of one event who have not had it."""
    return _queue_reminders(_not_reminded().filter(event=event), now=now or timezone.now())


def schedule_event_reminders(event, *, hours_before: int, actor=None) -> dt.datetime:
    """Ask the task backend to send this event's reminders `hours_before` its start."""
    from django.tasks import default_task_backend

    from podium.registration.domain.audit import log_action
    from podium.registration.tasks import send_event_reminders

    if event.date_to_be_announced or event.registration_closed:
        raise ReminderNotScheduled("The event has no date, or it is cancelled or over.")
    when = event.starts_at - dt.timedelta(hours=hours_before)
    if when <= timezone.now():
        raise ReminderNotScheduled(
            f"{hours_before} hours before the start has already passed; choose fewer hours."
        )
    if not default_task_backend.supports_defer:
        raise ReminderNotScheduled(
            "The task backend runs jobs at once and cannot schedule them; use the database or "
            "RQ backend, or run `podium manage send_reminders` from cron."
        )
    send_event_reminders.using(run_after=when).enqueue(event.pk, event.starts_at.isoformat())
    log_action(
        event=event,
        actor=actor,
        action="reminders.scheduled",
        data={"hours_before": hours_before, "run_after": when.isoformat()},
    )
    return when


def queue_due_reminders(*, hours: int = 24, now: dt.datetime | None = None) -> list[Registration]:
    """Queue the reminder for confirmed registrants of events starting in the next ``hours``."""
    now = now or timezone.now()
    due = _not_reminded().filter(
        event__starts_at__gt=now,
        event__starts_at__lte=now + dt.timedelta(hours=hours),
        event__date_to_be_announced=False,
        event__status__in=["published", "postponed"],
    )
    return _queue_reminders(due, now=now)
