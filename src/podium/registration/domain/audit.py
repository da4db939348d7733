"""The audit log: every domain action records who did what to which registration."""

from __future__ import annotations

from typing import Any

from podium.registration.models import AuditEntry


def audit_entry(
    *, event, action: str, registration=None, actor=None, data: dict[str, Any] | None = None
) -> AuditEntry:
    """One unsaved audit row; ``actor`` is the staff user, or None for the registrant or the system."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry(
        event=event, registration=registration, actor=actor, action=action, data=data or {}
    )


def log_action(
    *, event, action: str, registration=None, actor=None, data: dict[str, Any] | None = None
) -> AuditEntry:
    """Write one audit row (see ``audit_entry``)."""
    entry = audit_entry(
        event=event, registration=registration, actor=actor, action=action, data=data
    )
    entry.save(force_insert=True)
    return entry
