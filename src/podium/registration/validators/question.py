"""Rules for staff editing a form: keys, choices, system questions."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from podium.registration.models import Question


def validate_choices(kind: str, choices: list[str]) -> None:
    if kind in Question.CHOICE_KINDS and len(choices) < 2:
        raise ValidationError("A choice question needs at least two options, one per line.")
    if len(set(choices)) != len(choices):
        raise ValidationError("Each option must appear only once.")
