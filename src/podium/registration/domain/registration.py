"""The registration workflow: register, edit, resend; seat counts (state changes: `transitions`).

``register`` is the one way a registration is created (public form, staff
"add by hand", imports, benchmarks and tests all call it). Every function
here runs in one transaction that first locks the registration type row
(``select_for_update`` on PostgreSQL; on SQLite the IMMEDIATE transaction
mode set in settings takes the database write lock at BEGIN), so the seat
count it reads cannot change before it writes. Nobody is told about a seat
that was rolled back: on the database task backend the email task is a row of
the same transaction; on the others it is queued with ``transaction.on_commit``.
The rush path (lock, seat count, the inserts) is hand-compiled SQL (``sql``).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from podium.events.models import Event
from podium.registration.domain.audit import audit_entry, log_action
from podium.registration.domain.errors import (
    ConsentRequired,
    DuplicateRegistration,
    InvalidAccessCode,
    InvalidTransition,
    RegistrationClosed,
    RegistrationError,
    RegistrationFull,
)
from podium.registration.domain.leadtime import is_inside_lead_time
from podium.registration.domain.notifications import (
    email_task_enqueued,
    email_task_row,
    queue_accessibility_alert,
    queue_email,
)
from podium.registration.domain.sql import (
    insert_registration,
    type_from_row,
    type_with_event,
    type_with_event_query,
)
from podium.registration.domain.tokens import new_nonce
from podium.registration.models import Registration, RegistrationType

log = logging.getLogger(__name__)
Status = Registration.Status
EMAIL_KIND = {
    Status.UNCONFIRMED: "confirm_email",
    Status.PENDING: "received",
    Status.CONFIRMED: "confirmed",
    Status.WAITLISTED: "waitlisted",
}
"""The email a new registration gets, by its status."""
CHECKIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at the door


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def new_checkin_code() -> str:
    return "".join(secrets.choice(CHECKIN_ALPHABET) for _ in range(8))


def lock_registration_type(registration_type: RegistrationType) -> RegistrationType:
    """Re-read the type row and its event, holding both rows' locks until the surrounding
    transaction ends (one hand-compiled query: ``sql.type_with_event``)."""
    rtype = type_with_event("t.id = %s", [registration_type.pk], lock=True)
    if rtype is None:
        raise RegistrationType.DoesNotExist(f"registration type {registration_type.pk} is gone")
    return rtype


def confirmed_count(registration_type: RegistrationType) -> int:
    """Seats taken in this type: confirmed, and offered from the waiting list."""
    return Registration.objects.filter(
        registration_type=registration_type, status__in=Registration.SEAT_HOLDING
    ).count()


def event_seats_taken(event) -> int:
    return Registration.objects.filter(event=event, status__in=Registration.SEAT_HOLDING).count()


def seats_left(registration_type: RegistrationType) -> int | None:
    """Free seats now (None when unlimited), under the type's and the event's capacity.

    Read-only; decisions re-check under the lock.
    """
    limits = []
    if registration_type.capacity is not None:
        limits.append(registration_type.capacity - confirmed_count(registration_type))
    event = registration_type.event
    if event.capacity is not None:
        limits.append(event.capacity - event_seats_taken(event))
    return max(0, min(limits)) if limits else None


def has_free_seat(registration_type: RegistrationType) -> bool:
    """A seat free in the type and, if the event has a shared capacity, in the event.

    Called under the type's lock, which also locks the event row (the lock query
    joins it), so types sharing the event's capacity cannot oversell it.
    """
    if (
        registration_type.capacity is not None
        and confirmed_count(registration_type) >= registration_type.capacity
    ):
        return False
    event = registration_type.event
    return event.capacity is None or event_seats_taken(event) < event.capacity


def waiting_queue(registration_type: RegistrationType):
    return Registration.objects.filter(
        registration_type=registration_type, status=Status.WAITLISTED
    ).order_by("waitlisted_at", "id")


def find_active_registration(event, email: str) -> Registration | None:
    """The person's registration that still counts (not cancelled, not rejected), if any.

    A rejected media applicant may register again, as general public. People added by
    staff without an email are never duplicates of each other.
    """
    if not normalise_email(email):
        return None
    return (
        Registration.objects.filter(event=event, email_normalised=normalise_email(email))
        .exclude(status__in=(Status.CANCELLED, Status.REJECTED))
        .first()
    )


def _split_system_answers(answers: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    answers = dict(answers or {})
    first = str(answers.pop("first_name", "") or "").strip()
    last = str(answers.pop("last_name", "") or "").strip()
    answers.pop("email", None)
    return first, last, answers


def arrival_status(rtype: RegistrationType, *, free: bool, waiting: bool) -> str | None:
    """Where a newcomer to `rtype` goes: pending approval, a free seat (when nobody waits
    before them) or the waiting list; None when the type is full with no waiting list."""
    if rtype.requires_approval:
        return Status.PENDING
    if free and not waiting:
        return Status.CONFIRMED
    if rtype.waiting_list_enabled:
        return Status.WAITLISTED
    return None


def _seat_state_sql(with_email: bool) -> str:
    table, events = Registration._meta.db_table, Event._meta.db_table
    marks = ", ".join(["%s"] * len(Registration.SEAT_HOLDING))
    return (
        f"SELECT (SELECT COUNT(*) FROM {table} WHERE registration_type_id = %s AND status IN ({marks})),"
        # the event-wide count only matters under a shared capacity (read in this statement:
        # after the lock, so it is the current one)
        f" (SELECT CASE WHEN e.capacity IS NULL THEN 0 ELSE (SELECT COUNT(*) FROM {table}"
        f" WHERE event_id = e.id AND status IN ({marks})) END FROM {events} e WHERE e.id = %s),"
        f" EXISTS (SELECT 1 FROM {table} WHERE registration_type_id = %s AND status = %s),"
        # people staff add without an email are never duplicates of anyone
        + (
            f" (SELECT id FROM {table} WHERE event_id = %s AND email_normalised = %s"
            f" AND status NOT IN (%s, %s) LIMIT 1)"
            if with_email
            else " NULL"
        )
    )


def _seat_state_params(type_id: int, event_id: int, email_normalised: str) -> list:
    holding = list(Registration.SEAT_HOLDING)
    params = [type_id, *holding, *holding, event_id, type_id, Status.WAITLISTED]
    if email_normalised:
        params += [event_id, email_normalised, Status.CANCELLED, Status.REJECTED]
    return params


def _seat_decision(rtype: RegistrationType, row) -> tuple[bool, bool, int | None]:
    in_type, in_event, waiting, existing = row
    event = rtype.event
    free = (rtype.capacity is None or in_type < rtype.capacity) and (
        event.capacity is None or in_event < event.capacity
    )
    return free, bool(waiting), existing


def seat_state(rtype: RegistrationType, email_normalised: str) -> tuple[bool, bool, int | None]:
    """(a seat is free, somebody is waiting, id of this email's active registration) in one query.

    Called under the type's lock. One round trip instead of four ORM queries:
    the rush path is dominated by per-query cost, not by the counting itself.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            _seat_state_sql(bool(email_normalised)),
            _seat_state_params(rtype.pk, rtype.event_id, email_normalised),
        )
        return _seat_decision(rtype, cursor.fetchone())


