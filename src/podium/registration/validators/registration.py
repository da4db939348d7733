"""Rules for registrant input: phone numbers, text lengths, answers against their questions."""

from __future__ import annotations

from django.core.validators import RegexValidator

PHONE_PATTERN = r"^\+?[0-9 ()./-]{5,30}(\s*(x|ext\.?)\s*[0-9]{1,6})?$"
validate_phone = RegexValidator(
    PHONE_PATTERN,
    "Enter a phone number with digits, spaces and an optional leading +, e.g. +1 202 555 0143.",
)

DEFAULT_MAX_LENGTH = {
    "short_text": 200,
    "long_text": 2000,
    "organisation": 200,
    "url": 500,
    "email": 254,
}
ACCESSIBILITY_MAX_LENGTH = 2000

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
"""Embeddings, overrides and isolates (and the marks): they reorder the text around them in
staff lists ("Trojan Source"); pages isolate names with <bdi> instead."""


def validate_single_line_text(value: str) -> None:
    """Refuse control characters (tabs, new lines, NUL…) and bidi controls in one-line answers."""
    import unicodedata

    from django.core.exceptions import ValidationError

    for character in value or "":
        if character in BIDI_CONTROLS:
            raise ValidationError(
                "Remove the invisible text-direction character (U+%(code)04X) from this answer.",
                params={"code": ord(character)},
                code="bidi_control",
            )
        if unicodedata.category(character) == "Cc":
            raise ValidationError(
                "Remove the control character (U+%(code)04X) from this answer.",
                params={"code": ord(character)},
                code="control_character",
            )
