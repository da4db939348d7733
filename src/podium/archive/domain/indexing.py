"""Keep the archive's passages in step with transcripts and briefs.

`index_event` rebuilds one event's passages from its current transcript
(speaker map applied) and its brief: the published version when there is one,
else the current draft. Passages are public only when the brief is published
and the event is public; everything else is found by staff only, so
unpublishing removes an event from public search at once. Vectors of passages
whose text did not change are reused, so re-indexing after publish, unpublish
or a speaker-map edit costs no embedding. The engine cuts passages
(`podium.engine.search.make_passages`) and embeds them (`podium.engine.embed`).

`schedule_index` is what the rest of the site calls (the signal receivers in
`podium.archive.signals` do): it queues `podium.archive.tasks.index_event_task`
once per event when the surrounding transaction commits.
"""

from __future__ import annotations

import logging
import uuid

from django.db import transaction

from podium.archive.models import IndexState, Passage
from podium.engine.search.passages import make_passages
from podium.engine.search.semantic import to_bytes

log = logging.getLogger(__name__)


def schedule_index(*, event_id: int) -> None:
    """Queue a re-index of the event when the current transaction commits (once per transaction).

    A failure to queue is logged and never undoes the change that asked for it.
    """
    connection = transaction.get_connection()
    if any(
        getattr(entry[1], "archive_event_id", None) == event_id
        for entry in connection.run_on_commit
    ):
        return  # already queued by this transaction (a rolled-back one leaves nothing behind)

    def enqueue() -> None:
        from podium.archive.tasks import index_event_task

        enqueue.archive_event_id = None  # ran: a later change queues again
        index_event_task.enqueue(event_id)

    enqueue.archive_event_id = event_id
    transaction.on_commit(enqueue, robust=True)


def bump_generation(*, event_id: int | None = None) -> None:
    """Tell every process that the passages changed: of one event (`event_id`), or any.

    The next version is taken under a lock on the `IndexState` row, so versions
    commit in order and a process that has seen version *v* has seen every
    change before it (see `IndexState`).
    """
    with transaction.atomic():
        IndexState.objects.get_or_create(pk=1)
        state = IndexState.objects.select_for_update().get(pk=1)
        state.version += 1
        state.token = uuid.uuid4().hex
        state.recent = [*state.recent, [state.version, event_id, state.token]][-IndexState.RECENT :]
        state.save()


def index_event(*, event) -> int:
    """Rebuild the passages of `event`; returns how many it has now."""
    from podium.briefs.domain.content import load_brief, load_transcript
    from podium.briefs.models import Brief

    brief = (
        Brief.objects.select_related("transcript", "published_version", "current_version")
        .filter(event=event)
        .first()
    )
    rows: list[Passage] = []
    if brief is not None:
        public = bool(brief.published_version_id) and event.is_public
        people = {
            appearance.person.name: appearance.person
            for appearance in event.speakers.select_related("person")
        }
        version = brief.published_version or brief.current_version
        engine_brief = load_brief(version) if version is not None else None
        if brief.transcript is not None:
            transcript = load_transcript(brief.transcript)
            quoted = _quoted_times(engine_brief, transcript) if brief.published_version else []
            for passage in make_passages(transcript):
                rows.append(
                    Passage(
                        event=event,
                        kind=Passage.Kind.TRANSCRIPT,
                        transcript=brief.transcript,
                        number=passage.number,
                        speaker=passage.speaker,
                        person=people.get(passage.speaker),
                        start=passage.start,
                        end=passage.end,
                        text=passage.text,
                        word_count=passage.word_count,
                        is_public=public,
                        in_brief=any(passage.start <= t < passage.end + 0.5 for t in quoted),
                    )
                )
        if engine_brief is not None:
            for number, section in enumerate(engine_brief.sections()):
                speaker = section.speakers[0] if section.speakers else ""
                rows.append(
                    Passage(
                        event=event,
                        kind=Passage.Kind.BRIEF,
                        brief_version=version,
                        number=number,
                        speaker=speaker,
                        person=people.get(speaker),
                        start=section.start,
                        title=section.title[:300],
                        text=section.text,
                        word_count=len(section.text.split()),
                        is_public=public,
                    )
                )
    _attach_vectors(event, rows)
    with transaction.atomic():
        Passage.objects.filter(event=event).delete()
        Passage.objects.bulk_create(rows, batch_size=500)
        bump_generation(event_id=event.pk)
    log.info("archive: event %s indexed, %s passages", event.pk, len(rows))
    return len(rows)


def _attach_vectors(event, rows: list[Passage]) -> None:
    """Reuse the stored vector of an unchanged text; embed the rest in one batch."""
    known = {
        text: bytes(vector)
        for text, vector in Passage.objects.filter(event=event).values_list("text", "vector")
    }
    missing = sorted({row.text for row in rows if row.text not in known})
    if missing:
        from podium.engine.embed import embed

        for text, vector in zip(missing, embed(missing), strict=True):
            known[text] = to_bytes(vector)
    for row in rows:
        row.vector = known[row.text]


def _quoted_times(engine_brief, transcript) -> list[float]:
    """Where the verifier finds each quote of the published brief (seconds)."""
    if engine_brief is None:
        return []
    from podium.engine.verify import build_context
    from podium.engine.verify.quote import find_quote

    ctx = build_context(transcript)
    times = []
    for section in engine_brief.sections():
        for quote in section.quotes:
            match = find_quote(ctx, quote.text)
            if match is not None and match.exact:
                times.append(ctx.index.time(match.start))
    return times


def reindex_all(*, stdout=None) -> dict[str, int]:
    """Rebuild every event's passages (`podium manage reindex`); returns counts."""
    from podium.events.models import Event

    events = list(Event.objects.filter(brief__isnull=False).order_by("pk"))
    stale = Passage.objects.exclude(event__in=events).delete()[0]
    if stale:
        bump_generation()
    total = 0
    for event in events:
        count = index_event(event=event)
        total += count
        if stdout is not None:
            stdout.write(f"{event.slug}: {count} passages\n")
    return {"events": len(events), "passages": total, "removed": stale}
