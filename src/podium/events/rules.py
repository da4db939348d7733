"""Who may do what with events, speakers, partners, people, organisations and topics.

Declared with django-rules from the role predicates in `podium.accounts.rules`.
Event permissions are checked against the event object
(`user.has_perm("events.change_event", event)`), so per-event teams can later
narrow `can_change_event` without touching a view.

| permission | who |
| --- | --- |
| `events.view/add/change/delete_event`, `…_eventspeaker`, `…_eventpartner`, `publish_event` | administrators, events staff |
| `events.preview_event` | any staff member |
| people, organisations, topics | any staff member |
"""

from __future__ import annotations

import rules

from podium.accounts.rules import is_administrator, is_events_staff, is_staff_member


@rules.predicate
def can_change_event(user, event=None) -> bool:
    """Administrators and events staff, for any event (teams per event come later)."""
    return is_administrator(user) or is_events_staff(user)


@rules.predicate
def can_preview_event(user, event=None) -> bool:
    """Any staff member may see a draft event page."""
    return is_staff_member(user)


for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"events.{_action}_event", can_change_event)
    rules.add_perm(f"events.{_action}_eventspeaker", can_change_event)
    rules.add_perm(f"events.{_action}_eventpartner", can_change_event)
    rules.add_perm(f"events.{_action}_person", is_staff_member)
    rules.add_perm(f"events.{_action}_organisation", is_staff_member)
    rules.add_perm(f"events.{_action}_topic", is_staff_member)
rules.add_perm("events.publish_event", can_change_event)
rules.add_perm("events.preview_event", can_preview_event)
