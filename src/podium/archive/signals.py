"""Hooks that keep the archive in step with the briefs and events apps (Django signals).

Publishing, unpublishing, a new transcript, a speaker-map edit or an event's
status change all save a `Brief`, `TranscriptVersion` or `Event`; each save
queues a re-index of that event (`podium.archive.domain.indexing.schedule_index`).
Deleting an event, its brief or a transcript version deletes their passages
(cascade) and records the change at once, so processes drop those vectors.
Nothing in the briefs or events code calls the archive, so those apps can be
refactored freely.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from podium.archive.domain.indexing import bump_generation, schedule_index

EVENT_FIELDS = {"status", "starts_at", "venue_name", "online_url"}
"""Event fields whose change can change what the archive shows (others do not re-index)."""


@receiver(post_save, sender="briefs.Brief", dispatch_uid="archive-brief-saved")
def brief_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        schedule_index(event_id=instance.event_id)


@receiver(post_save, sender="briefs.TranscriptVersion", dispatch_uid="archive-transcript-saved")
def transcript_saved(sender, instance, raw=False, created=False, **kwargs) -> None:
    # A new version is indexed when the brief points at it (brief_saved); edits of the
    # speaker map of an existing version change the speakers of its passages.
    if not raw and not created:
        schedule_index(event_id=instance.event_id)


@receiver(post_save, sender="events.Event", dispatch_uid="archive-event-saved")
def event_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs) -> None:
    if raw or created:
        return
    if update_fields is not None and not (set(update_fields) & EVENT_FIELDS):
        return
    if instance.archive_passages.exists():
        schedule_index(event_id=instance.pk)


@receiver(post_delete, sender="events.Event", dispatch_uid="archive-event-deleted")
def event_deleted(sender, instance, **kwargs) -> None:
    bump_generation(event_id=instance.pk)


@receiver(post_delete, sender="briefs.Brief", dispatch_uid="archive-brief-deleted")
@receiver(post_delete, sender="briefs.TranscriptVersion", dispatch_uid="archive-transcript-deleted")
def part_deleted(sender, instance, **kwargs) -> None:
    bump_generation(event_id=instance.event_id)
