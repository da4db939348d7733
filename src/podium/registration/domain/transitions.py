"""The registration state machine: its one transition table and the functions that move along it.

pretalx's `submission` state machine is the model: the states are
`Registration.Status` (a TextChoices), `TRANSITIONS` lists every allowed
move, `_set_state` is the only place a registration's status changes (it
checks the table, stamps the state's time, saves with `update_fields` and
writes the audit entry with the previous state and the actor), and the public
functions below — `approve_registration`, `reject_registration`,
`cancel_registration`, `promote_waiting_list`, `accept_offer`, `expire_offers` — are what views, the CLI,
tasks and tests call. A new registration gets its first state in
`register()`; after that only this module changes it. An illegal move raises
`InvalidTransition` (a `RegistrationError`, shown to the person as it reads).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from podium.common.domain.transitions import TransitionTable
from podium.registration.domain.audit import log_action
from podium.registration.domain.errors import (
    InvalidTransition,
    OfferExpired,
    RegistrationClosed,
    RegistrationFull,
)
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
        Status.UNCONFIRMED: frozenset(
            {Status.PENDING, Status.CONFIRMED, Status.WAITLISTED, Status.CANCELLED}
        ),
        Status.PENDING: frozenset(
            {Status.CONFIRMED, Status.WAITLISTED, Status.REJECTED, Status.CANCELLED}
        ),
        Status.WAITLISTED: frozenset(
            {Status.OFFERED, Status.CONFIRMED, Status.REJECTED, Status.CANCELLED}
        ),
        Status.OFFERED: frozenset({Status.CONFIRMED, Status.CANCELLED}),
        Status.CONFIRMED: frozenset({Status.CANCELLED}),
        Status.REJECTED: frozenset({Status.CANCELLED}),
        Status.CANCELLED: frozenset(),
    },
)
"""old status -> the statuses it may become. Nothing leaves "cancelled". A waiting person is
offered a seat for the event's `waiting_list_offer_hours` (or confirmed at once when that is 0);
the offer becomes confirmed when they accept, cancelled when it expires or they decline."""

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


def promotion_allowed(event, *, now=None) -> bool:
    """False once the event is cancelled or over, or inside its cutoff before the start."""
    now = now or timezone.now()
    if event.registration_closed:
        return False
    cutoff = event.starts_at - dt.timedelta(hours=event.waiting_list_cutoff_hours)
    return event.date_to_be_announced or now < cutoff


def promote_waiting_list(
    registration_type: RegistrationType, *, actor=None, now=None
) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served, and email each person.

    pretix style: each promoted person is *offered* the seat for the event's
    `waiting_list_offer_hours` and must confirm (0 hours: confirmed at once).
    Nobody is promoted once the event is cancelled or over, or after the
    cutoff (`waiting_list_cutoff_hours` before the start).
    """
    now = now or timezone.now()
    promoted: list[Registration] = []
    with transaction.atomic():
        rtype = lock_registration_type(registration_type)
        event = rtype.event
        if not promotion_allowed(event, now=now):
            return promoted
        for candidate in waiting_queue(rtype).select_for_update():
            if not has_free_seat(rtype):
                break
            if event.waiting_list_offer_hours:
                candidate.offer_expires_at = now + dt.timedelta(
                    hours=event.waiting_list_offer_hours
                )
                _set_state(
                    candidate,
                    Status.OFFERED,
                    actor=actor,
                    action="registration.offered",
                    data={"expires": candidate.offer_expires_at.isoformat()},
                    fields=("offer_expires_at",),
                )
                queue_email(candidate, "offered")
            else:
                _set_state(candidate, Status.CONFIRMED, actor=actor, action="registration.promoted")
                queue_email(candidate, "promoted")
            promoted.append(candidate)
    return promoted


def promote_after_freed_seat(registration_type: RegistrationType, *, actor=None) -> None:
    """A seat freed in this type: promote there, and in every type when the event's capacity
    is shared (the freed seat may belong to someone waiting in another type)."""
    event = registration_type.event
    if event.capacity is None:
        promote_waiting_list(registration_type, actor=actor)
        return
    for rtype in event.registration_types.order_by("order", "id"):
        promote_waiting_list(rtype, actor=actor)


def accept_offer(registration: Registration, *, now=None) -> Registration:
    """The registrant takes the seat they were offered (before the offer expires)."""
    now = now or timezone.now()
    with transaction.atomic():
        registration, _ = _lock_registration(registration)
        if registration.status != Status.OFFERED:
            raise InvalidTransition("There is no seat offer to accept on this registration.")
        if registration.offer_expires_at and registration.offer_expires_at <= now:
            raise OfferExpired("This offer has expired; the seat has gone to the next person.")
        _set_state(registration, Status.CONFIRMED, actor=None, action="registration.accepted")
        queue_email(registration, "confirmed")
    return registration


