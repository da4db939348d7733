"""Public event pages over HTTP: what a visitor sees, and what stays hidden."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from podium.events.domain.events import add_partner, get_or_create_organisation
from podium.events.models import Event, EventPartner
from tests.site.common.factories import make_event, make_speaker, make_user

pytestmark = pytest.mark.django_db
NY = ZoneInfo("America/New_York")
LONG_BIO = " ".join(
    ["Ankit Panda is the Stanton Senior Fellow in the Nuclear Policy Program."] * 12
)


def text(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def past_event():
    event = make_event(
        title="Prospects for Relations with North Korea",
        starts_at=dt.datetime(2026, 2, 3, 18, 30, tzinfo=NY),
        sponsor_text="This program was made possible by the generous support of the Korea Foundation.",
        topics=["Global Policy"],
    )
    make_speaker(event, "Jonathan Corrado", role="moderator", title="Director of Policy Programs")
    make_speaker(event, "Ankit Panda", role="panelist", bio=LONG_BIO)
    make_speaker(event, "Keith Luse", role="panelist", bio="Keith Luse is the Executive Director.")
    for name in (
        "National Committee on American Foreign Policy",
        "The APEC Study Center at Columbia University",
    ):
        add_partner(event, organisation=get_or_create_organisation(name))
    add_partner(
        event,
        organisation=get_or_create_organisation("Korea Foundation"),
        kind=EventPartner.Kind.SPONSOR,
    )
    return event


def test_event_page_shows_time_in_the_event_time_zone_with_its_abbreviation(client, past_event):
    page = text(client.get(past_event.get_absolute_url()))
    assert "Tuesday, February 3, 2026 | 6:30 PM (EST)" in page
    assert "The Korea Society" in page and "350 Madison Avenue, 24th Floor" in page


def test_time_zone_follows_the_event_not_the_server(client):
    event = make_event(
        title="Committee session",
        time_zone="Europe/London",
        starts_at=dt.datetime(2026, 7, 1, 13, 30, tzinfo=ZoneInfo("Europe/London")),
    )
    page = text(client.get(event.get_absolute_url()))
    assert "Wednesday, July 1, 2026 | 1:30 PM (BST)" in page


def test_speakers_roles_bios_partners_and_sponsor_line(client, past_event):
    page = text(client.get(past_event.get_absolute_url()))
    assert "Jonathan Corrado</a>, moderator" in page
    assert "Director of Policy Programs" in page
    assert "About the Speakers" in page
    # A long bio folds: a preview, then the whole text inside <details>.
    details = re.search(r"<details>(.*?)</details>", page, re.S)
    assert details and LONG_BIO in details.group(1)
    assert "Keith Luse is the Executive Director." in page
    assert (
        "organized in collaboration with National Committee on American Foreign Policy and "
        "The APEC Study Center at Columbia University." in page
    )
    assert "made possible by the generous support of the Korea Foundation." in page
    assert "Global Policy" in page


def test_past_events_include_the_recording_upcoming_ones_the_registration(client, past_event):
    response = client.get(past_event.get_absolute_url())
    names = {t.name for t in response.templates}
    assert "briefs/_event_recording.html" in names
    assert "registration/_event_registration.html" not in names
    upcoming = make_event(title="Upcoming")
    names = {t.name for t in client.get(upcoming.get_absolute_url()).templates}
    assert "briefs/_event_recording.html" not in names
    assert "registration/_event_registration.html" in names


def test_open_graph_and_json_ld_event(client, past_event):
    page = client.get(past_event.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Prospects for Relations with North Korea">' in page
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2026-02-03T18:30:00-05:00"
    assert data["location"]["name"] == "The Korea Society"
    assert {p["name"] for p in data["performer"]} == {
        "Jonathan Corrado",
        "Ankit Panda",
        "Keith Luse",
    }
    assert data["sponsor"] == [{"@type": "Organization", "name": "Korea Foundation"}]


def test_json_ld_cannot_break_out_of_its_script_tag(client):
    event = make_event(title="</script><script>alert(1)</script>")
    page = client.get(event.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in page


def test_drafts_are_404_for_the_public_and_a_preview_for_staff(client):
    draft = make_event(title="Secret draft", status=Event.Status.DRAFT)
    make_speaker(draft, "Only At Draft", role="panelist")
    for url in (
        draft.get_absolute_url(),
        reverse("events:ics", args=[draft.slug]),
        "/people/only-at-draft/",
    ):
        assert client.get(url).status_code == 404, url
    assert "Secret draft" not in text(client.get(reverse("events:list")))
    assert "Secret draft" not in client.get(reverse("events:feed")).content.decode()
    client.force_login(make_user())  # an account without a role is still the public
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(make_user("editor"))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Preview" in text(response) and "draft" in text(response)
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_cancelled_events_stay_public_and_say_so(client):
    event = make_event(title="Called off", status=Event.Status.CANCELLED)
    page = text(client.get(event.get_absolute_url()))
    assert "Cancelled" in page


def test_calendar_file_parses_with_time_zone_and_a_stable_uid(client, past_event):
    url = reverse("events:ics", args=[past_event.slug])
    first, second = client.get(url), client.get(url)
    assert first["Content-Type"].startswith("text/calendar")
    assert "attachment" in first["Content-Disposition"]
    cal = icalendar.Calendar.from_ical(first.content)
    (vevent,) = cal.walk("VEVENT")
    start = vevent.decoded("dtstart")
    assert start == dt.datetime(2026, 2, 3, 23, 30, tzinfo=dt.UTC)
    assert str(vevent["dtstart"].params["TZID"]) == "America/New_York"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    assert vevent.decoded("dtend") - start == dt.timedelta(hours=1, minutes=30)
    assert str(vevent["summary"]) == "Prospects for Relations with North Korea"
    assert (
        str(vevent["location"])
        == "The Korea Society, 350 Madison Avenue, 24th Floor, New York, NY 10017"
    )
    again = icalendar.Calendar.from_ical(second.content).walk("VEVENT")[0]
    assert str(again["uid"]) == str(vevent["uid"])
    assert past_event.get_absolute_url() in str(vevent["url"])


def test_listing_splits_upcoming_and_past_and_searches(client, past_event):
    upcoming = make_event(title="Nuclear Deterrence in Asia", topics=["Security"])
    page = text(client.get(reverse("events:list")))
    upcoming_part, past_part = page.split('id="past-heading"')
    assert "Nuclear Deterrence in Asia" in upcoming_part
    assert "Prospects for Relations with North Korea" in past_part
    found = text(client.get(reverse("events:list"), {"q": "deterrence"}))
    assert "Nuclear Deterrence in Asia" in found and "Prospects for Relations" not in found
    by_speaker = text(client.get(reverse("events:list"), {"q": "Corrado"}))
    assert "Prospects for Relations" in by_speaker and "Nuclear Deterrence" not in by_speaker
    by_topic = text(client.get(reverse("events:list"), {"topic": "security"}))
    assert "Nuclear Deterrence in Asia" in by_topic and "Prospects for Relations" not in by_topic
    assert upcoming.slug


def test_unknown_topic_filter_is_ignored_not_an_error(client, past_event):
    response = client.get(reverse("events:list"), {"topic": "no-such-topic"})
    assert response.status_code == 200
    assert "Prospects for Relations" in text(response)


def test_person_page_lists_public_events_only(client, past_event):
    draft = make_event(title="Unannounced panel", status=Event.Status.DRAFT)
    from podium.events.domain.events import add_speaker
    from podium.events.models import Person

    panda = Person.objects.get(name="Ankit Panda")
    add_speaker(draft, person=panda, role="panelist")
    page = text(client.get(panda.get_absolute_url()))
    assert "Prospects for Relations with North Korea" in page
    assert "Unannounced panel" not in page


def test_event_feeds_parse(client, past_event):
    rss = ET.fromstring(client.get(reverse("events:feed")).content)
    titles = [item.findtext("title") for item in rss.iter("item")]
    assert titles == ["Prospects for Relations with North Korea"]
    assert "Tuesday, February 3, 2026 | 6:30 PM (EST)" in rss.find("channel/item/description").text
    atom = ET.fromstring(client.get(reverse("events:feed_atom")).content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)] == titles


def test_feeds_carry_staff_text_as_text_not_html(client):
    make_event(
        title="Markup <b>test</b> & more",
        summary='Hello <img src=x onerror="alert(1)"> & <script>steal()</script> bye',
    )
    rss = ET.fromstring(client.get(reverse("events:feed")).content)
    description = rss.find("channel/item/description").text
    assert "<img" not in description and "<script" not in description
    assert unescape(description).endswith(
        'Hello <img src=x onerror="alert(1)"> & <script>steal()</script> bye'
    ), "a reader shows the characters the staff typed"
    atom = ET.fromstring(client.get(reverse("events:feed_atom")).content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    summary = atom.find("a:entry/a:summary", ns)
    assert summary.get("type") == "html" and "<script" not in summary.text
    assert atom.find("a:entry/a:title", ns).text == "Markup <b>test</b> & more"
    assert atom.find("a:entry/a:title", ns).get("type") in (None, "text")


def test_page_has_landmarks_and_a_skip_link(client, past_event):
    page = client.get(past_event.get_absolute_url()).content.decode()
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page and "<header" in page and "<footer" in page
    assert '<nav aria-label="Main">' in page
    assert '<html lang="en">' in page
    assert page.count("<h1") == 1


def test_past_events_are_paged(client):
    for i in range(23):
        make_event(title=f"Old panel {i:02d}", starts_at=dt.datetime(2020, 1, 1 + i, 12, tzinfo=NY))
    first = text(client.get(reverse("events:list")))
    assert "Old panel 22" in first and "Old panel 02" not in first and "Page 1 of 2" in first
    second = text(client.get(reverse("events:list"), {"page": 2}))
    assert "Old panel 02" in second and "Old panel 22" not in second
    assert "Upcoming events" not in second


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/?topic=%00", 200),
        ("/?page=abc", 200),
        ("/?page=999", 200),
        ("/publications/?year=abc&kind=nonsense", 200),
        ("/publications/?page=-1", 200),
        ("/events/no-such-event/", 404),
        ("/events/no-such-event/calendar.ics", 404),
        ("/people/nobody/", 404),
        ("/publications/no-such-publication/", 404),
        ("/media/events/missing.png", 404),
    ],
)
def test_bad_input_gets_a_page_never_a_server_error(client, past_event, url, status):
    assert client.get(url).status_code == status


def test_404_page_uses_the_site_layout(client):
    response = client.get("/events/no-such-event/")
    assert "Page not found" in response.content.decode()
    assert '<nav aria-label="Main">' in response.content.decode()
