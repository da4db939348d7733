"""The archive through HTTP: search, filters, JSON, ask, speaker pages, visibility and index updates.

Runs on SQLite (FTS5) and on PostgreSQL (tsvector + GIN) alike:
``PODIUM_DB=postgres PODIUM_DB_NAME=podium_archive pytest tests/site/archive``.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command

from podium.archive.models import Passage
from podium.briefs.domain import briefs as workflow
from podium.briefs.domain import transitions
from podium.demo.media import SCRIPT
from podium.events.models import Event, Person, Topic
from tests.site.archive.conftest import add_panel
from tests.site.briefs.conftest import PANEL_MAP, make_user, panel_vtt
from tests.support.openai_stub import OpenAIStub, faithful_framing, invented_framing

pytestmark = pytest.mark.django_db

SEARCH = "/search/"
SPOKEN: dict[str, str] = {}
for _label, _text in SCRIPT:
    SPOKEN[PANEL_MAP[_label]] = SPOKEN.get(PANEL_MAP[_label], "") + " " + _text
"""Everything each panellist said, by name."""


@pytest.fixture
def published(editor, on_commit):
    return add_panel(editor=editor, on_commit=on_commit, publish=True)


@pytest.fixture
def draft(editor, on_commit):
    return add_panel(editor=editor, on_commit=on_commit, publish=False, title="Draft panel")


def hits(response) -> list[str]:
    return re.findall(r'data-hit="(\d+)"', response.content.decode())


def test_a_published_transcript_is_found_with_speaker_time_seek_link_and_highlights(
    client, published
):
    response = client.get(SEARCH, {"q": "salt in the aquifers"})
    assert response.status_code == 200
    html = response.content.decode()
    assert published.title in html
    assert "David Chen" in html
    link = re.search(rf'href="(/events/{published.slug}/\?t=(\d+)#recording)"', html)
    assert link, "each hit links to the event page at its moment"
    assert "<mark>aquifers</mark>" in html and "<mark>salt</mark>" in html
    first = Passage.objects.get(pk=hits(response)[0])
    assert first.event == published and "aquifers" in first.text
    assert abs(int(link.group(2)) - int(first.start)) <= 1 or first.kind == "brief"


def test_drafts_are_hidden_from_the_public_and_found_by_staff(client, draft):
    assert hits(client.get(SEARCH, {"q": "desalination plant"})) == []
    data = client.get("/search.json", {"q": "desalination plant"}).json()
    assert data["count"] == 0 and data["results"] == []
    client.force_login(make_user("events_staff"))
    response = client.get(SEARCH, {"q": "desalination plant"})
    assert hits(response) and "Draft" in response.content.decode()
    assert all(
        not r["public"] for r in client.get("/search.json", {"q": "desalination"}).json()["results"]
    )


def test_unpublishing_removes_the_event_from_public_search(client, published, editor, on_commit):
    assert hits(client.get(SEARCH, {"q": "desalination plant"}))
    with on_commit():
        transitions.unpublish(brief=workflow.ensure_brief(published), user=editor)
    assert hits(client.get(SEARCH, {"q": "desalination plant"})) == []
    assert (
        client.get("/search/ask.json", {"q": "Is desalination the answer?"}).json()["quotes"] == []
    )


def test_a_new_transcript_replaces_the_old_words_in_the_index(client, published, editor, on_commit):
    edited = panel_vtt().replace("desalination plant", "floating tidal barrage")
    with on_commit():
        workflow.add_transcript(event=published, text=edited, filename="edited.vtt", user=editor)
    found = client.get("/search.json", {"q": '"floating tidal barrage"'}).json()
    assert found["count"] >= 1 and found["results"][0]["event"]["slug"] == published.slug
    transcript_hits = [
        r
        for r in client.get("/search.json", {"q": '"desalination plant"'}).json()["results"]
        if r["kind"] == "transcript"
    ]
    assert transcript_hits == []


def test_filters_by_speaker_topic_date_and_event_type(client, published, editor, on_commit):
    other = add_panel(
        editor=editor,
        on_commit=on_commit,
        publish=True,
        title="Online panel",
        venue_name="",
        online_url="https://example.org/live",
        starts_at=published.starts_at - dt.timedelta(days=400),
    )
    topic = Topic.objects.create(name="Water", slug="water")
    with on_commit():
        other.topics.add(topic)

    def events_of(**params):
        data = client.get("/search.json", {"q": "water", **params}).json()
        return {r["event"]["slug"] for r in data["results"]}, data

    assert events_of()[0] == {published.slug, other.slug}
    assert events_of(topic="water")[0] == {other.slug}
    assert events_of(type="online")[0] == {other.slug}
    assert events_of(type="in-person")[0] == {published.slug}
    recent = (published.starts_at - dt.timedelta(days=30)).date().isoformat()
    assert events_of(date_from=recent)[0] == {published.slug}
    okafor = Person.objects.get(name="Amara Okafor")
    slugs, data = events_of(speaker=okafor.slug)
    assert data["results"] and {r["speaker"] for r in data["results"]} == {"Amara Okafor"}
    bad = client.get(
        "/search.json", {"q": "water", "date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert bad.status_code == 400 and "date_to" in bad.json()["fields"]
    assert client.get("/search.json").status_code == 400


def test_results_are_paginated_with_a_permalink(client, published, editor, on_commit):
    add_panel(editor=editor, on_commit=on_commit, publish=True, title="Second panel")
    first = client.get("/search.json", {"q": "water salt price power"}).json()
    assert first["count"] > 20 and first["pages"] >= 2 and first["next"]
    second = client.get(first["next"]).json()
    assert second["page"] == 2
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    page = client.get(SEARCH, {"q": "water salt price power", "topic": "", "page": 2})
    html = page.content.decode()
    assert "page 2 of" in html and 'rel="next"' in html or "Previous" in html
    assert "data-permalink" in html and "q=water+salt+price+power" in html


def test_ask_answers_with_verified_attributed_quotes_across_events(
    client, published, editor, on_commit
):
    other = add_panel(editor=editor, on_commit=on_commit, publish=True, title="Harbour panel")
    data = client.get("/search/ask.json", {"q": "Who pays when the tap water turns salty?"}).json()
    assert data["answered"] and 2 <= len(data["quotes"]) <= 5
    assert data["framing"].startswith("On “Who pays when the tap water turns salty”")
    assert {q["event"]["slug"] for q in data["quotes"]} <= {published.slug, other.slug}
    for quote in data["quotes"]:
        said = SPOKEN[quote["speaker"]]
        assert quote["text"].rstrip("…") in said, "verbatim, from the person it is attributed to"
        assert re.search(
            rf"/events/{quote['event']['slug']}/\?t={int(quote['start'])}#recording$", quote["url"]
        )
        assert quote["checks"][0].startswith("Found verbatim") and quote["checks"][1].startswith(
            f"Spoken by {quote['speaker']}"
        )
    page = client.get(SEARCH, {"q": "Who pays when the tap water turns salty?", "ask": "1"})
    html = page.content.decode()
    assert "data-answer" in html and html.count("data-quote") == len(data["quotes"])


def test_with_an_llm_configured_the_framing_is_the_models_only_when_verified(
    client, published, monkeypatch
):
    question = "Who pays when the tap water turns salty?"
    with OpenAIStub(responder=faithful_framing) as stub:
        monkeypatch.setenv("PODIUM_LLM_BASE_URL", stub.base_url)
        monkeypatch.setenv("PODIUM_LLM_MODEL", "stub")
        data = client.get("/search/ask.json", {"q": question}).json()
        page = client.get(SEARCH, {"q": question, "ask": "1"}).content.decode()
    assert data["answered"] and data["framed_by"] == "llm"
    first = min(data["quotes"], key=lambda q: len(q["text"]))
    assert data["framing"] == f"{first['speaker']} said that {first['text'].rstrip('….')}."
    assert 'data-framed-by="llm"' in page and "written by a language model" in page
    with OpenAIStub(responder=invented_framing) as stub:
        monkeypatch.setenv("PODIUM_LLM_BASE_URL", stub.base_url)
        data = client.get("/search/ask.json", {"q": question}).json()
    assert len(stub.requests) == 2, "one more try, then the fixed sentence"
    assert data["framed_by"] == "fixed" and "Joe Bloggs" not in data["framing"]
    assert data["framing"].startswith("On “Who pays when the tap water turns salty”")


def test_ask_never_quotes_a_draft(client, draft):
    data = client.get("/search/ask.json", {"q": "Is desalination the answer for mayors?"}).json()
    assert data["quotes"] == [] and not data["answered"]


def test_the_speaker_page_shows_what_they_said_quotes_in_the_brief_first(client, published):
    chen = Person.objects.get(name="David Chen")
    page = client.get(chen.get_absolute_url())
    html = page.content.decode()
    assert "What David Chen said" in html
    said = [Passage.objects.get(pk=pk) for pk in re.findall(r'data-said="(\d+)"', html)]
    assert said and all(p.person == chen for p in said)
    assert said[0].in_brief and "eight already pump water" in said[0].text
    searched = client.get(chen.get_absolute_url(), {"said": "well field decades"}).content.decode()
    found = [Passage.objects.get(pk=pk) for pk in re.findall(r'data-said="(\d+)"', searched)]
    assert any("well field" in p.text for p in found)
    assert 'value="well field decades"' in searched


def test_reindex_rebuilds_every_event(published, draft):
    before = Passage.objects.filter(event=published).count()
    Passage.objects.all().delete()
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert f"{published.slug}: {before} passages" in out.getvalue()
    assert Passage.objects.filter(event=published, is_public=True).count() == before
    assert Passage.objects.filter(event=draft, is_public=False).exists()


def test_an_event_back_to_draft_leaves_public_search(client, published, on_commit):
    with on_commit():
        published.status = Event.Status.DRAFT
        published.save()
    assert hits(client.get(SEARCH, {"q": "desalination plant"})) == []


def test_a_question_naming_a_speaker_puts_that_speakers_passages_first(client, published):
    amara, david = PANEL_MAP["SPEAKER_02"], PANEL_MAP["SPEAKER_01"]
    # both talk about salt water; David's passage says it more often
    plain = client.get("/search.json", {"q": "salt water"}).json()["results"]
    assert plain[0]["speaker"] == david
    named = client.get("/search.json", {"q": f"What did {amara} say about salt water?"}).json()
    assert named["results"][0]["speaker"] == amara, [r["speaker"] for r in named["results"]]


def test_the_hybrid_ranking_lifts_passages_of_the_event_holding_its_top(editor, on_commit):
    from podium.archive.domain.search import rank
    from podium.engine.search.fusion import (
        FUSION_WEIGHTS,
        event_prior,
        reciprocal_rank_fusion,
    )

    water = add_panel(editor=editor, on_commit=on_commit, publish=True)
    other = panel_vtt().replace("salt", "sand").replace("aquifers", "archives")
    add_panel(editor=editor, on_commit=on_commit, publish=True, title="Other panel", vtt=other)
    ranked = rank("salt water in the aquifers")
    fused = reciprocal_rank_fusion([ranked.lexical, ranked.semantic], weights=FUSION_WEIGHTS)
    events = dict(Passage.objects.values_list("id", "event_id"))
    expected = event_prior(fused, events.__getitem__)
    assert ranked.scores == pytest.approx(dict(expected))
    # the event that holds the words leads, and its passages gained the most
    assert events[ranked.ids[0]] == water.pk
    lift = {i: ranked.scores[i] - s for i, s in fused}
    best = max(lift, key=lift.get)
    assert events[best] == water.pk and lift[best] > 0