def lock_with_seat_state(
    registration_type: RegistrationType, email_normalised: str
) -> tuple[RegistrationType, bool, bool, int | None]:
    """``lock_registration_type`` then ``seat_state``, sent together on PostgreSQL.

    psycopg's pipeline mode sends BEGIN, the ``FOR UPDATE`` read and the count in one
    round trip (three before). It is still two statements, run in order: under READ
    COMMITTED the count takes its snapshot when it starts, after the lock is granted,
    so it sees every seat committed before; the exact-N guarantee is unchanged. A lock
    wait past ``lock_timeout`` fails the first statement and skips the second.
    """
    import psycopg

    if connection.vendor != "postgresql" or not psycopg.Pipeline.is_supported():
        rtype = lock_registration_type(registration_type)
        return rtype, *seat_state(rtype, email_normalised)
    lock_cursor, count_cursor = connection.cursor(), connection.cursor()  # connected, checked
    with connection.wrap_database_errors, connection.connection.pipeline():
        lock_cursor.execute(*type_with_event_query("t.id = %s", [registration_type.pk], lock=True))
        count_cursor.execute(
            _seat_state_sql(bool(email_normalised)),
            _seat_state_params(registration_type.pk, registration_type.event_id, email_normalised),
        )
    row, counts = lock_cursor.fetchone(), count_cursor.fetchone()
    lock_cursor.close()
    count_cursor.close()
    if row is None:
        raise RegistrationType.DoesNotExist(f"registration type {registration_type.pk} is gone")
    rtype = type_from_row(row)
    return rtype, *_seat_decision(rtype, counts)


