"""Who may do what with an event's brief (django-rules, from the roles in `podium.accounts.rules`).

The staff views check these against the event (`staff_view("briefs.change_brief")`
hands `has_perm` the event of the URL), so per-event teams can narrow them later.

| permission | who |
| --- | --- |
| `briefs.view_brief` | any staff member |
| `briefs.add/change/delete_brief`, `publish_brief`, `override_verification` | administrators, editors |
| `briefs.run_workers` (sees worker hints such as "start a worker: `podium worker`") | administrators (ops) |
"""

from __future__ import annotations

import rules

from podium.accounts.rules import is_administrator, is_editor, is_staff_member

VIEW = "briefs.view_brief"
CHANGE = "briefs.change_brief"
PUBLISH = "briefs.publish_brief"
OVERRIDE = "briefs.override_verification"
RUN_WORKERS = "briefs.run_workers"
"""Who is told about the workers behind jobs (operators): editors cannot start one."""


@rules.predicate
def can_view_brief(user, event=None) -> bool:
    return is_staff_member(user)


@rules.predicate
def can_edit_brief(user, event=None) -> bool:
    """Administrators and editors, for any event (teams per event come later)."""
    return is_administrator(user) or is_editor(user)


rules.add_perm(VIEW, can_view_brief)
for _action in ("add", "change", "delete"):
    rules.add_perm(f"briefs.{_action}_brief", can_edit_brief)
rules.add_perm(PUBLISH, can_edit_brief)
rules.add_perm(OVERRIDE, can_edit_brief)
rules.add_perm(RUN_WORKERS, is_administrator)
