"""The registration state machine: its one transition table and the functions that move along it.

pretalx's `submission` state machine is the model: the states are
`Registration.Status` (a TextChoices), `TRANSITIONS` lists every allowed
move, `_set_state` is the only place a registration's status changes (it
checks the table, stamps the state's time, saves with `update_fields` and
writes the audit entry with the previous state and the actor), and the public
functions below — `approve_registration`, `reject_registration`,
`cancel_registration`, `promote_waiting_list` — are what views, the CLI,
tasks and tests call. A new registration gets its first state in
`register()`; after that only this module changes it. An illegal move raises
`InvalidTransition` (a `RegistrationError`, shown to the person as it reads).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from podium.common.domain.transitions import TransitionTable
from podium.registration.domain.audit import log_action
from podium.registration.domain.errors import InvalidTransition, RegistrationFull
from podium.registration.domain.notifications import queue_email
from podium.registration.domain.registration import (
    has_free_seat,
    lock_registration_type,
    waiting_queue,
)
from podium.registration.models import Registration, RegistrationType

log = logging.getLogger(__name__)
Status = Registration.Status

TRANSITIONS = TransitionTable(
    thing="registration",
    states=Status,
    allowed={
        Status.PENDING: frozenset(
            {Status.CONFIRMED, Status.WAITLISTED, Status.REJECTED, Status.CANCELLED}
        ),
        Status.WAITLISTED: frozenset({Status.CONFIRMED, Status.REJECTED, Status.CANCELLED}),
        Status.CONFIRMED: frozenset({Status.CANCELLED}),
        Status.REJECTED: frozenset({Status.CANCELLED}),
        Status.CANCELLED: frozenset(),
    },
)
"""old status -> the statuses it may become. Nothing leaves "cancelled"."""

_STAMPS = {
    Status.CONFIRMED: "confirmed_at",
    Status.WAITLISTED: "waitlisted_at",
    Status.CANCELLED: "cancelled_at",
}
"""The time field each state stamps when it is reached."""


def _set_state(
    registration: Registration,
    new: str,
    *,
    actor,
    action: str,
    data: dict | None = None,
    fields: tuple[str, ...] = (),
) -> str:
    """The only place a registration's status changes; returns the previous status.

    `fields` names other attributes the caller changed that must be saved with it.
    """
    previous = registration.status
    TRANSITIONS.check(previous, new, error=InvalidTransition)
    registration.status = new
    update = {"status", "calendar_sequence", "updated_at", *fields}
    if new in _STAMPS:
        setattr(registration, _STAMPS[new], timezone.now())
        update.add(_STAMPS[new])
    registration.calendar_sequence += 1
    registration.save(update_fields=sorted(update))
    log_action(
        event=registration.event,
        registration=registration,
        actor=actor,
        action=action,
        data={"previous": previous, "status": new, **(data or {})},
    )
    log.info("registration %s: %s -> %s (%s)", registration.pk, previous, new, action)
    return previous


def _lock_registration(registration: Registration) -> tuple[Registration, RegistrationType]:
    rtype = lock_registration_type(registration.registration_type)
    fresh = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    return fresh, rtype


def promote_waiting_list(registration_type: RegistrationType, *, actor=None) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served; email each person promoted."""
    promoted: list[Registration] = []
    with transaction.atomic():
        rtype = lock_registration_type(registration_type)
        for candidate in waiting_queue(rtype).select_for_update():
            if not has_free_seat(rtype):
                break
            _set_state(candidate, Status.CONFIRMED, actor=actor, action="registration.promoted")
            queue_email(candidate, "promoted")
            promoted.append(candidate)
    return promoted


def cancel_registration(
    registration: Registration, *, actor=None, reason: str = ""
) -> Registration:
    """Cancel (by the registrant through the manage link, or by staff); frees the seat and promotes.

    Cancelling a cancelled registration again changes nothing (a second click).
    """
    with transaction.atomic():
        registration, rtype = _lock_registration(registration)
        if registration.status == Status.CANCELLED:
            return registration
        previous = _set_state(
            registration,
            Status.CANCELLED,
            actor=actor,
            action="registration.cancelled",
            data={"reason": reason},
        )
        queue_email(registration, "cancelled")
        if previous == Status.CONFIRMED:
            promote_waiting_list(rtype, actor=None)
    return registration


def approve_registration(registration: Registration, *, actor, message: str = "") -> Registration:
    """Approve a pending registration: confirmed if a seat is free now, else waiting list (or full)."""
    with transaction.atomic():
        registration, rtype = _lock_registration(registration)
        if registration.status != Status.PENDING:
            raise InvalidTransition(
                "Only pending registrations can be approved "
                f"(this one is {registration.get_status_display().lower()})."
            )
        if has_free_seat(rtype) and not waiting_queue(rtype).exists():
            new, kind = Status.CONFIRMED, "approved"
        elif rtype.waiting_list_enabled:
            new, kind = Status.WAITLISTED, "waitlisted"
        else:
            raise RegistrationFull(
                f"{rtype.name} is full: raise the capacity or cancel a registration first."
            )
        registration.decision_message = message.strip()
        _set_state(
            registration,
            new,
            actor=actor,
            action="registration.approved",
            data={"message": message},
            fields=("decision_message",),
        )
        queue_email(registration, kind, message=message)
    return registration


def reject_registration(registration: Registration, *, actor, message: str = "") -> Registration:
    """Reject a pending (or waiting) registration, with an optional message to the person."""
    with transaction.atomic():
        registration, _ = _lock_registration(registration)
        if registration.status not in (Status.PENDING, Status.WAITLISTED):
            raise InvalidTransition(
                "Only pending or waiting registrations can be rejected "
                f"(this one is {registration.get_status_display().lower()})."
            )
        registration.decision_message = message.strip()
        _set_state(
            registration,
            Status.REJECTED,
            actor=actor,
            action="registration.rejected",
            data={"message": message},
            fields=("decision_message",),
        )
        queue_email(registration, "rejected", message=message)
    return registration
