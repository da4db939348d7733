"""Choices of the search filters: the speakers and topics the visitor's archive holds."""

from __future__ import annotations

from podium.archive.models import Passage


def speaker_choices(*, include_drafts: bool) -> list[tuple[str, str]]:
    from podium.events.models import Person

    passages = Passage.objects.filter(person__isnull=False)
    if not include_drafts:
        passages = passages.filter(is_public=True)
    people = Person.objects.filter(pk__in=passages.values("person_id")).order_by("name")
    return [(p.slug, p.name) for p in people]


def topic_choices(*, include_drafts: bool) -> list[tuple[str, str]]:
    from podium.events.models import Topic

    passages = Passage.objects.all()
    if not include_drafts:
        passages = passages.filter(is_public=True)
    topics = Topic.objects.filter(events__in=passages.values("event_id")).distinct()
    return [(t.slug, t.name) for t in topics.order_by("name")]
