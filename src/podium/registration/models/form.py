"""A registration type's form: named sections holding ordered questions."""

from __future__ import annotations

from django.db import models

SYSTEM_KEYS = ("first_name", "last_name", "email")
"""Questions every form has; their answers also fill the registration's columns."""


class FormSection(models.Model):
    registration_type = models.ForeignKey(
        "registration.RegistrationType", on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", "Short text"
        LONG_TEXT = "long_text", "Long text"
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        URL = "url", "Web address"
        CHOICE = "choice", "Choice (one)"
        MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
        CHECKBOX = "checkbox", "Checkbox"
        COUNTRY = "country", "Country"
        ORGANISATION = "organisation", "Organisation"

    CHOICE_KINDS = (Kind.CHOICE, Kind.MULTIPLE_CHOICE)

    section = models.ForeignKey(FormSection, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(
        max_length=60, help_text="Column name in exports; unique within the registration type."
    )
    label = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SHORT_TEXT)
    required = models.BooleanField(default=False)
    help_text = models.CharField(max_length=500, blank=True)
    choices = models.JSONField(default=list, blank=True, help_text="Options for choice questions.")
    max_length = models.PositiveIntegerField(null=True, blank=True, help_text="Text length limit.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_system(self) -> bool:
        return self.key in SYSTEM_KEYS
