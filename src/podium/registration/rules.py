"""Who may do what with an event's registrations (django-rules, roles from `podium.accounts.rules`).

Checked against the event of the URL by `podium.common.views.staff.staff_view`.

| permission | who |
| --- | --- |
| `registration.view_registrations` | administrators, events staff |
| `registration.manage_registrations` (approve, reject, add, edit forms, message) | administrators, events staff |
| `registration.check_in` | administrators, events staff |
| `registration.export_registrations` | administrators, events staff |
"""

from __future__ import annotations

import rules

from podium.accounts.rules import is_administrator, is_events_staff
from podium.events.rules import in_event_team

VIEW = "registration.view_registrations"
MANAGE = "registration.manage_registrations"
CHECK_IN = "registration.check_in"
EXPORT = "registration.export_registrations"


@rules.predicate
def can_manage_registrations(user, event=None) -> bool:
    """Administrators; events staff for their events when limited to a team, else for all."""
    return is_administrator(user) or (is_events_staff(user) and in_event_team(user, event))


for _permission in (VIEW, MANAGE, CHECK_IN, EXPORT):
    rules.add_perm(_permission, can_manage_registrations)
