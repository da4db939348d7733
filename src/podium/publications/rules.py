"""Who may do what with publications (django-rules, from the roles in `podium.accounts.rules`).

| permission | who |
| --- | --- |
| `publications.view/add/change/delete_publication`, `publish_publication` | administrators, editors, events staff |
| `publications.preview_publication` | any staff member |
"""

from __future__ import annotations

import rules

from podium.accounts.rules import is_administrator, is_editor, is_events_staff, is_staff_member


@rules.predicate
def can_edit_publication(user, publication=None) -> bool:
    return is_administrator(user) or is_editor(user) or is_events_staff(user)


for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"publications.{_action}_publication", can_edit_publication)
rules.add_perm("publications.publish_publication", can_edit_publication)
rules.add_perm("publications.preview_publication", is_staff_member)
