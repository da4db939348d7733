"""Background jobs (reading a transcript, speech-to-text, brief generation) and their live progress.

The task framework (django-tasks-db or django-tasks-rq) only carries the job id;
this row is the truth about the job: who holds it (`claim_token`), how far it
got, when the worker last showed signs of life (`heartbeat_at`), and how it
ended. It survives page reloads and worker deaths.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Job(models.Model):
    class Kind(models.TextChoices):
        TRANSCRIBE = "transcribe", "Speech-to-text"
        READ = "read", "Read transcript"
        GENERATE = "generate", "Generate brief"
        VERIFY = "verify", "Re-verify brief"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Done"
        FAILED = "failed", "Failed"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="brief_jobs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    params = models.JSONField(default=dict, blank=True)
    progress = models.FloatField(default=0.0)
    stage = models.CharField(max_length=100, blank=True)
    message = models.CharField(max_length=500, blank=True)
    error = models.TextField(blank=True)
    retryable = models.BooleanField(
        default=True,
        help_text="False when a retry cannot succeed (the input itself is bad); no Retry then.",
    )
    estimated_end = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the job should end, set only when the progress moves (so it never counts up).",
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=100, blank=True)
    claim_token = models.CharField(max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True, help_text="Ids of what the job wrote.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
