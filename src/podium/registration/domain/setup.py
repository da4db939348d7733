"""The registration setup of a new event, from the site's template, and copying it between events.

Staff choose one event as the template ("Use this setup for new events" on its
Types page); `setup_new_event` copies its types, sections and questions to every
event staff create afterwards (`events.domain.events.event_created`). Without a
template the built-in default applies (`defaults.create_default_types`: General;
Media with approval). `copy_registration_setup` is also what "copy an event" uses.
"""

from __future__ import annotations

from django.db import transaction

from podium.common.domain.text import unique_slug
from podium.registration.domain.audit import log_action
from podium.registration.domain.defaults import create_default_types
from podium.registration.models import (
    FormSection,
    Question,
    RegistrationSetupTemplate,
    RegistrationType,
)

COPIED = (
    "name",
    "slug",
    "description",
    "order",
    "is_active",
    "capacity",
    "requires_approval",
    "waiting_list_enabled",
    "access_code",
)
"""Settings a copied type keeps; opening and closing times belong to the source's dates."""


def template_event():
    """The event new events copy their setup from, or None for the built-in default."""
    row = RegistrationSetupTemplate.objects.select_related("event").filter(pk=1).first()
    return row.event if row else None


def set_template_event(event, *, actor=None) -> None:
    """Make `event`'s types and forms the template for new events (None: the built-in default)."""
    RegistrationSetupTemplate.objects.update_or_create(pk=1, defaults={"event": event})
    if event is not None:
        log_action(event=event, actor=actor, action="type.template_set")


@transaction.atomic
def copy_registration_setup(source, target, *, actor=None) -> list[RegistrationType]:
    """Copy `source`'s registration types with their forms to `target` (no registrations).

    A type whose slug `target` already has is skipped.
    """
    copied = []
    for rtype in source.registration_types.prefetch_related("sections__questions"):
        if RegistrationType.objects.filter(event=target, slug=rtype.slug).exists():
            continue
        new = RegistrationType.objects.create(
            event=target, **{name: getattr(rtype, name) for name in COPIED}
        )
        for section in rtype.sections.all():
            new_section = FormSection.objects.create(
                registration_type=new,
                title=section.title,
                description=section.description,
                order=section.order,
            )
            Question.objects.bulk_create(
                Question(
                    section=new_section,
                    key=q.key,
                    label=q.label,
                    kind=q.kind,
                    required=q.required,
                    help_text=q.help_text,
                    choices=q.choices,
                    max_length=q.max_length,
                    order=q.order,
                )
                for q in section.questions.all()
            )
        copied.append(new)
    if copied:
        log_action(
            event=target,
            actor=actor,
            action="type.copied",
            data={"from": source.slug, "types": [t.name for t in copied]},
        )
    return copied


def setup_new_event(event, *, actor=None) -> list[RegistrationType]:
    """Give a new event its registration types: the template's, or the built-in default."""
    if event.registration_types.exists():
        return []
    source = template_event()
    if source is not None and source.pk != event.pk and source.registration_types.exists():
        return copy_registration_setup(source, event, actor=actor)
    return create_default_types(event)


def new_type_slug(event, name: str) -> str:
    """A slug for a new type of `event`, made from its name and unique within the event."""
    return unique_slug(RegistrationType, name, scope={"event": event}, max_length=90)


def on_event_created(sender, *, event, actor=None, source=None, **_) -> None:
    """Receiver of `event_created`: a copy gets its source's types and forms; any other new
    event the site's template (or the built-in default)."""
    if source is not None and source.registration_types.exists():
        copy_registration_setup(source, event, actor=actor)
    else:
        setup_new_event(event, actor=actor)
