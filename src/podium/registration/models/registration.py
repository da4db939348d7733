"""One person's registration for one event, its status and answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Registration(models.Model):
    """A registrant. Created only by ``podium.registration.domain.register``.

    ``email_normalised`` (trimmed, lower-case) is unique per event among
    registrations that are not cancelled or rejected, so the database itself refuses a
    second seat for the same person even if two requests race.
    """

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", "Email not confirmed"
        PENDING = "pending", "Pending approval"
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "Waiting list"
        OFFERED = "offered", "Seat offered"
        REJECTED = "rejected", "Rejected"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="registrations"
    )
    registration_type = models.ForeignKey(
        "registration.RegistrationType", on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(max_length=20, choices=Status.choices, db_index=True)
    email = models.EmailField(
        max_length=254, blank=True, help_text="Empty for people staff added without one."
    )
    email_normalised = models.CharField(max_length=254, editable=False)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    answers = models.JSONField(default=dict, blank=True, help_text="Question key → answer.")
    accessibility_request = models.TextField(blank=True)
    accessibility_flagged = models.BooleanField(
        default=False,
        help_text="Requested inside the event's lead time: may not be possible to fulfil.",
    )
    privacy_consent_at = models.DateTimeField(null=True, blank=True)
    marketing_opt_in = models.BooleanField(default=False)
    checkin_code = models.CharField(max_length=16, unique=True)
    manage_nonce = models.CharField(
        max_length=32, help_text="Part of the signed manage link; changing it revokes old links."
    )
    decision_message = models.TextField(
        blank=True, help_text="Staff message sent with approval/rejection."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True, help_text="Waiting-list order.")
    offer_expires_at = models.DateTimeField(
        null=True, blank=True, help_text="A seat offered from the waiting list is held until then."
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    calendar_sequence = models.PositiveIntegerField(
        default=0, help_text="SEQUENCE of the .ics; raised on each change so calendars update."
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email_normalised"],
                condition=~Q(status__in=["cancelled", "rejected"]) & ~Q(email_normalised=""),
                name="unique_active_registration_per_email",
            )
        ]
        indexes = [
            models.Index(fields=["registration_type", "status"], name="registration_type_status")
        ]

    def __str__(self) -> str:
        return f"{self.full_name or self.email} — {self.event}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    SEAT_HOLDING = ("confirmed", "offered")
    """Statuses that take a seat: confirmed, and offered while the offer runs."""

    @property
    def is_active(self) -> bool:
        return self.status not in (self.Status.CANCELLED, self.Status.REJECTED)
