"""Who may do what with events, speakers, partners, people, organisations and topics.

Declared with django-rules from the role predicates in `podium.accounts.rules`.
Event permissions are checked against the event object
(`user.has_perm("events.change_event", event)`). Per-event teams (pretix style):
staff in the "Limited to their events" group act only on events whose `team`
lists them (403 elsewhere); administrators are never limited.

| permission | who |
| --- | --- |
| `events.view/add/change/delete_event`, `…_eventspeaker`, `…_eventpartner`, `publish_event` | administrators, events staff |
| `events.preview_event` | any staff member |
| people, organisations, topics | any staff member |
"""

from __future__ import annotations

import rules

from podium.accounts.rules import (
    is_administrator,
    is_events_staff,
    is_limited_to_their_events,
    is_staff_member,
)


@rules.predicate
def in_event_team(user, event=None) -> bool:
    """True unless the user is limited to their events and `event` is not one of them.

    Administrators are never limited. Without an event (lists, "new event") the
    limit does not apply; lists narrow themselves with `events_for_user`.
    """
    if event is None or is_administrator(user) or not is_limited_to_their_events(user):
        return True
    return event.team.filter(pk=user.pk).exists()


@rules.predicate
def can_change_event(user, event=None) -> bool:
    """Administrators; events staff for their events when limited to a team, else for all."""
    return is_administrator(user) or (is_events_staff(user) and in_event_team(user, event))


@rules.predicate
def can_preview_event(user, event=None) -> bool:
    """Any staff member may see a draft event page (within their team when limited)."""
    return is_staff_member(user) and in_event_team(user, event)


def events_for_user(queryset, user):
    """The events of `queryset` this staff member works on (all, unless limited to a team)."""
    if is_administrator(user) or not is_limited_to_their_events(user):
        return queryset
    return queryset.filter(team=user)


for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"events.{_action}_event", can_change_event)
    rules.add_perm(f"events.{_action}_eventspeaker", can_change_event)
    rules.add_perm(f"events.{_action}_eventpartner", can_change_event)
    rules.add_perm(f"events.{_action}_person", is_staff_member)
    rules.add_perm(f"events.{_action}_organisation", is_staff_member)
    rules.add_perm(f"events.{_action}_topic", is_staff_member)
rules.add_perm("events.publish_event", can_change_event)
rules.add_perm("events.preview_event", can_preview_event)
