"""Messages from staff to an event's registrants (each gets their own copy with their manage link)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from podium.registration.domain.audit import log_action
from podium.registration.domain.notifications import queue_email
from podium.registration.models import Registration


def message_registrants(
    event, *, subject: str, body: str, actor, statuses=(Registration.Status.CONFIRMED,)
) -> int:
    """Queue ``body`` to every registrant of ``event`` in ``statuses``; return how many."""
    recipients = list(
        Registration.objects.filter(event=event, status__in=statuses, anonymised_at__isnull=True)
    )
    with transaction.atomic():
        for registration in recipients:
            queue_email(registration, "message", message=body, subject=subject)
        log_action(
            event=event,
            actor=actor,
            action="message.sent",
            data={"subject": subject, "statuses": list(statuses), "recipients": len(recipients)},
        )
    return len(recipients)


def send_updated_invitations(event, *, actor) -> int:
    """After the event's time or place changed: a new .ics (same UID, higher SEQUENCE) to every
    confirmed registrant, so calendars move the entry instead of adding one."""
    recipients = list(
        Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED, anonymised_at__isnull=True
        )
    )
    with transaction.atomic():
        for registration in recipients:
            Registration.objects.filter(pk=registration.pk).update(
                calendar_sequence=F("calendar_sequence") + 1
            )
            queue_email(registration, "updated")
        log_action(
            event=event,
            actor=actor,
            action="message.updated_invitations",
            data={"recipients": len(recipients)},
        )
    return len(recipients)
