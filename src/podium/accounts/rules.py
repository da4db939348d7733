"""The staff roles as django-rules predicates, and the accounts app's own permissions.

Roles are Django groups (see `podium.accounts.domain.roles`): "Administrators",
"Events staff" and "Editors". Superusers count as administrators. Each app
declares its own permissions in its `rules.py` (found by
`rules.apps.AutodiscoverRulesConfig`) from these role predicates; views ask
`user.has_perm("events.change_event", event)` through
`podium.common.views.staff.staff_view`.

| permission | who |
| --- | --- |
| staff area (`accounts.access_staff_area`) | any staff member |
| accounts and roles (`accounts.manage_accounts`) | administrators |
"""

from __future__ import annotations

import rules

ADMINISTRATORS = "Administrators"
EVENTS_STAFF = "Events staff"
EDITORS = "Editors"
LIMITED_TO_TEAM = "Limited to their events"
"""Not a role but a limit: staff in this group act only on events whose team they are in."""
ROLE_GROUPS = (ADMINISTRATORS, EVENTS_STAFF, EDITORS)


def _in_group(user, name: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache = getattr(user, "_podium_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._podium_groups = cache
    return name in cache


@rules.predicate
def is_administrator(user) -> bool:
    """Superusers and members of the "Administrators" group."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or _in_group(user, ADMINISTRATORS)


@rules.predicate
def is_events_staff(user) -> bool:
    """Members of the "Events staff" group (not administrators by implication)."""
    return _in_group(user, EVENTS_STAFF)


@rules.predicate
def is_editor(user) -> bool:
    """Members of the "Editors" group (policy editors who publish briefs)."""
    return _in_group(user, EDITORS)


@rules.predicate
def is_limited_to_their_events(user) -> bool:
    """Staff limited (pretix/pretalx "teams") to the events whose team lists them."""
    return _in_group(user, LIMITED_TO_TEAM)


is_staff_member = is_administrator | is_events_staff | is_editor
"""Anyone who may enter the staff area."""

rules.add_perm("accounts.access_staff_area", is_staff_member)
rules.add_perm("accounts.manage_accounts", is_administrator)
