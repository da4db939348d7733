"""Who changed what: one row per action on a registration or an event's registration setup."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="registration_audit"
    )
    registration = models.ForeignKey(
        "registration.Registration",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="audit",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(
        max_length=60, help_text="'registration.confirmed', 'checkin.undone' …"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    @property
    def actor_display(self) -> str:
        if self.actor is None:
            return (
                self.data.get("by", "registrant") if isinstance(self.data, dict) else "registrant"
            )
        return self.actor.get_full_name() or self.actor.get_username()
