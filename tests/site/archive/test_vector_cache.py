"""A process's vector cache catches up with one event's change by re-reading only that event.

Each test compares the cache after an incremental catch-up with a fresh
cache loaded in full from the same database: the same live rows, columns and
vectors, and the same semantic rankings. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import numpy as np
import pytest

from podium.archive.domain.indexing import bump_generation
from podium.archive.domain.search import VectorCache
from podium.archive.models import IndexState, Passage
from podium.briefs.domain import briefs as workflow
from podium.briefs.domain import transitions
from podium.engine.embed import embed
from tests.site.archive.conftest import add_panel
from tests.site.briefs.conftest import panel_vtt

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_events(editor, on_commit):
    first = add_panel(editor=editor, on_commit=on_commit, publish=True)
    second = add_panel(editor=editor, on_commit=on_commit, publish=True, title="Second panel")
    return first, second


def _live(cache: VectorCache) -> dict[int, tuple]:
    """Passage id → (event, person, public, brief, speaker, vector bytes) of the live rows."""
    out = {}
    for row in np.flatnonzero(cache.live):
        code = int(cache.speaker_codes[row])
        out[int(cache.ids[row])] = (
            int(cache.events[row]),
            int(cache.people[row]),
            bool(cache.public[row]),
            bool(cache.brief[row]),
            cache.speaker_names[code - 1] if code else "",
            cache.matrix[row].tobytes(),
        )
    return out


def _same_as_a_fresh_load(cache: VectorCache) -> None:
    fresh = VectorCache()
    fresh.load()
    assert fresh.last_load[0] == "full"
    assert _live(cache) == _live(fresh)
    assert len(cache.live) - int(cache.live.sum()) == cache.dead
    # the event of each passage (the event prior's lookup): current passages only
    everything = list(Passage.objects.values_list("id", "event_id"))
    dead_ids = [int(i) for i in cache.ids[~cache.live]]
    assert cache.events_of([i for i, _ in everything] + dead_ids) == dict(everything)
    rows = _live(fresh)
    for question in ("salt water in the aquifers", "who pays for desalination"):
        vector = embed([question])[0]
        for drafts in (False, True):
            got, want = (
                cache.rank(vector, include_drafts=drafts),
                fresh.rank(vector, include_drafts=drafts),
            )
            # the two panels say the same words, so tied passages may come in either order
            assert set(got) == set(want)
            assert [_cosine(rows[i][-1], vector) for i in got] == pytest.approx(
                [_cosine(rows[i][-1], vector) for i in want]
            )


def _cosine(blob: bytes, vector: np.ndarray) -> float:
    return float(np.frombuffer(blob, dtype=np.float32) @ vector)


def test_a_new_transcript_is_caught_up_by_reading_only_that_events_passages(
    two_events, editor, on_commit
):
    first, second = two_events
    cache = VectorCache()
    cache.load()
    assert cache.last_load == ("full", Passage.objects.count())
    edited = panel_vtt().replace("desalination plant", "floating tidal barrage")
    with on_commit():
        workflow.add_transcript(event=first, text=edited, filename="edited.vtt", user=editor)
    cache.load()
    assert cache.last_load == ("incremental", Passage.objects.filter(event=first).count())
    assert cache.dead > 0  # the event's old rows are kept, marked dead
    _same_as_a_fresh_load(cache)
    barrage = embed(["floating tidal barrage"])[0]
    top = Passage.objects.get(pk=cache.rank(barrage)[0])
    assert top.event == first and "barrage" in top.text


def test_unpublishing_and_deleting_an_event_are_caught_up_incrementally(
    two_events, editor, on_commit
):
    first, second = two_events
    cache = VectorCache()
    cache.load()
    with on_commit():
        transitions.unpublish(brief=workflow.ensure_brief(second), user=editor)
    cache.load()
    assert cache.last_load[0] == "incremental"
    _same_as_a_fresh_load(cache)
    vector = embed(["salt water"])[0]
    public = set(Passage.objects.filter(pk__in=cache.rank(vector)).values_list("event", flat=True))
    assert public == {first.pk}
    gone = set(Passage.objects.filter(event=second).values_list("pk", flat=True))
    second.delete()
    cache.load()
    assert cache.last_load == ("incremental", 0)
    assert not gone & set(cache.rank(vector, include_drafts=True))
    _same_as_a_fresh_load(cache)


def test_a_change_not_of_one_event_or_an_unknown_history_reloads_everything(two_events):
    cache = VectorCache()
    cache.load()
    bump_generation()  # a bulk change: which events is not recorded
    cache.load()
    assert cache.last_load == ("full", Passage.objects.count())
    # a history that is not this process's (the database was reset): a full reload too
    IndexState.objects.filter(pk=1).update(token="other", version=1, recent=[[1, None, "other"]])
    bump_generation(event_id=two_events[0].pk)
    cache.load()
    assert cache.last_load[0] == "full"
    _same_as_a_fresh_load(cache)


def test_many_changes_past_the_dead_share_compact_with_a_full_reload(two_events, editor, on_commit):
    first, second = two_events
    cache = VectorCache(compact_rows=0)  # compact as soon as a fifth of the rows are dead
    cache.load()
    kinds = []
    for number in range(4):  # each re-index of a whole event kills about half of the rows
        edited = panel_vtt().replace("desalination plant", f"tidal barrage {number}")
        with on_commit():
            workflow.add_transcript(
                event=first if number % 2 else second, text=edited, filename="e.vtt", user=editor
            )
        cache.load()
        kinds.append(cache.last_load[0])
        assert cache.dead <= cache.compact_share * len(cache.ids)
        _same_as_a_fresh_load(cache)
    assert "full" in kinds
