"""A way to register for one event (General, Media, Invitation-only …) with its rules."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class RegistrationType(models.Model):
    """Seats, opening times and approval rules of one kind of registration.

    Capacity counts *confirmed* registrations only: pending (awaiting approval)
    and waiting-listed people hold no seat. ``capacity=None`` means unlimited.
    """

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="registration_types"
    )
    name = models.CharField(
        max_length=100, help_text="Shown on the button: 'General Registration'."
    )
    slug = models.SlugField(max_length=100)
    description = models.TextField(blank=True, help_text="Shown above the form.")
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(
        default=True, help_text="Inactive types are hidden from the public."
    )
    opens_at = models.DateTimeField(null=True, blank=True, help_text="Empty: open now.")
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty: until the event starts."
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Seats; empty for unlimited."
    )
    requires_approval = models.BooleanField(
        default=False,
        help_text="Staff approve each registration (media registrations do by default).",
    )
    waiting_list_enabled = models.BooleanField(default=True)
    access_code = models.CharField(
        max_length=50, blank=True, help_text="Invitation-only: registrants must enter this code."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "slug"], name="unique_registration_type_slug")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.event})"

    @property
    def is_invitation_only(self) -> bool:
        return bool(self.access_code)

    def closes_effective(self):
        """When registration closes: the set time, else the event's start."""
        return self.closes_at or self.event.starts_at

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.is_active or self.event.registration_closed:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return now < self.closes_effective()


class RegistrationSetupTemplate(models.Model):
    """The site's template for new events: the event whose types and forms they copy.

    One row (pk 1). Empty, or pointing at an event without types, means the built-in
    default (General; Media with approval, `domain/defaults.py`).
    """

    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Registration template: {self.event or 'built-in default'}"
