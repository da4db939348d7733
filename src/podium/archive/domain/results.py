"""What a search or a question returns, ready for a page or the JSON API.

`search_archive` ranks (`domain.search.rank`), takes one page, loads those
passages with their events and groups them by event in rank order.
`ask_archive` hands the best transcript passages to the engine's answer
builder (`podium.engine.search.build_answer`), which quotes only what the
verifier's quote and attribution checks pass.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils import dateformat

from podium.archive.domain.search import SearchFilters, rank
from podium.archive.interfaces.highlight import highlight_html
from podium.archive.models import Passage
from podium.engine.search.answer import Answer, Candidate, build_answer
from podium.engine.search.passages import Passage as EnginePassage
from podium.engine.timefmt import format_time

PAGE_SIZE = 20


def seek_url(event, seconds: float | None) -> str:
    """The event page with its player at `seconds` (``/events/<slug>/?t=SECONDS``)."""
    url = reverse("events:detail", kwargs={"slug": event.slug})
    return f"{url}?t={int(seconds)}#recording" if seconds is not None else url


def event_date(event) -> str:
    return dateformat.format(event.local_start, "F j, Y")


@dataclass(slots=True)
class Result:
    passage: Passage
    score: float
    words: list[str]

    @property
    def event(self):
        return self.passage.event

    @property
    def time(self) -> str:
        return format_time(self.passage.start) if self.passage.start is not None else ""

    @property
    def url(self) -> str:
        return seek_url(self.passage.event, self.passage.start)

    @property
    def html(self):
        return highlight_html(self.passage.text, self.words)

    def to_dict(self, request=None) -> dict:
        p = self.passage
        url = request.build_absolute_uri(self.url) if request is not None else self.url
        return {
            "id": p.pk,
            "kind": p.kind,
            "event": {
                "title": p.event.title,
                "slug": p.event.slug,
                "date": p.event.starts_at.date().isoformat(),
            },
            "speaker": p.speaker,
            "person": p.person.slug if p.person_id else None,
            "start": round(p.start, 2) if p.start is not None else None,
            "time": self.time,
            "url": url,
            "title": p.title,
            "text": p.text,
            "highlight": str(self.html),
            "in_brief": p.in_brief,
            "public": p.is_public,
            "score": round(self.score, 6),
        }


@dataclass(slots=True)
class EventGroup:
    event: object
    results: list[Result] = field(default_factory=list)


@dataclass(slots=True)
class SearchResults:
    query: str
    page: Page
    results: list[Result]
    groups: list[EventGroup]

    @property
    def count(self) -> int:
        return self.page.paginator.count


def search_archive(
    *,
    query: str,
    filters: SearchFilters | None = None,
    include_drafts: bool = False,
    page: int | str | None = 1,
    page_size: int = PAGE_SIZE,
    mode: str = "hybrid",
) -> SearchResults:
    ranked = rank(query, filters=filters, include_drafts=include_drafts, mode=mode)
    paginator = Paginator(ranked.ids, page_size)
    current = paginator.get_page(page)
    ids = list(current.object_list)
    rows = Passage.objects.select_related("event", "person").in_bulk(ids)
    words = ranked.terms.all_words()
    results = [Result(rows[i], ranked.scores[i], words) for i in ids if i in rows]
    groups: dict[int, EventGroup] = {}
    for result in results:
        groups.setdefault(result.passage.event_id, EventGroup(result.event)).results.append(result)
    return SearchResults(query, current, results, list(groups.values()))


# --- ask --------------------------------------------------------------------------------------

_lock = threading.Lock()
_transcripts: OrderedDict[tuple, object] = OrderedDict()
_contexts: dict[int, object] = {}
CACHED_TRANSCRIPTS = 16


def _transcript_of(version):
    """The engine transcript of a version (speaker map applied), cached with its verifier index."""
    from podium.briefs.domain.content import load_transcript

    key = (version.pk, tuple(sorted((version.speaker_map or {}).items())))
    with _lock:
        if key in _transcripts:
            _transcripts.move_to_end(key)
            return _transcripts[key]
    transcript = load_transcript(version)
    with _lock:
        _transcripts[key] = transcript
        while len(_transcripts) > CACHED_TRANSCRIPTS:
            _, old = _transcripts.popitem(last=False)
            _contexts.pop(id(old), None)
    return transcript


@dataclass(slots=True)
class AskedQuote:
    text: str
    speaker: str
    event: object
    date: str
    start: float
    url: str
    checks: list[str]
    person: object = None

    @property
    def time(self) -> str:
        return format_time(self.start)

    def to_dict(self, request=None) -> dict:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "person": self.person.slug if self.person is not None else None,
            "event": {"title": self.event.title, "slug": self.event.slug},
            "date": self.date,
            "start": round(self.start, 2),
            "time": self.time,
            "url": request.build_absolute_uri(self.url) if request is not None else self.url,
            "checks": self.checks,
        }


@dataclass(slots=True)
class AskResult:
    question: str
    answer: Answer
    quotes: list[AskedQuote]

    @property
    def answered(self) -> bool:
        return self.answer.answered


def llm_options():
    """The LLM the site may use (``PODIUM_LLM_BASE_URL`` and ``PODIUM_LLM_MODEL`` set), else None."""
    if not (os.environ.get("PODIUM_LLM_BASE_URL") and os.environ.get("PODIUM_LLM_MODEL")):
        return None
    from podium.engine.llm import LLMOptions

    return LLMOptions.from_env(max_requests=2)


def ask_archive(
    *, question: str, filters: SearchFilters | None = None, include_drafts: bool = False
) -> AskResult:
    """2–5 verified quotes from the best transcript passages, across events."""
    filters = filters or SearchFilters()
    filters.kind = Passage.Kind.TRANSCRIPT
    ranked = rank(question, filters=filters, include_drafts=include_drafts)
    ids = ranked.ids[:20]
    rows = Passage.objects.select_related("event", "person", "transcript").in_bulk(ids)
    candidates = []
    for pk in ids:
        row = rows.get(pk)
        if row is None or row.transcript is None:
            continue
        candidates.append(
            Candidate(
                passage=EnginePassage(
                    number=row.number,
                    speaker=row.speaker,
                    start=row.start or 0.0,
                    end=row.end or 0.0,
                    text=row.text,
                    turn=0,
                ),
                transcript=_transcript_of(row.transcript),
                source=row.event.title,
                date=event_date(row.event),
                key=row.pk,
            )
        )
    answer = build_answer(question, candidates, contexts=_contexts)
    options = llm_options()
    if options is not None and answer.answered:
        from podium.engine.write.framing import frame_answer

        framed = frame_answer(answer, options)
        answer.framing, answer.framed_by = framed.text, framed.source
    quotes = []
    for quote in answer.quotes:
        row = rows[quote.key]
        quotes.append(
            AskedQuote(
                text=quote.text,
                speaker=quote.speaker,
                event=row.event,
                date=quote.date,
                start=quote.start,
                url=seek_url(row.event, quote.start),
                checks=quote.checks,
                person=row.person if row.speaker == quote.speaker else None,
            )
        )
    return AskResult(question, answer, quotes)


# --- "What NAME said" -------------------------------------------------------------------------

PERSON_PASSAGES = 20


@dataclass(slots=True)
class PersonPassages:
    person: object
    query: str
    results: list[Result]
    total: int

    @property
    def more(self) -> int:
        return max(self.total - len(self.results), 0)


def person_passages(
    *, person, query: str = "", include_drafts: bool = False, limit: int = PERSON_PASSAGES
) -> PersonPassages:
    """What `person` said across events: passages quoted in published briefs first, then the rest
    (newest event first, in order), or, with `query`, the best matches (quoted ones first)."""
    query = " ".join(query.split())[:300]
    passages = Passage.objects.filter(person=person, kind=Passage.Kind.TRANSCRIPT)
    if not include_drafts:
        passages = passages.filter(is_public=True)
    if not query:
        total = passages.count()
        rows = passages.select_related("event", "person").order_by(
            "-in_brief", "-event__starts_at", "number"
        )[:limit]
        return PersonPassages(person, "", [Result(row, 0.0, []) for row in rows], total)
    ranked = rank(
        query,
        filters=SearchFilters(speaker=person.slug, kind=Passage.Kind.TRANSCRIPT),
        include_drafts=include_drafts,
    )
    rows = Passage.objects.select_related("event", "person").in_bulk(ranked.ids)
    ordered = sorted((rows[i] for i in ranked.ids if i in rows), key=lambda row: not row.in_brief)
    words = ranked.terms.all_words()
    results = [Result(row, ranked.scores[row.pk], words) for row in ordered[:limit]]
    return PersonPassages(person, query, results, len(ordered))
