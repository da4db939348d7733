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
