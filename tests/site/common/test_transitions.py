"""The transition tables: every allowed move works through `_set_state`, every other is refused.

The tables are read here only to enumerate the state pairs; what is asserted
is the database row and its audit entry after each move, written by hand per
workflow.
"""

from __future__ import annotations

import itertools

import pytest

from podium.briefs.domain import transitions as brief_transitions
from podium.briefs.domain.errors import InvalidBriefTransition
from podium.briefs.models import Brief, BriefStateChange
from podium.common.domain.transitions import TransitionError, TransitionTable
from podium.events.domain import transitions as event_transitions
from podium.events.models import Event, EventStateChange
from podium.registration.domain import transitions as registration_transitions
from podium.registration.domain.errors import InvalidTransition, RegistrationError
from podium.registration.domain.registration import register
from podium.registration.models import AuditEntry, Registration
from tests.site.common.factories import make_user
from tests.site.registration.conftest import answers, make_event

pytestmark = pytest.mark.django_db

R = Registration.Status
B = Brief.Status
E = Event.Status

REGISTRATION_MOVES = {
    # email confirmation (PODIUM_REGISTRATION_CONFIRM_EMAIL): decided when confirmed, or expired
    (R.UNCONFIRMED, R.PENDING),
    (R.UNCONFIRMED, R.CONFIRMED),
    (R.UNCONFIRMED, R.WAITLISTED),
    (R.UNCONFIRMED, R.CANCELLED),
    (R.PENDING, R.CONFIRMED),
    (R.PENDING, R.WAITLISTED),
    (R.PENDING, R.REJECTED),
    (R.PENDING, R.CANCELLED),
    (R.WAITLISTED, R.CONFIRMED),
    (R.WAITLISTED, R.REJECTED),
    (R.WAITLISTED, R.CANCELLED),
    (R.WAITLISTED, R.OFFERED),
    (R.OFFERED, R.CONFIRMED),
    (R.OFFERED, R.CANCELLED),
    (R.CONFIRMED, R.CANCELLED),
    (R.REJECTED, R.CANCELLED),
}
BRIEF_MOVES = {
    (B.DRAFT, B.IN_REVIEW),
    (B.IN_REVIEW, B.APPROVED),
    (B.APPROVED, B.IN_REVIEW),
    (B.APPROVED, B.PUBLISHED),
    (B.PUBLISHED, B.IN_REVIEW),
    (B.PUBLISHED, B.DRAFT),
}


EVENT_MOVES = {
    (E.DRAFT, E.PUBLISHED),
    (E.PUBLISHED, E.DRAFT),
    (E.PUBLISHED, E.POSTPONED),
    (E.PUBLISHED, E.CANCELLED),
    (E.PUBLISHED, E.PAST),
    (E.POSTPONED, E.POSTPONED),
    (E.POSTPONED, E.PUBLISHED),
    (E.POSTPONED, E.CANCELLED),
    (E.POSTPONED, E.PAST),
    (E.CANCELLED, E.PAST),
}


def all_pairs(states) -> list[tuple[str, str]]:
    return [(a, b) for a, b in itertools.product(states.values, repeat=2) if a != b]


def test_the_tables_say_what_the_workflows_allow():
    assert set(registration_transitions.TRANSITIONS.pairs()) == REGISTRATION_MOVES
    assert set(brief_transitions.TRANSITIONS.pairs()) == BRIEF_MOVES
    assert set(event_transitions.TRANSITIONS.pairs()) == EVENT_MOVES


def test_a_table_naming_an_unknown_state_is_refused_when_defined():
    with pytest.raises(ValueError, match="unknown states"):
        TransitionTable(thing="registration", states=R, allowed={R.PENDING: frozenset({"lost"})})


def registration_in(state: str) -> Registration:
    event = make_event()
    registration = register(
        event,
        event.registration_types.get(slug="general"),
        answers=answers(),
        email=f"someone-{state}@example.org",
        notify=False,
    )
    Registration.objects.filter(pk=registration.pk).update(status=state)  # set-up only
    registration.refresh_from_db()
    return registration


@pytest.mark.parametrize(("old", "new"), all_pairs(R))
def test_registration_moves(old, new):
    registration = registration_in(old)
    staff = make_user("events_staff")
    sequence = registration.calendar_sequence
    if (old, new) in REGISTRATION_MOVES:
        previous = registration_transitions._set_state(
            registration, new, actor=staff, action="test.move"
        )
        assert previous == old
        registration.refresh_from_db()
        assert registration.status == new
        assert registration.calendar_sequence == sequence + 1
        entry = AuditEntry.objects.get(registration=registration, action="test.move")
        assert entry.actor == staff
        assert entry.data["previous"] == old and entry.data["status"] == new
    else:
        with pytest.raises(InvalidTransition) as refused:
            registration_transitions._set_state(registration, new, actor=staff, action="test.move")
        assert isinstance(refused.value, RegistrationError | TransitionError)
        assert "cannot become" in str(refused.value)
        registration.refresh_from_db()
        assert registration.status == old
        assert not AuditEntry.objects.filter(registration=registration, action="test.move").exists()


def brief_in(state: str) -> Brief:
    event = make_event()
    brief = Brief.objects.create(event=event)
    Brief.objects.filter(pk=brief.pk).update(status=state)  # set-up only
    brief.refresh_from_db()
    return brief


@pytest.mark.parametrize(("old", "new"), all_pairs(B))
def test_brief_moves(old, new):
    brief = brief_in(old)
    editor = make_user("editor")
    if (old, new) in BRIEF_MOVES:
        previous = brief_transitions._set_state(brief, new, user=editor, action="test")
        assert previous == old
        brief.refresh_from_db()
        assert brief.status == new
        change = BriefStateChange.objects.get(brief=brief)
        assert (change.previous, change.state, change.actor) == (old, new, editor)
    else:
        with pytest.raises(InvalidBriefTransition, match="cannot become"):
            brief_transitions._set_state(brief, new, user=editor, action="test")
        brief.refresh_from_db()
        assert brief.status == old
        assert not BriefStateChange.objects.filter(brief=brief).exists()


@pytest.mark.parametrize(("old", "new"), all_pairs(E) + [(E.POSTPONED, E.POSTPONED)])
def test_event_moves(old, new):
    event = make_event(status=old)
    staff = make_user("events_staff")
    if (old, new) in EVENT_MOVES:
        previous = event_transitions._set_state(
            event, new, actor=staff, action="test", notify=False
        )
        assert previous == old
        event.refresh_from_db()
        assert event.status == new
        change = EventStateChange.objects.get(event=event)
        assert (change.previous, change.state, change.actor) == (old, new, staff)
    else:
        with pytest.raises(event_transitions.InvalidEventTransition, match="cannot become"):
            event_transitions._set_state(event, new, actor=staff, action="test")
        event.refresh_from_db()
        assert event.status == old
        assert not EventStateChange.objects.filter(event=event).exists()
