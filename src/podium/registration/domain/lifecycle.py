"""What an event's cancellation or postponement means for its registrants.

The events app announces every state change with
`podium.events.domain.transitions.event_state_changed` (after commit); this
module listens (connected in `RegistrationConfig.ready`). Cancelling: every
confirmed, pending and waiting registrant gets an email with a METHOD:CANCEL
invitation (their calendars drop the entry); registration is closed and no
one is promoted because `Event.registration_closed` is true (checked in
`register` and `promote_waiting_list`). Postponing: registrations stay as they
are; the same people are emailed the new date (or "date to be announced")
with the invitation at a higher SEQUENCE, so calendars move the entry.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F

from podium.registration.domain.audit import log_action
from podium.registration.domain.notifications import queue_email
from podium.registration.models import Registration

log = logging.getLogger(__name__)
Status = Registration.Status
TOLD = (Status.CONFIRMED, Status.OFFERED, Status.PENDING, Status.WAITLISTED)
"""Who hears about a cancelled or postponed event: everyone who holds or awaits a seat."""
EMAIL_OF_ACTION = {"cancel": "event_cancelled", "postpone": "postponed"}


def tell_registrants(event, *, kind: str, actor=None, reason: str = "", notify: bool = True) -> int:
    """Raise the calendar SEQUENCE of every registrant in `TOLD` and (with `notify`) email them."""
    with transaction.atomic():
        recipients = Registration.objects.filter(
            event=event, status__in=TOLD, anonymised_at__isnull=True
        )
        ids = list(recipients.values_list("pk", flat=True))
        Registration.objects.filter(pk__in=ids).update(calendar_sequence=F("calendar_sequence") + 1)
        if notify:
            for registration in Registration.objects.filter(pk__in=ids):
                queue_email(registration, kind, message=reason)
        log_action(
            event=event,
            actor=actor,
            action=f"event.{kind}",
            data={"reason": reason, "notified": len(ids) if notify else 0},
        )
    log.info("event %s %s: %s registrants told", event.slug, kind, len(ids) if notify else 0)
    return len(ids)


def on_event_state_changed(sender, *, event, action, actor=None, reason="", notify=True, **_):
    """Receiver of `event_state_changed`: cancel and postpone reach the registrants."""
    kind = EMAIL_OF_ACTION.get(action)
    if kind:
        tell_registrants(event, kind=kind, actor=actor, reason=reason, notify=notify)
