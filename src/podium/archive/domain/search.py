"""Hybrid search over the archive's passages: full text fused with MiniLM similarity.

Lexical ranking is the database's own full-text search: SQLite FTS5 (BM25,
Porter stemming) on the default database, PostgreSQL full-text search
(``websearch_to_tsquery`` over a stored ``tsvector`` with a GIN index,
ranked by ``ts_rank_cd``) on PostgreSQL. Semantic ranking reads the passages'
float32 MiniLM vectors held in memory per process (`VectorCache`, brought up
to date when `IndexState.token` changes: only the changed events' rows are
re-read when the process's version is among the recent changes): an exact
numpy scan for archives under `ann.EXACT_BELOW` passages and for filters
that leave few rows, otherwise an approximate faiss IVF index
(`podium.engine.search.ann`) built in a background thread from the loaded
matrix and saved under the data directory,
so the next process with the same token reads it instead of building it (the
exact scan serves while it builds). Memory: 1.5 KB a passage, plus 0.4 KB for
the index. When the query names a speaker
("where Panda talked about the nuclear threshold"), a third ranking holds
that speaker's passages by meaning. The rankings are fused by reciprocal rank,
then the passages of the events holding most of the fused top are raised
(`podium.engine.search.fusion.event_prior`).

Visibility is decided here and nowhere else: without ``include_drafts`` only
passages with ``is_public`` (published brief, public event) are searched.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.db import connection
from django.db.models import Q

from podium.archive.models import IndexState, Passage
from podium.engine.embed import DIMENSIONS
from podium.engine.search.ann import EXACT_BELOW, AnnIndex, cells_for, nearest
from podium.engine.search.fusion import (
    FUSION_WEIGHTS,
    SPEAKER_WEIGHT,
    event_prior,
    reciprocal_rank_fusion,
)
from podium.engine.search.semantic import from_bytes
from podium.engine.search.terms import (
    SearchTerms,
    content_query,
    mentioned_speakers,
    parse_terms,
)

POOL = 100
"""How deep each ranking goes before fusion."""
MIN_SIMILARITY = 0.2
"""Below this cosine a passage is not "about" the query (MiniLM scores unrelated text near 0)."""
MAX_RESULTS = 200
LOAD_CHUNK = 5000
"""Passages read from the database at a time when loading the vectors."""
MODES = ("hybrid", "lexical", "semantic")
EVENT_TYPES = {"in-person": "In person", "online": "Online", "hybrid": "In person and online"}


@dataclass(slots=True)
class SearchFilters:
    speaker: str = ""
    """A person's slug."""
    topic: str = ""
    """A topic's slug."""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_type: str = ""
    """One of `EVENT_TYPES`."""
    kind: str = ""
    """``transcript`` or ``brief``; empty for both."""
    event_ids: list[int] | None = None

    @property
    def on_events(self) -> bool:
        return bool(self.topic or self.date_from or self.date_to or self.event_type)


@dataclass(slots=True)
class Ranked:
    ids: list[int]
    scores: dict[int, float]
    terms: SearchTerms
    lexical: list[int] = field(default_factory=list)
    semantic: list[int] = field(default_factory=list)


