"""Staff editing of registration forms: add, reorder and remove sections and questions.

The first name, last name and email questions are the system questions every
form keeps; they can be relabelled and moved but not removed.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from podium.registration.domain.audit import log_action
from podium.registration.domain.errors import InvalidTransition
from podium.registration.models import FormSection, Question


def _renumber(items) -> None:
    for index, item in enumerate(items):
        if item.order != index:
            item.order = index
            item.save(update_fields=["order"])


def unique_key(registration_type, label: str) -> str:
    base = slugify(label).replace("-", "_")[:50] or "question"
    key, n = base, 2
    while Question.objects.filter(section__registration_type=registration_type, key=key).exists():
        key, n = f"{base}_{n}", n + 1
    return key


def add_section(registration_type, *, title: str, actor) -> FormSection:
    order = registration_type.sections.count()
    section = FormSection.objects.create(
        registration_type=registration_type, title=title, order=order
    )
    log_action(
        event=registration_type.event,
        actor=actor,
        action="form.section_added",
        data={"type": registration_type.name, "section": title},
    )
    return section


def remove_section(section: FormSection, *, actor) -> None:
    if section.questions.filter(key__in=("first_name", "last_name", "email")).exists():
        raise InvalidTransition("This section holds the name or email question; move those first.")
    rtype = section.registration_type
    title = section.title
    with transaction.atomic():
        section.delete()
        _renumber(rtype.sections.all())
        log_action(
            event=rtype.event,
            actor=actor,
            action="form.section_removed",
            data={"type": rtype.name, "section": title},
        )


def add_question(
    section: FormSection,
    *,
    label: str,
    kind: str,
    required: bool = False,
    help_text: str = "",
    choices: list[str] | None = None,
    max_length: int | None = None,
    key: str = "",
    actor,
) -> Question:
    rtype = section.registration_type
    question = Question.objects.create(
        section=section,
        key=key or unique_key(rtype, label),
        label=label,
        kind=kind,
        required=required,
        help_text=help_text,
        choices=choices or [],
        max_length=max_length,
        order=section.questions.count(),
    )
    log_action(
        event=rtype.event,
        actor=actor,
        action="form.question_added",
        data={"type": rtype.name, "question": label, "kind": kind},
    )
    return question


def remove_question(question: Question, *, actor) -> None:
    if question.is_system:
        raise InvalidTransition(
            f"“{question.label}” is needed on every form and cannot be removed."
        )
    section = question.section
    with transaction.atomic():
        question.delete()
        _renumber(section.questions.all())
        log_action(
            event=section.registration_type.event,
            actor=actor,
            action="form.question_removed",
            data={"type": section.registration_type.name, "question": question.label},
        )


def move_item(item, *, direction: int, actor) -> None:
    """Move a section or question one place up (-1) or down (+1) among its siblings."""
    siblings = list(
        item.registration_type.sections.all()
        if isinstance(item, FormSection)
        else item.section.questions.all()
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    target = index + direction
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    with transaction.atomic():
        _renumber(siblings)
        rtype = (
            item.registration_type
            if isinstance(item, FormSection)
            else item.section.registration_type
        )
        log_action(
            event=rtype.event,
            actor=actor,
            action="form.reordered",
            data={
                "type": rtype.name,
                "item": str(item),
                "direction": "up" if direction < 0 else "down",
            },
        )
