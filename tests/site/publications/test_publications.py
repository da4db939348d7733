"""Publications: listing filters, pages, drafts, feeds, staff workflow, related suggestions."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from podium.common.domain.embeddings import refresh_embedding, vector_of
from podium.publications.domain.publications import choose_related_publications, publication_text
from podium.publications.domain.related import related_publications
from podium.publications.models import Publication
from tests.site.common.factories import make_event, make_person, make_publication, make_user

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def library():
    return {
        "qa": make_publication(
            "In Pyongyang, Putin and Kim Tighten Ties, Pledge Mutual Defense",
            summary="Putin traveled to North Korea to deepen cooperation with the regime.",
            kind=Publication.Kind.QA,
            published_on=dt.date(2024, 6, 20),
            topics=["Global Policy"],
        ),
        "analysis": make_publication(
            "Changing North Korea’s Future Through Its Women",
            summary="Ordinary North Korean women may have a greater role to play.",
            kind=Publication.Kind.ANALYSIS,
            published_on=dt.date(2024, 5, 28),
            topics=["Gender", "Global Policy"],
        ),
        "report": make_publication(
            "Municipal Composting Programs",
            summary="How cities collect kitchen scraps and garden waste for compost.",
            kind=Publication.Kind.REPORT,
            published_on=dt.date(2023, 3, 1),
            topics=["Cities"],
        ),
        "draft": make_publication(
            "Unreleased Report on Sanctions",
            summary="North Korea sanctions evasion.",
            status=Publication.Status.DRAFT,
            published_on=dt.date(2024, 7, 1),
        ),
    }


def titles(response) -> set[str]:
    page = text(response)
    return {p.title for p in Publication.objects.all() if p.title in page}


def test_listing_filters_by_type_topic_year_and_text(client, library):
    url = reverse("publications:list")
    assert titles(client.get(url)) == {library[k].title for k in ("qa", "analysis", "report")}
    assert titles(client.get(url, {"kind": "question-and-answer"})) == {library["qa"].title}
    assert titles(client.get(url, {"topic": "gender"})) == {library["analysis"].title}
    assert titles(client.get(url, {"year": "2023"})) == {library["report"].title}
    assert titles(client.get(url, {"q": "compost"})) == {library["report"].title}
    assert titles(client.get(url, {"topic": "global-policy", "year": "2024"})) == {
        library["qa"].title,
        library["analysis"].title,
    }


def test_year_choices_come_from_published_publications(client, library):
    page = client.get(reverse("publications:list")).content.decode()
    assert '<option value="2024">2024</option>' in page
    assert '<option value="2023">2023</option>' in page


def test_htmx_requests_get_only_the_results(client, library):
    response = client.get(
        reverse("publications:list"), {"kind": "report"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "<html" not in page
    assert "Municipal Composting Programs" in page and "1 publication" in page


def test_card_shows_date_summary_type_and_topic_tags(client, library):
    page = text(client.get(reverse("publications:list")))
    assert "Thursday, June 20, 2024" in page
    assert "Type: Question and Answer" in page
    assert "Type: Analysis" in page
    assert ">Gender</a>" in page and ">Global Policy</a>" in page


def test_detail_page_and_drafts(client, library):
    author = make_person("Frank Aum")
    library["analysis"].authors.add(author)
    page = text(client.get(library["analysis"].get_absolute_url()))
    assert "Changing North Korea’s Future Through Its Women" in page and "Frank Aum" in page
    assert client.get(library["draft"].get_absolute_url()).status_code == 404
    staff = Client()
    staff.force_login(make_user("editor"))
    preview = staff.get(library["draft"].get_absolute_url())
    assert preview.status_code == 200 and "Preview" in text(preview)
    author_page = text(client.get(author.get_absolute_url()))
    assert "Changing North Korea’s Future Through Its Women" in author_page


def test_feeds_list_published_publications_only(client, library):
    rss = ET.fromstring(client.get(reverse("publications:feed")).content)
    names = [i.findtext("title") for i in rss.iter("item")]
    assert names == [library[k].title for k in ("qa", "analysis", "report")]
    atom = ET.fromstring(client.get(reverse("publications:feed_atom")).content)
    assert len(atom.findall("{http://www.w3.org/2005/Atom}entry")) == 3


def test_editors_create_and_publish_publications(client):
    client.force_login(make_user("editor"))
    response = client.post(
        reverse("staff:publication_create"),
        {
            "title": "A New Analysis",
            "kind": "analysis",
            "published_on": "2025-01-15",
            "summary": "Short.",
        },
    )
    assert response.status_code == 302
    publication = Publication.objects.get(title="A New Analysis")
    assert publication.status == Publication.Status.DRAFT and publication.slug == "a-new-analysis"
    assert Client().get(publication.get_absolute_url()).status_code == 404
    client.post(reverse("staff:publication_status", args=[publication.pk]), {"status": "published"})
    assert Client().get(publication.get_absolute_url()).status_code == 200


def test_users_without_a_role_cannot_publish(client, library):
    client.force_login(make_user())
    response = client.post(
        reverse("staff:publication_status", args=[library["draft"].pk]), {"status": "published"}
    )
    assert response.status_code == 403
    library["draft"].refresh_from_db()
    assert library["draft"].status == Publication.Status.DRAFT


def test_embedding_is_cached_until_the_text_changes(library):
    publication = library["qa"]
    assert vector_of(publication) is not None
    assert refresh_embedding(publication, text=publication_text(publication)) is False
    publication.summary = "Something else entirely."
    assert refresh_embedding(publication, text=publication_text(publication)) is True
    publication.refresh_from_db()
    assert abs(float(vector_of(publication) @ vector_of(publication)) - 1.0) < 1e-4


def test_related_publications_chosen_first_then_similar_ones(library):
    event = make_event(
        title="Russia and North Korea: A New Alliance",
        summary="Putin and Kim Jong Un sign a mutual defense treaty; what it means for Pyongyang.",
        related_suggestions=2,
    )
    choose_related_publications(event, publications=[library["analysis"], library["draft"]])
    related = related_publications(event)
    # The chosen draft is not shown; the chosen analysis comes first.
    assert related[0].publication == library["analysis"] and related[0].chosen
    suggested = [r.publication for r in related if not r.chosen]
    assert suggested == [library["qa"]]  # composting is not similar enough to be suggested
    assert related_publications(event, suggestions=0) == related[:1]


def test_event_page_shows_related_publications_and_view_all(client, library):
    event = make_event(
        title="North Korea and Russia", summary="Putin and Kim.", related_suggestions=0
    )
    choose_related_publications(event, publications=[library["qa"], library["analysis"]])
    page = text(client.get(event.get_absolute_url()))
    related = page.split("Related Publications", 1)[1]
    assert related.index(library["qa"].title) < related.index(library["analysis"].title)
    assert "Municipal Composting" not in related
    assert "View All Publications" in related


def test_events_staff_choose_related_publications(client, library):
    event = make_event(title="Chooser", related_suggestions=0)
    client.force_login(make_user("events_staff"))
    response = client.post(
        reverse("staff:event_related", args=[event.slug]), {"publications": [library["report"].pk]}
    )
    assert response.status_code == 302
    assert [r.publication for r in related_publications(event)] == [library["report"]]


def test_publications_saved_without_an_embedding_get_one_when_ranked(library):
    raw = Publication.objects.create(
        title="Kim Jong Un's Missile Tests",
        slug="kim-missile-tests",
        summary="North Korea launches ballistic missiles as Pyongyang deepens ties with Moscow.",
        published_on=dt.date(2024, 8, 1),
        status=Publication.Status.PUBLISHED,
    )
    assert raw.embedding is None
    event = make_event(
        title="North Korea's Missiles",
        summary="Pyongyang's missile launches.",
        related_suggestions=1,
    )
    (suggestion,) = related_publications(event)
    assert suggestion.publication == raw and not suggestion.chosen and suggestion.score > 0.3
    raw.refresh_from_db()
    assert vector_of(raw) is not None


def test_publication_page_has_open_graph_and_json_ld(client, library):
    import json
    import re

    library["analysis"].authors.add(make_person("Frank Aum"))
    page = client.get(library["analysis"].get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in page
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert data["@type"] == "Article"
    assert data["headline"] == "Changing North Korea’s Future Through Its Women"
    assert data["datePublished"] == "2024-05-28"
    assert data["author"] == [{"@type": "Person", "name": "Frank Aum"}]
    assert sorted(data["keywords"]) == ["Gender", "Global Policy"]
