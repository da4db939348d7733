"""Staff actions on many registrations at once: approve, reject, cancel, message, check in.

Each selected registration goes through the same domain function as the
one-at-a-time action (so locks, seat counts, promotion and the audit log
behave the same); one that cannot take the action is reported with the
reason and the others go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from podium.registration.domain.audit import log_action
from podium.registration.domain.checkin import check_in
from podium.registration.domain.errors import RegistrationError
from podium.registration.domain.notifications import queue_email
from podium.registration.domain.transitions import (
    approve_registration,
    cancel_registration,
    reject_registration,
)
from podium.registration.models import Registration

ACTIONS = {
    "approve": "Approve",
    "reject": "Reject",
    "cancel": "Cancel",
    "message": "Send a message",
    "check_in": "Check in",
}


@dataclass
class BulkResult:
    done: list[Registration] = field(default_factory=list)
    refused: list[tuple[Registration, str]] = field(default_factory=list)


def apply_bulk(
    event,
    *,
    ids: list[int],
    action: str,
    actor,
    message: str = "",
    subject: str = "",
    notify: bool = True,
) -> BulkResult:
    """Apply `action` to the registrations of `event` with these ids (others are ignored)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown bulk action {action!r}")
    result = BulkResult()
    for registration in Registration.objects.filter(event=event, pk__in=ids).select_related(
        "registration_type", "event"
    ):
        try:
            if action == "approve":
                approve_registration(registration, actor=actor, message=message, notify=notify)
            elif action == "reject":
                reject_registration(registration, actor=actor, message=message, notify=notify)
            elif action == "cancel":
                cancel_registration(registration, actor=actor, reason=message, notify=notify)
            elif action == "check_in":
                check_in(registration, actor=actor)
            else:
                if registration.anonymised_at:
                    raise RegistrationError("anonymised: there is no one to write to")
                queue_email(registration, "message", message=message, subject=subject)
                log_action(
                    event=event,
                    registration=registration,
                    actor=actor,
                    action="message.sent",
                    data={"subject": subject},
                )
        except RegistrationError as error:
            result.refused.append((registration, str(error)))
        else:
            result.done.append(registration)
    return result
