"""Creating and changing registration types; a capacity change goes through ``update_capacity``."""

from __future__ import annotations

from django.db import transaction

from podium.registration.domain.audit import log_action
from podium.registration.domain.defaults import GENERAL_FORM, MEDIA_SECTION, build_form
from podium.registration.domain.registration import lock_registration_type
from podium.registration.domain.transitions import promote_waiting_list
from podium.registration.models import Registration, RegistrationType

EDITABLE = (
    "name",
    "slug",
    "description",
    "order",
    "is_active",
    "opens_at",
    "closes_at",
    "requires_approval",
    "waiting_list_enabled",
    "access_code",
)


@transaction.atomic
def create_registration_type(
    event, *, actor, capacity: int | None = None, **fields
) -> RegistrationType:
    """A new type with the default form (plus the media credentials section when it needs approval).

    Without a slug one is made from the name, unique within the event.
    """
    from podium.registration.domain.setup import new_type_slug

    if not fields.get("slug"):
        fields["slug"] = new_type_slug(event, fields.get("name", ""))
    rtype = RegistrationType.objects.create(
        event=event, capacity=capacity, **{k: v for k, v in fields.items() if k in EDITABLE}
    )
    sections = (
        [*GENERAL_FORM[:2], MEDIA_SECTION, GENERAL_FORM[2]]
        if rtype.requires_approval
        else GENERAL_FORM
    )
    build_form(rtype, sections)
    log_action(
        event=event,
        actor=actor,
        action="type.created",
        data={"type": rtype.name, "capacity": capacity},
    )
    return rtype


@transaction.atomic
def update_registration_type(
    registration_type: RegistrationType, *, actor, capacity: int | None, **fields
):
    """Save changed settings, log them, and promote from the waiting list if seats were added."""
    changed = {}
    for name, value in fields.items():
        if name in EDITABLE and getattr(registration_type, name) != value:
            changed[name] = str(value)
            setattr(registration_type, name, value)
    if changed:
        registration_type.save()
        log_action(
            event=registration_type.event,
            actor=actor,
            action="type.changed",
            data={"type": registration_type.name, "changes": changed},
        )
    if capacity != registration_type.capacity:
        return update_capacity(registration_type, capacity=capacity, actor=actor)
    return []


def update_capacity(
    registration_type: RegistrationType, *, capacity: int | None, actor=None
) -> list[Registration]:
    """Change the seat count; a raise promotes from the waiting list at once."""
    with transaction.atomic():
        rtype = lock_registration_type(registration_type)
        old = rtype.capacity
        rtype.capacity = capacity
        rtype.save(update_fields=["capacity", "updated_at"])
        log_action(
            event=rtype.event,
            actor=actor,
            action="type.capacity_changed",
            data={"type": rtype.name, "from": old, "to": capacity},
        )
        return promote_waiting_list(rtype, actor=actor)
