"""Data retention: anonymise registrant data some days after an event, keeping the counts.

Names, email, answers and accessibility requests are erased; the status,
type, dates and check-in time stay, so attendance figures survive.
``settings.PODIUM_REGISTRATION_RETENTION_DAYS`` (default 365) sets the delay.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from podium.registration.domain.audit import log_action
from podium.registration.models import Registration


def default_retention_days() -> int:
    return int(getattr(settings, "PODIUM_REGISTRATION_RETENTION_DAYS", 365))


def anonymise_registrations(
    *, days: int | None = None, now: dt.datetime | None = None, dry_run: bool = False
) -> dict[int, int]:
    """Anonymise registrations of events that ended more than ``days`` ago; {event id: count}."""
    days = default_retention_days() if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    ended = Q(event__ends_at__lt=cutoff) | Q(
        event__ends_at__isnull=True, event__starts_at__lt=cutoff
    )
    todo = Registration.objects.filter(ended, anonymised_at__isnull=True).select_related("event")
    done: dict[int, int] = {}
    with transaction.atomic():
        for registration in todo.select_for_update():
            done[registration.event_id] = done.get(registration.event_id, 0) + 1
            if dry_run:
                continue
            registration.email = f"anonymised-{registration.pk}@invalid"
            registration.email_normalised = registration.email
            registration.first_name = registration.last_name = ""
            registration.answers = {}
            registration.accessibility_request = ""
            registration.decision_message = ""
            registration.manage_nonce = "revoked"
            registration.anonymised_at = timezone.now()
            registration.save()
        if not dry_run:
            from podium.events.models import Event

            for event in Event.objects.filter(pk__in=done):
                log_action(
                    event=event,
                    action="retention.anonymised",
                    data={"registrations": done[event.pk], "days": days},
                )
    return done
