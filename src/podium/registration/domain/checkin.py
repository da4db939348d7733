"""Check-in at the door: one tap in, undo, refusals for people without a confirmed seat."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from podium.registration.domain.audit import log_action
from podium.registration.domain.errors import InvalidTransition
from podium.registration.models import Registration

Status = Registration.Status


def find_by_checkin_code(event, code: str) -> Registration | None:
    code = "".join((code or "").split()).upper().replace("-", "")
    if not code:
        return None
    return (
        Registration.objects.filter(event=event, checkin_code=code)
        .select_related("registration_type")
        .first()
    )


def check_in(registration: Registration, *, actor) -> Registration:
    """Mark the person as arrived; refuses cancelled, rejected, pending and waiting-list registrations."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        )
        if registration.status != Status.CONFIRMED:
            raise InvalidTransition(
                f"{registration.full_name or registration.email} cannot be checked in: "
                f"the registration is {registration.get_status_display().lower()}."
            )
        if registration.checked_in_at:
            raise InvalidTransition(
                f"{registration.full_name or registration.email} was already checked in at "
                f"{timezone.localtime(registration.checked_in_at, registration.event.tz):%H:%M}."
            )
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = actor if getattr(actor, "is_authenticated", False) else None
        registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        log_action(
            event=registration.event, registration=registration, actor=actor, action="checkin.done"
        )
    return registration


def undo_check_in(registration: Registration, *, actor) -> Registration:
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        )
        if not registration.checked_in_at:
            return registration
        registration.checked_in_at = None
        registration.checked_in_by = None
        registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        log_action(
            event=registration.event,
            registration=registration,
            actor=actor,
            action="checkin.undone",
        )
    return registration