def _register_locked(
    event,
    registration_type,
    *,
    email,
    email_normalised,
    first_name,
    last_name,
    extra,
    accessibility_request,
    privacy_consent,
    marketing_opt_in,
    access_code,
    actor,
    staff,
    now,
    over_capacity,
    confirm_email=False,
):
    """The checks under the type's lock (inside ``register``'s transaction); the new
    registration, not yet inserted."""
    rtype, free, waiting, existing_id = lock_with_seat_state(registration_type, email_normalised)
    if rtype.event.registration_closed:
        raise RegistrationClosed(f"{event.title} is {rtype.event.get_status_display().lower()}.")
    if not staff:
        if not rtype.is_open(now):
            raise RegistrationClosed(f"{rtype.name} is closed for this event.")
        if rtype.access_code and not secrets.compare_digest(
            (access_code or "").strip().upper(), rtype.access_code.strip().upper()
        ):
            raise InvalidAccessCode("That invitation code is not valid for this event.")
        if not privacy_consent:
            raise ConsentRequired("Please agree to the privacy notice to register.")
    if existing_id is not None:
        raise DuplicateRegistration(
            "This email address is already registered for this event.",
            existing=Registration.objects.get(pk=existing_id),
        )

    if staff and over_capacity:
        status = Status.CONFIRMED
    elif confirm_email:
        status = Status.UNCONFIRMED  # no seat until the emailed link is opened
    elif (status := arrival_status(rtype, free=free, waiting=waiting)) is None:
        raise RegistrationFull(f"{rtype.name} is full.")

    registration = Registration(
        event=event,
        registration_type=rtype,
        status=status,
        email=email.strip(),
        email_normalised=email_normalised,
        first_name=first_name,
        last_name=last_name,
        answers=extra,
        accessibility_request=accessibility_request,
        accessibility_flagged=bool(accessibility_request) and is_inside_lead_time(event, now=now),
        privacy_consent_at=now if privacy_consent else None,
        marketing_opt_in=bool(marketing_opt_in),
        checkin_code=new_checkin_code(),
        manage_nonce=new_nonce(),
        confirmed_at=now if status == Status.CONFIRMED else None,
        waitlisted_at=now if status == Status.WAITLISTED else None,
    )
    return registration, status, rtype


def register(
    event,
    registration_type: RegistrationType,
    *,
    answers: dict[str, Any],
    email: str,
    accessibility_request: str = "",
    privacy_consent: bool = True,
    marketing_opt_in: bool = False,
    access_code: str = "",
    actor=None,
    notify: bool = True,
    now=None,
    over_capacity: bool = False,
    confirm_email: bool = False,
) -> Registration:
    """Register ``email`` for ``event`` with ``registration_type``; return the new registration.

    Decides the status under the type's lock: pending approval when the type
    requires it (no seat is held until approval), confirmed while seats are
    free and nobody is waiting, otherwise the waiting list (or
    ``RegistrationFull`` when the type has none). Refuses duplicates (email
    trimmed, case-insensitive), closed types (unless a staff ``actor`` adds by
    hand) and wrong invitation codes. An accessibility request inside the
    event's lead time is accepted and flagged. Writes the audit entry and
    queues the email with the registration (``notify=False``: added silently by staff or the demo).
    Staff may add someone without an email (no email is sent) and, with
    ``over_capacity``, confirm them even when the type or the event is full.
    With ``confirm_email`` (the public form under PODIUM_REGISTRATION_CONFIRM_EMAIL)
    the registration is "unconfirmed", holds no seat and is emailed a signed
    link; ``transitions.confirm_email_address`` then decides as above.
    """
    if registration_type.event_id != event.pk:
        raise ValueError("registration type belongs to another event")
    now = now or timezone.now()
    staff = actor is not None and getattr(actor, "is_authenticated", False)
    email_normalised = normalise_email(email)
    if not email_normalised and not staff:
        raise RegistrationError("Please give your email address.")
    first_name, last_name, extra = _split_system_answers(answers)
    accessibility_request = (accessibility_request or "").strip()

    try:
        with transaction.atomic():
            registration, status, rtype = _register_locked(
                event,
                registration_type,
                email=email,
                email_normalised=email_normalised,
                first_name=first_name,
                last_name=last_name,
                extra=extra,
                accessibility_request=accessibility_request,
                privacy_consent=privacy_consent,
                marketing_opt_in=marketing_opt_in,
                access_code=access_code,
                actor=actor,
                staff=staff,
                now=now,
                over_capacity=over_capacity,
                confirm_email=confirm_email and bool(email_normalised),
            )
            audit = audit_entry(
                event=event,
                actor=actor,
                action="registration.created",
                data={
                    "status": status,
                    "type": rtype.name,
                    "accessibility_flagged": registration.accessibility_flagged,
                },
            )
            kind = EMAIL_KIND[status] if notify and email_normalised else None
            # On the database task backend the email task is one more row of this
            # transaction; elsewhere it is queued once the transaction commits.
            task_row = email_task_row(registration, kind) if kind else None
            # One statement on PostgreSQL. No savepoint: a unique-constraint race
            # aborts the whole transaction and becomes DuplicateRegistration below.
            insert_registration(registration, audit, task_row)
            if task_row is not None:
                email_task_enqueued(task_row)
            elif kind:
                queue_email(registration, kind)
    except IntegrityError as error:
        # Another request for the same email (maybe another type) committed first;
        # the whole transaction (or our savepoint, when nested) is rolled back.
        existing = find_active_registration(event, email_normalised)
        if existing is None:
            raise
        raise DuplicateRegistration(
            "This email address is already registered for this event.", existing=existing
        ) from error
    if accessibility_request:
        queue_accessibility_alert(registration)
    log.info("registration %s for %s: %s", registration.pk, event.slug, status)
    return registration


