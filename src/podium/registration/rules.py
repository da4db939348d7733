"""Permissions registration's staff views check (declared with `rules` in ``podium.accounts.rules``).

| permission | who |
| --- | --- |
| ``registration.view_registrations`` | administrators, events staff |
| ``registration.manage_registrations`` (approve, reject, add, edit forms, message) | administrators, events staff |
| ``registration.check_in`` | administrators, events staff |
| ``registration.export_registrations`` | administrators, events staff |
"""

from __future__ import annotations

from podium.accounts.rules import can_manage_registrations

VIEW = "registration.view_registrations"
MANAGE = "registration.manage_registrations"
CHECK_IN = "registration.check_in"
EXPORT = "registration.export_registrations"

__all__ = ["CHECK_IN", "EXPORT", "MANAGE", "VIEW", "can_manage_registrations"]
