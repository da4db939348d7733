"""A brief per event, its immutable versions, and verification overrides.

A version stores the brief as the engine's JSON rendering and the verification
report (the JSON shape of `podium verify --format json`) made for exactly that
text. Versions are never changed after they are written; editing, restoring and
generating all add a version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Brief(models.Model):
    """The program brief of one event and where it stands in the editorial workflow."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="brief")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    current_version = models.ForeignKey(
        "BriefVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_version = models.ForeignKey(
        "BriefVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="What the public sees; stays until unpublished or replaced.",
    )
    transcript = models.ForeignKey(
        "TranscriptVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The transcript the brief is verified against.",
    )
    show_transcript = models.BooleanField(
        default=False, help_text="Show the transcript on the public event page."
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Brief of {self.event}"


class BriefVersion(models.Model):
    class Origin(models.TextChoices):
        GENERATED = "generated", "Generated"
        EDITED = "edited", "Edited"
        SUGGESTION = "suggestion", "Suggestion applied"
        RESTORED = "restored", "Restored"
        IMPORTED = "imported", "Imported"
        REVERIFIED = "reverified", "Re-verified"

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    origin = models.CharField(max_length=20, choices=Origin.choices)
    content = models.TextField(help_text="The brief in the engine's JSON rendering.")
    report = models.JSONField(
        default=dict, blank=True, help_text="Verification report of this text."
    )
    ok_count = models.PositiveIntegerField(default=0)
    warn_count = models.PositiveIntegerField(default=0)
    fail_count = models.PositiveIntegerField(default=0)
    transcript = models.ForeignKey(
        "TranscriptVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True, help_text="What changed.")
    writer = models.JSONField(default=dict, blank=True, help_text="Writer name, options, repairs.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "number"], name="unique_brief_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.brief} v{self.number}"


class Override(models.Model):
    """An editor's written decision to publish a version despite `fail` findings."""

    version = models.ForeignKey(BriefVersion, on_delete=models.CASCADE, related_name="overrides")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    fail_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class BriefStateChange(models.Model):
    """The audit trail of a brief's states: who moved it from which state to which, and when."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="state_changes")
    action = models.CharField(max_length=40, help_text="approve, publish, unpublish, new_version")
    previous = models.CharField(max_length=20, choices=Brief.Status.choices)
    state = models.CharField(max_length=20, choices=Brief.Status.choices)
    version = models.ForeignKey(
        BriefVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.brief}: {self.previous} -> {self.state} ({self.action})"


class EditorDraft(models.Model):
    """Text an editor typed but has not saved (autosave): one per user, brief and form.

    `key` names the form ("document" for title/intro/closing, "section-3" for a
    section); `data` holds the form's fields; `base_version` is the version the
    form was made from, shown when the draft is restored.
    """

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="drafts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)
    data = models.JSONField(default=dict)
    base_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["brief", "user", "key"], name="unique_editor_draft_per_field"
            )
        ]

    def __str__(self) -> str:
        return f"Draft {self.key} of {self.brief} by {self.user_id}"
