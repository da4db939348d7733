"""The demo loader: idempotent, and its pages show every element of the seed pages."""

from __future__ import annotations

from html import unescape

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from podium.demo import (
    COMMITTEE_EVENT_SLUG,
    SEED_AFTER_EVENT,
    SEED_AFTER_SLUG,
    SEED_BEFORE_EVENT,
    SEED_BEFORE_SLUG,
)
from podium.demo.load import DEMO_PASSWORD, load_demo
from podium.demo.seeds_reader import before_page, speaker_bios
from podium.events.models import Event, EventPartner, EventSpeaker, Organisation, Person, Topic
from podium.publications.models import EventPublication, Publication

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only


@pytest.fixture
def demo():
    """The site's own demo content (the registration and briefs demos have their own tests)."""
    return load_demo(other_apps=False)


def counts() -> dict[str, int]:
    models = [
        User,
        Event,
        EventSpeaker,
        EventPartner,
        Person,
        Organisation,
        Topic,
        Publication,
        EventPublication,
    ]
    return {m.__name__: m.objects.count() for m in models}


def page_text(client, slug: str) -> str:
    response = client.get(f"/events/{slug}/")
    assert response.status_code == 200
    return unescape(response.content.decode())


@pytest.mark.slow
def test_full_demo_twice_duplicates_nothing(client):
    """The whole `podium demo` content, other apps' demos included, loaded twice."""
    summary = load_demo()
    assert summary["errors"] == {}
    assert "registration" in summary and "briefs" in summary
    first = counts()
    again = load_demo()
    assert counts() == first
    assert (
        again["events"]
        == summary["events"]
        == [SEED_BEFORE_SLUG, SEED_AFTER_SLUG, COMMITTEE_EVENT_SLUG]
    )
    assert set(summary["events"]) <= set(Event.objects.values_list("slug", flat=True))
    assert first["Publication"] >= 2
    for slug in summary["events"]:
        assert client.get(f"/events/{slug}/").status_code == 200


def test_site_demo_twice_duplicates_nothing(demo):
    first = counts()
    load_demo(other_apps=False)
    assert counts() == first
    assert first["Event"] == 3 and first["Publication"] == 2 and first["User"] == 3


def test_demo_users_sign_in_with_the_printed_password(demo, client):
    for username in ("admin", "staff", "editor"):
        signed_in = client.post(
            "/accounts/login/", {"username": username, "password": DEMO_PASSWORD}
        )
        assert signed_in.status_code == 302, username
    assert User.objects.get(username="staff").has_perm("events.change_event")
    assert not User.objects.get(username="editor").has_perm("events.change_event")
    assert User.objects.get(username="editor").has_perm("briefs.publish_brief")


def test_seed_003_is_upcoming_and_shows_every_element_of_its_page(demo, client):
    event = Event.objects.get(slug=SEED_BEFORE_SLUG)
    assert event.starts_at > timezone.now() and event.is_public
    page = page_text(client, SEED_BEFORE_SLUG)
    seed = before_page(SEED_BEFORE_EVENT, topics=["Gender", "Global Policy"])
    for paragraph in seed.description:
        assert paragraph in page
    assert f'{seed.image_caption} <span class="credit">({seed.image_credit})</span>' in page
    assert 'alt="Placeholder for the photograph' in page
    for line in (
        "Frank Aum</a>, welcoming remarks",
        "Senior Expert, Northeast Asia, U.S. Institute of Peace",
        "Mark Tokola</a>, panelist",
        "Vice President, Korea Economic Institute of America",
        "Lieutenant General (retired) Dan Leaf</a>",
        "Former Deputy Commander, U.S. Pacific Command",
        "EventRegistration@usip.org",
        "Related Publications",
        "View All Publications",
    ):
        assert line in page, line
    related = page.split("Related Publications", 1)[1]
    for publication in seed.publications:
        assert publication.title in related
        assert publication.summary in related
        assert f"Type: {publication.kind_label}" in related
        assert (
            f"{publication.published_on:%A, %B} {publication.published_on.day}, {publication.published_on.year}"
            in related
        )
    assert ">Gender</a>" in related and ">Global Policy</a>" in related


def test_seed_000_is_past_with_full_bios_partners_and_sponsor_line(demo, client):
    event = Event.objects.get(slug=SEED_AFTER_SLUG)
    assert event.is_past
    page = page_text(client, SEED_AFTER_SLUG)
    for line in (
        "Prospects for Relations with North Korea",
        "Tuesday, February 3, 2026 | 6:30 PM (EST)",
        "The Korea Society",
        "350 Madison Avenue, 24th Floor",
        "New York, NY 10017",
        "Jonathan Corrado</a>, moderator",
        "Director of Policy Programs, The Korea Society",
        "National Committee on American Foreign Policy and The APEC Study Center at Columbia University",
        "This program was made possible by the generous support of the Korea Foundation and our "
        "individual and corporate members.",
        "About the Speakers",
    ):
        assert line in page, line
    bios = speaker_bios(SEED_AFTER_EVENT)
    assert set(bios) == {"Keith Luse", "Rachel Minyoung Lee", "Ankit Panda", "Susan A. Thornton"}
    for bio in bios.values():
        assert bio in page


def test_committee_event_is_past_with_its_speakers_in_another_time_zone(demo, client):
    event = Event.objects.get(slug=COMMITTEE_EVENT_SLUG)
    assert event.is_past and event.time_zone == "Europe/London"
    page = page_text(client, COMMITTEE_EVENT_SLUG)
    assert "Lynne Neagle</a>, chair" in page
    assert "Vaughan Gething</a>, witness" in page
    assert ("(GMT)" in page) or ("(BST)" in page)
