"""Who may do what: role predicates and permissions, registered with `rules`.

Roles are Django groups (see `podium.accounts.domain.roles`): "Administrators",
"Events staff" and "Editors". Superusers count as administrators. Views ask
`user.has_perm("events.change_event", obj)`; the `rules` authentication backend
(settings.AUTHENTICATION_BACKENDS) answers from the predicates below, so every
permission of the site is declared in this one file.

| permission | who |
| --- | --- |
| staff area (`accounts.access_staff_area`) | any staff member |
| events, speakers, partners (`events.*`) | administrators, events staff |
| people, organisations, topics | any staff member |
| publications (`publications.*`) | administrators, editors, events staff |
| briefs: view | any staff member; edit, publish, override: administrators, editors |
| registrations: view, manage, check in | administrators, events staff |
| accounts and roles | administrators |
"""

from __future__ import annotations

import rules

ADMINISTRATORS = "Administrators"
EVENTS_STAFF = "Events staff"
EDITORS = "Editors"
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


is_staff_member = is_administrator | is_events_staff | is_editor
"""Anyone who may enter the staff area."""

can_manage_events = is_administrator | is_events_staff
can_edit_briefs = is_administrator | is_editor
can_edit_publications = is_administrator | is_editor | is_events_staff
can_manage_registrations = is_administrator | is_events_staff

rules.add_perm("accounts.access_staff_area", is_staff_member)
rules.add_perm("accounts.manage_accounts", is_administrator)

# Events and what hangs off them.
for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"events.{_action}_event", can_manage_events)
    rules.add_perm(f"events.{_action}_eventspeaker", can_manage_events)
    rules.add_perm(f"events.{_action}_eventpartner", can_manage_events)
    rules.add_perm(f"events.{_action}_person", is_staff_member)
    rules.add_perm(f"events.{_action}_organisation", is_staff_member)
    rules.add_perm(f"events.{_action}_topic", is_staff_member)
    rules.add_perm(f"publications.{_action}_publication", can_edit_publications)
rules.add_perm("events.publish_event", can_manage_events)
rules.add_perm("events.preview_event", is_staff_member)
rules.add_perm("publications.publish_publication", can_edit_publications)
rules.add_perm("publications.preview_publication", is_staff_member)

# Briefs (the briefs app's views check these).
rules.add_perm("briefs.view_brief", is_staff_member)
rules.add_perm("briefs.add_brief", can_edit_briefs)
rules.add_perm("briefs.change_brief", can_edit_briefs)
rules.add_perm("briefs.delete_brief", can_edit_briefs)
rules.add_perm("briefs.publish_brief", can_edit_briefs)
rules.add_perm("briefs.override_verification", can_edit_briefs)

# Registrations (the registration app's views check these).
rules.add_perm("registration.view_registrations", can_manage_registrations)
rules.add_perm("registration.manage_registrations", can_manage_registrations)
rules.add_perm("registration.check_in", can_manage_registrations)
rules.add_perm("registration.export_registrations", can_manage_registrations)