def allowed_events(filters: SearchFilters, *, include_drafts: bool) -> list[int] | None:
    """Event ids the filters allow, or None when they do not restrict events."""
    from podium.events.models import Event

    if not filters.on_events and filters.event_ids is None:
        return None
    events = Event.objects.all()
    if not include_drafts:
        events = events.exclude(status=Event.Status.DRAFT)
    if filters.event_ids is not None:
        events = events.filter(pk__in=filters.event_ids)
    if filters.topic:
        events = events.filter(topics__slug=filters.topic)
    if filters.date_from:
        events = events.filter(starts_at__date__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(starts_at__date__lte=filters.date_to)
    online = Q(online_url__gt="")
    venue = Q(venue_name__gt="")
    if filters.event_type == "online":
        events = events.filter(online & ~venue)
    elif filters.event_type == "in-person":
        events = events.filter(venue & ~online)
    elif filters.event_type == "hybrid":
        events = events.filter(venue & online)
    return list(events.values_list("pk", flat=True).distinct())


def person_id(slug: str) -> int | None:
    from podium.events.models import Person

    return Person.objects.filter(slug=slug).values_list("pk", flat=True).first() if slug else None


def rank(
    query: str,
    *,
    filters: SearchFilters | None = None,
    include_drafts: bool = False,
    mode: str = "hybrid",
    weights: tuple[float, float] = FUSION_WEIGHTS,
    query_vector: np.ndarray | None = None,
) -> Ranked:
    """Passage ids best first (at most `MAX_RESULTS`) for `query` under `filters`."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    filters = filters or SearchFilters()
    terms = parse_terms(query)
    if mode != "lexical":  # the rankings read the query without its scaffolding and named speakers
        VECTORS.load()
        content = content_query(query, VECTORS.speaker_names)
    else:
        content = query
    search_terms = parse_terms(content)
    events = allowed_events(filters, include_drafts=include_drafts)
    person = person_id(filters.speaker)
    if (filters.speaker and person is None) or events == [] or terms.empty:
        return Ranked([], {}, terms)
    lexical: list[int] = []
    semantic: list[int] = []
    spoken: list[int] = []
    if mode in ("hybrid", "lexical"):
        lexical = lexical_ranking(
            search_terms,
            events=events,
            person=person,
            kind=filters.kind,
            include_drafts=include_drafts,
        )
    if mode in ("hybrid", "semantic"):
        if query_vector is None:
            from podium.engine.embed import embed

            query_vector = embed([content])[0]
        semantic = VECTORS.rank(
            query_vector,
            events=events,
            person=person,
            kind=filters.kind,
            include_drafts=include_drafts,
        )
        named = mentioned_speakers(query, VECTORS.speaker_names)
        if named and mode == "hybrid":  # "where Panda talked about …": that speaker's passages
            spoken = VECTORS.rank(
                query_vector,
                events=events,
                person=person,
                kind=filters.kind,
                include_drafts=include_drafts,
                speakers=named,
            )
    if terms.phrases:  # "quoted phrases" are required: meaning alone does not qualify a passage
        matching = (
            set(lexical)
            if mode == "hybrid"
            else set(
                lexical_ranking(
                    search_terms,
                    events=events,
                    person=person,
                    kind=filters.kind,
                    include_drafts=include_drafts,
                )
            )
        )
        semantic = [i for i in semantic if i in matching]
        spoken = [i for i in spoken if i in matching]
    if mode == "lexical":
        fused = [(i, 1.0 / (60 + r)) for r, i in enumerate(lexical, 1)]
    elif mode == "semantic":
        fused = [(i, 1.0 / (60 + r)) for r, i in enumerate(semantic, 1)]
    else:
        fused = reciprocal_rank_fusion(
            [lexical, semantic, spoken], weights=(*weights, SPEAKER_WEIGHT)
        )
        events_of = VECTORS.events_of([i for i, _ in fused])
        fused = event_prior(fused, lambda i: events_of.get(i, 0))
    fused = fused[:MAX_RESULTS]
    return Ranked([i for i, _ in fused], dict(fused), search_terms, lexical, semantic)


# --- lexical: the database's full-text search --------------------------------------------


def lexical_ranking(
    terms: SearchTerms,
    *,
    events: list[int] | None,
    person: int | None,
    kind: str = "",
    include_drafts: bool = False,
    limit: int = POOL,
) -> list[int]:
    conditions, params = [], []
    if not include_drafts:
        conditions.append("p.is_public")
    if events is not None:
        conditions.append(f"p.event_id IN ({', '.join(['%s'] * len(events))})")
        params.extend(events)
    if person is not None:
        conditions.append("p.person_id = %s")
        params.append(person)
    if kind:
        conditions.append("p.kind = %s")
        params.append(kind)
    where = "".join(f" AND {c}" for c in conditions)
    if connection.vendor == "postgresql":
        sql, all_params = _postgres_lexical(terms, where, params, limit)
    elif connection.vendor == "sqlite":
        sql = (
            "SELECT p.id FROM archive_passage_fts f JOIN archive_passage p ON p.id = f.rowid "
            f"WHERE archive_passage_fts MATCH %s{where} ORDER BY bm25(archive_passage_fts), p.id "
            "LIMIT %s"
        )
        all_params = [terms.fts5(), *params, limit]
    else:  # another database: no full-text index, semantic ranking only
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, all_params)
        return [row[0] for row in cursor.fetchall()]


CANDIDATES = 4000
"""PostgreSQL: at most this many passages matching the query's rarest words are ranked."""
STATS_SECONDS = 600.0
"""PostgreSQL: how long a process trusts its copy of the word frequencies (`pg_stats`)."""


class _WordStats:
    """How common each lexeme is, from PostgreSQL's own statistics on the ``search`` column.

    ``ANALYZE`` (autovacuum) keeps the most common lexemes of a ``tsvector``
    column with the share of rows holding each (``pg_stats.most_common_elems``,
    migration 0003 raises the column's statistics target so that list is long);
    a lexeme not in the list is rarer than the last one listed.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._loaded_at = -STATS_SECONDS
        self.share: dict[str, float] = {}
        self.floor = 0.0
        self.rows = 0

    def load(self) -> None:
        import time

        if time.monotonic() - self._loaded_at < STATS_SECONDS:
            return
        with self._lock, connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs "
                "FROM pg_stats WHERE tablename = 'archive_passage_fulltext' AND attname = 'search'"
            )
            row = cursor.fetchone()
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE relname = 'archive_passage_fulltext'"
            )
            self.rows = max(int(cursor.fetchone()[0]), 0)
            if row and row[0]:
                words, shares = row
                self.share = dict(zip(words, shares[: len(words)], strict=True))
                self.floor = min(shares[: len(words)])
            else:  # never analysed: every word counts as rare, the candidate cap still bounds
                self.share, self.floor = {}, 0.0
            self._loaded_at = time.monotonic()

    def rows_with(self, lexeme: str) -> float:
        return self.share.get(lexeme, self.floor) * self.rows


WORD_STATS = _WordStats()


def _postgres_lexical(terms: SearchTerms, where: str, params: list, limit: int) -> tuple[str, list]:
    """Rank with ``ts_rank_cd`` only the passages that match the query's rarest words.

    Ranking every passage that holds any of a question's words means, at ten
    million words, tens of thousands of rows for a question with common words.
    Instead the optional words are taken rarest first (`WORD_STATS`) while the
    passages holding them stay under `CANDIDATES`; those passages (at most
    `CANDIDATES`, which also bounds a query whose every word is common) are
    ranked against the whole query. A passage with none of the rare words can
    still come through the semantic ranking. The rows come from the narrow
    `archive_passage_fulltext` table (migration 0003), not the wide passages.
    """
    required, optional = terms.websearch()
    words = [w for w in (optional.split(" or ") if optional else []) if w]
    chosen = words
    if len(words) > 1:
        WORD_STATS.load()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT w, coalesce(tsvector_to_array(to_tsvector('english', w)), '{}') "
                "FROM unnest(%s::text[]) AS w",
                [words],
            )
            lexemes = dict(cursor.fetchall())
        counted = sorted(
            words,
            key=lambda w: max((WORD_STATS.rows_with(x) for x in lexemes.get(w) or []), default=0),
        )
        chosen, total = [], 0.0
        for word in counted:
            rows = max((WORD_STATS.rows_with(x) for x in lexemes.get(word) or []), default=0)
            if chosen and total + rows > CANDIDATES:
                break
            chosen.append(word)
            total += rows
    match_parts, match_params = [], []
    if required:
        match_parts.append("p.search @@ websearch_to_tsquery('english', %s)")
        match_params.append(required)
    if chosen:
        match_parts.append("p.search @@ websearch_to_tsquery('english', %s)")
        match_params.append(" or ".join(chosen))
    rank_parts, rank_params = [], []
    if required:
        rank_parts.append("websearch_to_tsquery('english', %s)")
        rank_params.append(required)
    if optional:
        rank_parts.append("websearch_to_tsquery('english', %s)")
        rank_params.append(optional)
    rank_query = rank_parts[0] if len(rank_parts) == 1 else f"({rank_parts[0]} && {rank_parts[1]})"
    sql = (
        "SELECT c.passage_id FROM (SELECT p.passage_id, p.search FROM archive_passage_fulltext p "
        f"WHERE {' AND '.join(match_parts)}{where} LIMIT %s) c "
        f"ORDER BY ts_rank_cd(c.search, {rank_query}) DESC, c.passage_id LIMIT %s"
    )
    return sql, [*match_params, *params, CANDIDATES, *rank_params, limit]


# --- semantic: vectors in memory ---------------------------------------------------------------


class VectorCache:
    """Every passage's vector and filter columns as numpy arrays, kept in step with the index.

    A change of the passages (`IndexState`) is caught up with incrementally
    when the process's version is among the state's recent changes and they
    are all one event's: the rows of the changed events are marked dead
    (`live`, and never public), their current rows are read and appended, and
    an approximate index in use gets the new vectors added. Otherwise, or when
    dead rows would pass `compact_share` of the matrix and `compact_rows`,
    everything is reloaded (compacted).

    Above `EXACT_BELOW` passages it also holds an `AnnIndex` over the matrix,
    read from ``DATA_DIR/archive-vectors/<database>-<token>.faiss`` when a
    process already built it for this token, otherwise built in a background
    thread (reusing the k-means cells saved in ``<database>-trained.faiss``
    while the archive's size stays within a factor of two of the one they
    were trained on) and saved there; until it is ready the scan is exact.
    Only an index of a full load is saved (rows appended since have
    other positions in a fresh process).
    """

    def __init__(self, *, compact_share: float = 0.2, compact_rows: int = 10_000):
        self.compact_share = compact_share
        self.compact_rows = compact_rows
        """Dead rows above this share of the matrix and this count: reload everything instead."""
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._version: int | None = None
        self._base: tuple | None = None
        """The key of the last full load: rows since then are appended, never moved."""
        self._buffer = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self.events = np.zeros(0, dtype=np.int64)
        self.people = np.zeros(0, dtype=np.int64)
        self.public = np.zeros(0, dtype=bool)
        self.brief = np.zeros(0, dtype=bool)
        self.live = np.zeros(0, dtype=bool)
        self.dead = 0
        self.speaker_codes = np.zeros(0, dtype=np.int32)
        self.speaker_names: list[str] = []
        self.index: AnnIndex | None = None
        self._building: threading.Thread | None = None
        self.index_seconds: float | None = None
        """How long this process took to read or build the current index."""
        self._by_id: tuple[np.ndarray, np.ndarray] | None = None
        """The ids sorted, and their rows (`events_of`); None until asked after a change."""
        self.last_load: tuple[str, int] = ("none", 0)
        """How the last change was caught up with: ("full" or "incremental", rows read)."""

    def _database(self) -> tuple:
        return (connection.alias, connection.settings_dict.get("NAME"))

    def _current_key(self) -> tuple:
        token = IndexState.objects.filter(pk=1).values_list("token", flat=True).first()
        return (*self._database(), token or "")

    def load(self) -> None:
        if self._current_key() == self._key:
            return
        with self._lock:
            state = (
                IndexState.objects.filter(pk=1).values_list("token", "version", "recent").first()
            )
            token, version, recent = state or ("", 0, [])
            key = (*self._database(), token or "")
            if key == self._key:
                return
            changed = self._changed_events(key, version, recent)
            if changed is None or not self._append(changed):
                self._load_all(key)
            self._key, self._version = key, version

    def _changed_events(self, key: tuple, version: int, recent: list) -> set[int] | None:
        """The events changed since this process's version, or None when that is not known."""
        if self._key is None or self._version is None or self._key[:2] != key[:2]:
            return None
        changes = {entry[0]: entry for entry in recent}
        mine = changes.get(self._version)
        if mine is None or mine[2] != self._key[2]:  # not our history (a reset database)
            return None
        events = set()
        for number in range(self._version + 1, version + 1):
            entry = changes.get(number)
            if entry is None or entry[1] is None:
                return None
            events.add(int(entry[1]))
        return events

    def _rows(self, queryset):
        return queryset.order_by("id").values_list(
            "id", "event_id", "person_id", "is_public", "kind", "vector", "speaker"
        )

    @staticmethod
    def _columns(rows: list[tuple]) -> tuple[np.ndarray, ...]:
        """ids, events, people (0 for none), public and brief flags of rows of `_rows`."""
        return (
            np.array([r[0] for r in rows], dtype=np.int64),
            np.array([r[1] for r in rows], dtype=np.int64),
            np.array([r[2] or 0 for r in rows], dtype=np.int64),
            np.array([r[3] for r in rows], dtype=bool),
            np.array([r[4] == Passage.Kind.BRIEF for r in rows], dtype=bool),
        )

    def _append(self, events: set[int]) -> bool:
        """Replace the rows of `events` by their current rows; False when a full reload is due."""
        gone = np.isin(self.events, np.array(sorted(events), dtype=np.int64)) & self.live
        rows = list(self._rows(Passage.objects.filter(event_id__in=events)))
        total = len(self.ids) + len(rows)
        dead = self.dead + int(gone.sum())
        if dead > self.compact_share * total and dead > self.compact_rows:
            return False
        names = sorted(set(self.speaker_names) | {r[6] for r in rows if r[6]})
        number = {name: n for n, name in enumerate(names, 1)}
        renumber = np.array([0] + [number[name] for name in self.speaker_names], dtype=np.int32)
        block = from_bytes([r[5] for r in rows])
        filled = len(self.ids)
        if total > len(self._buffer):
            grown = np.empty((total + max(1024, total // 10), DIMENSIONS), dtype=np.float32)
            grown[:filled] = self.matrix
            self._buffer = grown
        self._buffer[filled:total] = block  # past the rows a running index build reads
        ids, events, people, public, brief = self._columns(rows)
        live = np.concatenate([self.live & ~gone, np.ones(len(rows), dtype=bool)])
        public = np.concatenate([self.public & ~gone, public])
        arrays = (
            np.concatenate([self.ids, ids]),
            np.concatenate([self.events, events]),
            np.concatenate([self.people, people]),
            np.concatenate([self.brief, brief]),
            np.concatenate(
                [
                    renumber[self.speaker_codes],
                    np.array([number.get(r[6], 0) for r in rows], dtype=np.int32),
                ]
            ),
        )
        index = self.index
        if index is not None and len(rows):
            index = index.appended(block)
        self.ids, self.events, self.people, self.brief, self.speaker_codes = arrays
        self.public, self.live, self.dead = public, live, dead
        self.speaker_names = names
        self.matrix = self._buffer[:total]
        self.index = index
        self._by_id = None
        self.last_load = ("incremental", len(rows))
        building = self._building is not None and self._building.is_alive()
        if self.index is None and not building and total >= EXACT_BELOW:
            self._start_build(self._base, self.matrix, save=False)
        return True

    def _load_all(self, key: tuple) -> None:
        # In chunks, each turned into arrays at once: holding every row as Python objects
        # first would need several times the matrix's memory (and keep it: freed small
        # objects rarely go back to the system).
        rows = self._rows(Passage.objects.all())
        columns: list[list[np.ndarray]] = [[] for _ in range(6)]
        speakers: dict[str, int] = {}
        chunk: list[tuple] = []

        def flush() -> None:
            nonlocal matrix, filled
            for parts, column in zip(columns[:5], self._columns(chunk), strict=True):
                parts.append(column)
            columns[5].append(
                np.array([speakers.setdefault(r[6], len(speakers)) for r in chunk], np.int32)
            )
            block = from_bytes([r[5] for r in chunk])
            if filled + len(block) > len(matrix):  # rows added since the count
                matrix = np.concatenate([matrix[:filled], block])
            else:
                matrix[filled : filled + len(block)] = block
            filled += len(block)
            chunk.clear()

        # Straight into one preallocated matrix: collecting blocks and concatenating them
        # would leave the blocks' memory with the process (measured: +350 MB at 238,900).
        # The spare rows take no memory until later changes append into them.
        count = Passage.objects.count()
        matrix = np.empty((count + max(1024, count // 10), DIMENSIONS), dtype=np.float32)
        filled = 0
        for row in rows.iterator(chunk_size=LOAD_CHUNK):
            chunk.append(row)
            if len(chunk) == LOAD_CHUNK:
                flush()
        flush()
        self.ids, self.events, self.people, self.public, self.brief, codes = (
            np.concatenate(parts) for parts in columns
        )
        # speaker codes numbered by sorted name, 0 for none
        self.speaker_names = sorted(name for name in speakers if name)
        renumber = np.zeros(len(speakers), dtype=np.int32)
        for number, name in enumerate(self.speaker_names, 1):
            renumber[speakers[name]] = number
        self.speaker_codes = renumber[codes] if len(codes) else codes
        self._buffer = matrix
        self.matrix = matrix[:filled]
        self.live = np.ones(filled, dtype=bool)
        self.dead = 0
        self.index = None
        self._by_id = None
        self._base = key
        self.last_load = ("full", filled)
        if filled >= EXACT_BELOW:
            self._start_index(key, self.matrix)

    # --- the approximate index ---------------------------------------------------------------

    @staticmethod
    def _paths(key: tuple) -> tuple[Path, Path]:
        from django.conf import settings

        folder = Path(settings.DATA_DIR) / "archive-vectors"
        database = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{key[0]}-{Path(str(key[1])).name}")
        return folder / f"{database}-{key[2]}.faiss", folder / f"{database}-trained.faiss"

    def _start_index(self, key: tuple, matrix: np.ndarray) -> None:
        path, _ = self._paths(key)
        if path.exists():
            started = time.perf_counter()
            try:
                index = AnnIndex.read(path)
            except RuntimeError:  # unreadable (a crash mid-write leaves only .partial files)
                index = None
            if index is not None and index.rows == matrix.shape[0]:
                self.index, self.index_seconds = index, time.perf_counter() - started
                return
        self._start_build(key, matrix, save=True)

    def _start_build(self, key: tuple, matrix: np.ndarray, *, save: bool) -> None:
        self._building = threading.Thread(
            target=self._build_index,
            args=(key, matrix),
            kwargs={"save": save},
            name="archive-ann",
            daemon=True,
        )
        self._building.start()

    def _build_index(self, key: tuple, matrix: np.ndarray, *, save: bool = True) -> None:
        started = time.perf_counter()
        path, trained_path = self._paths(key)
        trained = None
        if trained_path.exists():
            try:
                trained = AnnIndex.read(trained_path)
            except RuntimeError:
                trained = None
            wanted = cells_for(matrix.shape[0])
            if trained is not None and not wanted / 2 <= trained.nlist <= wanted * 2:
                trained = None  # the archive grew or shrank too much: new cells
        if trained is None:
            trained = AnnIndex.train(matrix)
            trained.save(trained_path)
        index = trained.filled(matrix)
        if save:
            index.save(path)
            for old in path.parent.glob(
                f"{trained_path.name.removesuffix('trained.faiss')}*.faiss"
            ):
                if old not in (path, trained_path):
                    old.unlink(missing_ok=True)
        with self._lock:
            if self._base == key:  # rows appended since the build started are added now
                if index.rows < len(self.ids):
                    index = index.appended(self.matrix[index.rows :])
                self.index, self.index_seconds = index, time.perf_counter() - started

    def wait_for_index(self, timeout: float | None = None) -> bool:
        """Block until a background build finishes; whether an index is in use."""
        building = self._building
        if building is not None:
            building.join(timeout)
        return self.index is not None

    def events_of(self, ids: list[int]) -> dict[int, int]:
        """The event of each passage id (of the loaded live rows) in `ids`."""
        ordered = self._by_id
        if ordered is None or len(ordered[0]) != len(self.ids):  # once per change of the rows
            order = np.argsort(self.ids, kind="stable")
            ordered = self._by_id = (self.ids[order], order)
        sorted_ids, order = ordered
        wanted = np.array(ids, dtype=np.int64)
        if not len(wanted) or not len(sorted_ids):
            return {}
        at = np.minimum(np.searchsorted(sorted_ids, wanted), len(sorted_ids) - 1)
        rows = order[at[sorted_ids[at] == wanted]]
        rows = rows[self.live[rows]]
        return dict(zip(self.ids[rows].tolist(), self.events[rows].tolist(), strict=True))

    @property
    def nbytes(self) -> int:
        return int(self.matrix.nbytes)

    def rank(
        self,
        query_vector: np.ndarray,
        *,
        events: list[int] | None = None,
        person: int | None = None,
        kind: str = "",
        include_drafts: bool = False,
        limit: int = POOL,
        speakers: list[str] | None = None,
    ) -> list[int]:
        self.load()
        mask = None
        if not include_drafts:
            mask = self.public.copy()
        if events is not None:
            mask = _and(mask, np.isin(self.events, np.array(events, dtype=np.int64)))
        if person is not None:
            mask = _and(mask, self.people == person)
        if kind:
            mask = _and(mask, self.brief if kind == Passage.Kind.BRIEF else ~self.brief)
        if speakers is not None:
            codes = [n for n, name in enumerate(self.speaker_names, 1) if name in set(speakers)]
            mask = _and(mask, np.isin(self.speaker_codes, np.array(codes, dtype=np.int32)))
        if (
            self.dead
        ):  # rows of changed events, replaced by rows appended since (dead is never public)
            mask = _and(mask, self.live)
        ranked = nearest(query_vector, self.matrix, index=self.index, limit=limit, mask=mask)
        return [int(self.ids[row]) for row, score in ranked if score >= MIN_SIMILARITY]


def _and(mask: np.ndarray | None, other: np.ndarray) -> np.ndarray:
    return other if mask is None else mask & other


VECTORS = VectorCache()
"""The process's vector cache (one per process; workers and web processes each load their own)."""