def update_answers(
    registration: Registration,
    *,
    answers: dict[str, Any],
    accessibility_request: str,
    marketing_opt_in: bool,
    actor=None,
) -> Registration:
    """Edit answers (name, questions, accessibility, opt-in); the email, which identifies the seat, stays."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        )
        if registration.status == Status.CANCELLED:
            raise InvalidTransition("A cancelled registration cannot be edited.")
        first, last, extra = _split_system_answers(answers)
        before = {
            "first_name": registration.first_name,
            "last_name": registration.last_name,
            **registration.answers,
            "accessibility_request": registration.accessibility_request,
            "marketing_opt_in": registration.marketing_opt_in,
        }
        accessibility_request = (accessibility_request or "").strip()
        request_changed = accessibility_request != registration.accessibility_request
        if request_changed:
            registration.accessibility_flagged = bool(
                accessibility_request
            ) and is_inside_lead_time(registration.event)
        registration.first_name, registration.last_name = first, last
        registration.answers = extra
        registration.accessibility_request = accessibility_request
        registration.marketing_opt_in = bool(marketing_opt_in)
        registration.save()
        after = {
            "first_name": first,
            "last_name": last,
            **extra,
            "accessibility_request": accessibility_request,
            "marketing_opt_in": bool(marketing_opt_in),
        }
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        if changed:
            log_action(
                event=registration.event,
                registration=registration,
                actor=actor,
                action="registration.edited",
                data={"fields": changed},
            )
        if request_changed and accessibility_request:
            queue_accessibility_alert(registration)
    return registration


RESEND_INTERVAL = dt.timedelta(minutes=2)


def resend_manage_link(event, *, email: str) -> bool:
    """Email the manage link again to an active registration of this email.

    False when there is none, or when a link went out in the last two
    minutes (so the button cannot be used to flood someone's inbox).
    """
    from podium.registration.models import AuditEntry

    registration = find_active_registration(event, email)
    if registration is None:
        return False
    recent = AuditEntry.objects.filter(
        registration=registration,
        action="registration.link_resent",
        created_at__gte=timezone.now() - RESEND_INTERVAL,
    )
    if recent.exists():
        return False
    queue_email(
        registration, "confirm_email" if registration.status == Status.UNCONFIRMED else "link"
    )
    log_action(event=event, registration=registration, action="registration.link_resent")
    return True


def resend_confirmation(registration: Registration, *, actor) -> str:
    """Staff: send the registrant the email of their current status again (with the manage link)."""
    kind = {
        Status.UNCONFIRMED: "confirm_email",
        Status.PENDING: "received",
        Status.CONFIRMED: "confirmed",
        Status.WAITLISTED: "waitlisted",
        Status.OFFERED: "offered",
        Status.REJECTED: "rejected",
        Status.CANCELLED: "cancelled",
    }[registration.status]
    queue_email(registration, kind, message=registration.decision_message)
    log_action(
        event=registration.event,
        registration=registration,
        actor=actor,
        action="registration.email_resent",
        data={"kind": kind},
    )
    return kind