def expire_offers(*, now=None) -> list[Registration]:
    """Cancel every seat offer whose time is up, email the person, and offer the seat onwards."""
    now = now or timezone.now()
    expired = []
    due = Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
    for registration in due.select_related("registration_type__event"):
        with transaction.atomic():
            fresh, rtype = _lock_registration(registration)
            if fresh.status != Status.OFFERED or fresh.offer_expires_at > now:
                continue
            _set_state(fresh, Status.CANCELLED, actor=None, action="registration.offer_expired")
            queue_email(fresh, "offer_expired")
            expired.append(fresh)
        promote_after_freed_seat(rtype)
    return expired


def cancel_registration(
    registration: Registration, *, actor=None, reason: str = "", notify: bool = True
) -> Registration:
    """Cancel (by the registrant through the manage link, or by staff); frees the seat and promotes.

    Cancelling a cancelled registration again changes nothing (a second click).
    `notify=False`: staff chose not to email the person (the audit entry says so).
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
            data={"reason": reason, "notified": notify},
        )
        if notify:
            queue_email(registration, "cancelled", message=reason if actor else "")
        if previous in Registration.SEAT_HOLDING:
            promote_after_freed_seat(rtype, actor=None)
    return registration


def approve_registration(
    registration: Registration, *, actor, message: str = "", notify: bool = True
) -> Registration:
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
            data={"message": message, "notified": notify},
            fields=("decision_message",),
        )
        if notify:
            queue_email(registration, kind, message=message)
    return registration


def reject_registration(
    registration: Registration, *, actor, message: str = "", notify: bool = True
) -> Registration:
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
            data={"message": message, "notified": notify},
            fields=("decision_message",),
        )
        if notify:
            queue_email(registration, "rejected", message=message)
    return registration


def admit_walk_in(registration: Registration, *, actor) -> Registration:
    """At the door: a waiting-list (or offered) person is given a seat by staff, over the
    capacity if need be, and checked in. The audit entry says it was a walk-in."""
    from podium.registration.domain.checkin import check_in

    with transaction.atomic():
        registration, _ = _lock_registration(registration)
        if registration.status not in (Status.WAITLISTED, Status.OFFERED):
            raise InvalidTransition(
                "Only people on the waiting list can be admitted at the door "
                f"(this registration is {registration.get_status_display().lower()})."
            )
        _set_state(
            registration,
            Status.CONFIRMED,
            actor=actor,
            action="registration.walk_in",
            data={"over_capacity": True},
        )
        return check_in(registration, actor=actor)


def confirm_email_address(registration: Registration, *, now=None) -> Registration:
    """The registrant opened the emailed link: take a seat, the waiting list, or await approval.

    Decided under the type's lock exactly as ``register`` decides (approval
    first, then a free seat with nobody waiting, then the waiting list, whose
    order is the time of confirming). Already confirmed: nothing changes. A full
    type without a waiting list cancels the registration and raises RegistrationFull.
    """
    from podium.registration.domain.registration import arrival_status, seat_state
    from podium.registration.domain.tokens import confirm_max_age

    now = now or timezone.now()
    with transaction.atomic():
        rtype = lock_registration_type(registration.registration_type)
        fresh = (
            Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        )
        if fresh.status != Status.UNCONFIRMED:
            return fresh
        if fresh.created_at < now - dt.timedelta(seconds=confirm_max_age()):
            raise OfferExpired("This confirmation link has expired; please register again.")
        free, waiting, _ = seat_state(rtype, "")
        if rtype.event.registration_closed:
            new = Status.CANCELLED
        else:
            new = arrival_status(rtype, free=free, waiting=waiting) or Status.CANCELLED
        _set_state(fresh, new, actor=None, action="registration.email_confirmed")
        if new != Status.CANCELLED:
            queue_email(
                fresh,
                {
                    Status.PENDING: "received",
                    Status.CONFIRMED: "confirmed",
                    Status.WAITLISTED: "waitlisted",
                }[new],
            )
    if new == Status.CANCELLED:
        if rtype.event.registration_closed:
            raise RegistrationClosed(f"Registration for {rtype.event.title} is closed.")
        raise RegistrationFull(f"{rtype.name} is full; your registration was not kept.")
    return fresh


def expire_unconfirmed(*, now=None) -> list[Registration]:
    """Cancel registrations whose email was not confirmed within PODIUM_REGISTRATION_CONFIRM_HOURS.

    They never held a seat, so nobody is promoted and no email is sent.
    """
    from podium.registration.domain.tokens import confirm_max_age

    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=confirm_max_age())
    expired = []
    with transaction.atomic():
        due = Registration.objects.select_related("event").filter(
            status=Status.UNCONFIRMED, created_at__lt=cutoff
        )
        for registration in due.select_for_update():
            _set_state(
                registration,
                Status.CANCELLED,
                actor=None,
                action="registration.unconfirmed_expired",
            )
            expired.append(registration)
    return expired
