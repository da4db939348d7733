"""A passage of an event's transcript or brief, as the archive searches and shows it.

The full-text index is not a Django field: on SQLite an FTS5 virtual table
(`archive_passage_fts`, kept in step by triggers), on PostgreSQL a stored
generated `tsvector` column (`search`) with a GIN index; both are made by
migration 0001 for that database only. The MiniLM vector is float32 bytes.
"""

from __future__ import annotations

from django.db import models


class Passage(models.Model):
    class Kind(models.TextChoices):
        TRANSCRIPT = "transcript", "Transcript"
        BRIEF = "brief", "Brief"

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="archive_passages"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TRANSCRIPT)
    transcript = models.ForeignKey(
        "briefs.TranscriptVersion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The transcript version a transcript passage comes from.",
    )
    brief_version = models.ForeignKey(
        "briefs.BriefVersion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The brief version a brief passage comes from.",
    )
    number = models.PositiveIntegerField(help_text="Position in the transcript or brief.")
    speaker = models.CharField(max_length=300, blank=True)
    person = models.ForeignKey(
        "events.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="archive_passages",
    )
    start = models.FloatField(null=True, blank=True, help_text="Seconds into the recording.")
    end = models.FloatField(null=True, blank=True)
    title = models.CharField(max_length=300, blank=True, help_text="Brief section title.")
    text = models.TextField()
    word_count = models.PositiveIntegerField(default=0)
    is_public = models.BooleanField(
        default=False, help_text="Published brief on a public event: anyone may find it."
    )
    in_brief = models.BooleanField(
        default=False, help_text="A quote of the published brief comes from this passage."
    )
    vector = models.BinaryField(help_text="MiniLM sentence embedding, float32.")

    class Meta:
        ordering = ["event", "kind", "number"]
        indexes = [
            models.Index(fields=["event", "kind", "number"], name="archive_passage_event"),
            models.Index(fields=["person", "is_public"], name="archive_passage_person"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.kind} {self.number}"


class IndexState(models.Model):
    """One row: what changed in the passages, so that every process can bring its vectors up to date.

    Every change sets a new random `token` (a rolled-back change must never let
    a process mistake an old cache for the current one) and, under a lock on
    this row, the next `version`, and records ``[version, event id, token]``
    in `recent` (the last `RECENT` changes; event id null when the change was
    not one event's, e.g. a bulk load). A process at version *v* whose token is
    in `recent` with that version re-reads only the passages of the events
    changed after *v* (`archive.domain.search.VectorCache`); otherwise it
    reloads everything.
    """

    RECENT = 200

    token = models.CharField(max_length=32, blank=True)
    version = models.PositiveBigIntegerField(default=0)
    recent = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
