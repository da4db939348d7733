"""A recording of an event (uploaded media or a video link) and its transcripts.

Media files go through Django's storage API (`default_storage`): local disk by
default, any S3-compatible storage by settings. Nothing here assumes a path.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from podium.common.models.files import ProtectedFileField


class Recording(models.Model):
    """The event's recording: an uploaded audio/video file, a YouTube/Vimeo link, or both."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="recordings")
    media = ProtectedFileField(kind="recording", prefix="recordings", blank=True)
    original_name = models.CharField(max_length=300, blank=True)
    video_url = models.URLField(blank=True, help_text="YouTube or Vimeo link of the recording.")
    duration = models.FloatField(null=True, blank=True, help_text="Seconds, when known.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name or self.video_url or f"recording {self.pk}"


class TranscriptVersion(models.Model):
    """One transcript of the event, stored as Podium JSON (the engine's own format).

    `speaker_map` maps the transcript's labels (``SPEAKER_00`` or names) to the
    names of the event's speakers; it is applied whenever the transcript is used.
    Versions are never changed by the transcript editor: a fixed word, a reassigned
    turn, a split or merged label each add a version (`origin="edited"`) whose
    `parent` is the version the editor saw; `number` counts the event's versions.
    """

    class Origin(models.TextChoices):
        UPLOAD = "upload", "Uploaded file"
        PASTE = "paste", "Pasted text"
        SPEECH = "speech", "Speech-to-text"
        DEMO = "demo", "Demo data"
        EDITED = "edited", "Edited"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="transcripts")
    recording = models.ForeignKey(
        Recording, null=True, blank=True, on_delete=models.SET_NULL, related_name="transcripts"
    )
    number = models.PositiveIntegerField(default=0, help_text="1, 2, … per event.")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The version an edit was made from.",
    )
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.UPLOAD)
    note = models.CharField(max_length=500, blank=True, help_text="What the edit changed.")
    source_format = models.CharField(max_length=20, blank=True, help_text="vtt, srt, json, txt…")
    original_name = models.CharField(max_length=300, blank=True)
    content = models.TextField(help_text="The transcript in Podium JSON.")
    speaker_map = models.JSONField(default=dict, blank=True)
    duration = models.FloatField(default=0.0)
    segment_count = models.PositiveIntegerField(default=0)
    word_count = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name or f"transcript {self.pk}"
