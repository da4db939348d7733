"""Tasks of the archive for Django's task framework (django-tasks-db or django-tasks-rq)."""

from __future__ import annotations

from django.tasks import task


@task()
def index_event_task(event_id: int) -> int:
    """Rebuild the archive passages of event `event_id` (gone events are skipped)."""
    from podium.archive.domain.indexing import index_event
    from podium.events.models import Event

    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    return index_event(event=event)
