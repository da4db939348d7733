"""Roles: the three staff groups and giving a user one of them.

A role is a Django group; what each role may do is declared once, in
`podium.accounts.rules`. These functions only create the groups and put users
in them, so the demo, the CLI, the admin and the tests share one way to do it.
"""

from __future__ import annotations

import logging
from typing import Literal

from django.contrib.auth.models import Group

from podium.accounts.rules import ADMINISTRATORS, EDITORS, EVENTS_STAFF, ROLE_GROUPS

log = logging.getLogger(__name__)

Role = Literal["administrator", "events_staff", "editor"]
ROLE_TO_GROUP: dict[str, str] = {
    "administrator": ADMINISTRATORS,
    "events_staff": EVENTS_STAFF,
    "editor": EDITORS,
}

ROLE_LABELS: dict[str, str] = {
    "administrator": "Administrator",
    "events_staff": "Events staff",
    "editor": "Editor",
}


def ensure_groups() -> dict[str, Group]:
    """Create the role groups if missing; return them by group name."""
    return {name: Group.objects.get_or_create(name=name)[0] for name in ROLE_GROUPS}


def assign_role(user, *, role: Role) -> Group:
    """Add `user` to the group of `role` ("administrator", "events_staff", "editor").

    Idempotent. The user's cached group names (see rules) are dropped so the
    new role counts at once.
    """
    if role not in ROLE_TO_GROUP:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLE_TO_GROUP)}")
    group = ensure_groups()[ROLE_TO_GROUP[role]]
    user.groups.add(group)
    if hasattr(user, "_podium_groups"):
        del user._podium_groups
    log.info("role %s given to %s", role, user.get_username())
    return group


def roles_of(user) -> list[str]:
    """The role names of `user` ("administrator" for superusers too)."""
    names = set(user.groups.values_list("name", flat=True))
    roles = [role for role, group in ROLE_TO_GROUP.items() if group in names]
    if user.is_superuser and "administrator" not in roles:
        roles.insert(0, "administrator")
    return roles
