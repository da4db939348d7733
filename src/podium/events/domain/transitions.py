"""The event lifecycle: its one transition table and the functions that move along it.

draft -> published -> (postponed | cancelled) -> past, on the shared
`TransitionTable` (`podium.common.domain.transitions`), like registrations and
briefs. `_set_state` is the only place an event's status changes: it checks
the table, saves with `update_fields`, writes an `EventStateChange` row (who,
from, to, why) and sends `event_state_changed` once the transaction commits.
The registration app listens to that signal (`registration.domain.lifecycle`)
and tells registrants; this app does not import registration, which sits
above it. An illegal move raises `InvalidEventTransition`.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from podium.common.domain.transitions import TransitionError, TransitionTable
from podium.events.models import Event, EventStateChange

log = logging.getLogger(__name__)
Status = Event.Status

TRANSITIONS = TransitionTable(
    thing="event",
    states=Status,
    allowed={
        Status.DRAFT: frozenset({Status.PUBLISHED}),
        Status.PUBLISHED: frozenset(
            {Status.DRAFT, Status.POSTPONED, Status.CANCELLED, Status.PAST}
        ),
        Status.POSTPONED: frozenset(
            {Status.POSTPONED, Status.PUBLISHED, Status.CANCELLED, Status.PAST}
        ),
        Status.CANCELLED: frozenset({Status.PAST}),
        Status.PAST: frozenset(),
    },
)
"""old status -> the statuses it may become. A postponed event may be postponed again (the new
date is announced) or go back to published; nothing comes back from cancelled or past."""

event_state_changed = Signal()
"""Sent after commit with `event`, `previous`, `state`, `action`, `actor`, `reason`, `notify`."""


class InvalidEventTransition(TransitionError):
    """An event state change the lifecycle does not allow."""


def _set_state(
    event: Event,
    new: str,
    *,
    actor,
    action: str,
    reason: str = "",
    notify: bool = True,
    data: dict | None = None,
    fields: tuple[str, ...] = (),
) -> str:
    """The only place an event's status changes; returns the previous status."""
    previous = event.status
    TRANSITIONS.check(previous, new, error=InvalidEventTransition)
    with transaction.atomic():
        event.status = new
        event.save(update_fields=sorted({"status", "updated_at", *fields}))
        EventStateChange.objects.create(
            event=event,
            action=action,
            previous=previous,
            state=new,
            reason=reason,
            data=data or {},
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        )
        transaction.on_commit(
            lambda: event_state_changed.send(
                sender=Event,
                event=event,
                previous=previous,
                state=new,
                action=action,
                actor=actor,
                reason=reason,
                notify=notify,
            )
        )
    log.info(
        "event %s: %s -> %s (%s) by %s",
        event.slug,
        previous,
        new,
        action,
        getattr(actor, "username", "system"),
    )
    return previous


def publish_event(event: Event, *, by=None) -> Event:
    """Make a draft's page public (an event that is public already stays as it is)."""
    if event.status == Status.DRAFT:
        _set_state(event, Status.PUBLISHED, actor=by, action="publish")
    return event


def unpublish_event(event: Event, *, by=None) -> Event:
    """Back to draft: the public gets a 404 again."""
    if event.status != Status.DRAFT:
        _set_state(event, Status.DRAFT, actor=by, action="unpublish")
    return event


def cancel_event(event: Event, *, by=None, reason: str = "", notify: bool = True) -> Event:
    """Cancel: the page stays public with a banner, registration closes, nobody is promoted,
    and (with `notify`) every confirmed, pending and waiting registrant gets a METHOD:CANCEL .ics."""
    if event.status == Status.CANCELLED:
        return event
    event.status_message = reason.strip()
    event.calendar_sequence += 1
    _set_state(
        event,
        Status.CANCELLED,
        actor=by,
        action="cancel",
        reason=reason.strip(),
        notify=notify,
        fields=("status_message", "calendar_sequence"),
    )
    return event


def postpone_event(
    event: Event,
    *,
    by=None,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    reason: str = "",
    notify: bool = True,
) -> Event:
    """Postpone to `starts_at` (or to a date to be announced when None); registrations stay.

    With `notify` every confirmed, pending and waiting registrant is emailed the new date
    (or "date to be announced") with the invitation at a higher SEQUENCE.
    """
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise InvalidEventTransition("The new end must be after the new start.")
    if event.postponed_from is None:
        event.postponed_from = event.starts_at
    previous_start = event.starts_at
    if starts_at is not None:
        duration = (event.ends_at - event.starts_at) if event.ends_at else None
        event.starts_at = starts_at
        event.ends_at = ends_at or (starts_at + duration if duration else None)
    event.date_to_be_announced = starts_at is None
    event.status_message = reason.strip()
    event.calendar_sequence += 1
    _set_state(
        event,
        Status.POSTPONED,
        actor=by,
        action="postpone",
        reason=reason.strip(),
        notify=notify,
        data={
            "from": previous_start.isoformat(),
            "to": starts_at.isoformat() if starts_at else None,
        },
        fields=(
            "postponed_from",
            "starts_at",
            "ends_at",
            "date_to_be_announced",
            "status_message",
            "calendar_sequence",
        ),
    )
    return event


def close_past_events(*, now: dt.datetime | None = None) -> list[Event]:
    """Move every published, postponed (with a date) or cancelled event that has ended to past."""
    now = now or timezone.now()
    moved = []
    candidates = Event.objects.filter(
        status__in=[Status.PUBLISHED, Status.POSTPONED, Status.CANCELLED],
        date_to_be_announced=False,
        starts_at__lt=now,
    )
    for event in candidates:
        if (event.ends_at or event.starts_at) < now:
            _set_state(event, Status.PAST, actor=None, action="past", notify=False)
            moved.append(event)
    return moved
