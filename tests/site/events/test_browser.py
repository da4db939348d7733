"""Key journeys in a real browser (Debian Chromium via Playwright, `page` fixture + live_server).

A visitor reads the seed 003 event page and downloads its calendar file; staff
sign in, build an event with a speaker, publish it and see it on the site.
"""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from podium.demo import SEED_BEFORE_SLUG
from podium.demo.load import load_demo
from tests.site.common.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.fixture
def site(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_visitor_reads_the_seed_003_page_and_adds_it_to_a_calendar(
    site, live_server, page, tmp_path
):
    load_demo(other_apps=False)
    from podium.demo.registration import load_demo_registration

    load_demo_registration()
    page.goto(f"{live_server.url}/events/{SEED_BEFORE_SLUG}/")
    assert page.locator("h1").inner_text() == "Why Peace Remains Elusive on the Korean Peninsula"
    assert "(EST)" in page.locator(".event-when").inner_text()
    speakers = page.locator(".speaker")
    assert speakers.count() == 3
    assert lines(speakers.nth(0).inner_text()) == [
        "Frank Aum, welcoming remarks",
        "Senior Expert, Northeast Asia, U.S. Institute of Peace",
    ]
    assert page.get_by_role("link", name="General Registration").is_visible()
    assert page.get_by_role("link", name="Media Registration").is_visible()
    assert page.get_by_text("three business days advance notice").is_visible()
    figure = page.locator(".event-figure img")
    assert figure.evaluate("img => img.complete && img.naturalWidth > 0")  # the picture loads
    assert (
        "Alexander Zemlianichenko/Pool via The New York Times"
        in page.locator("figcaption").inner_text()
    )
    related = page.locator(".related")
    assert related.get_by_role("heading", name="Related Publications").is_visible()
    assert related.locator(".publication-card").count() == 2
    assert related.get_by_text("Type: Question and Answer").is_visible()
    # Keyboard: the first Tab reaches the skip link.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"

    with page.expect_download() as info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    path = tmp_path / "event.ics"
    info.value.save_as(path)
    (vevent,) = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(vevent["summary"]) == "Why Peace Remains Elusive on the Korean Peninsula"
    start = vevent.decoded("dtstart")
    assert start.tzinfo is not None and start > dt.datetime.now(dt.UTC)
    assert "U.S. Institute of Peace" in str(vevent["location"])


def test_staff_build_an_event_with_a_speaker_and_publish_it(site, live_server, page):
    make_user("events_staff", username="sam")
    page.goto(f"{live_server.url}/staff/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Dashboard").wait_for()

    page.get_by_role("link", name="New event").first.click()
    page.get_by_label("Title").fill("Deterrence After the Party Congress")
    page.get_by_label("Description").fill("What changed.\n\nWhat comes next.")
    page.get_by_label("Date").fill("2027-03-09")
    page.get_by_label("Start time").fill("18:30")
    page.get_by_label("Time zone").select_option("America/New_York")
    page.get_by_label("Venue name").fill("The Korea Society")
    page.get_by_label("Venue address").fill("350 Madison Avenue, 24th Floor\nNew York, NY 10017")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Event created as a draft").wait_for()

    page.get_by_role("link", name="Add speaker").click()
    page.get_by_label("Name", exact=True).fill("Ankit Panda")
    page.get_by_label("Title", exact=True).fill("Stanton Senior Fellow")
    page.get_by_label("Organisation", exact=True).fill("Carnegie Endowment for International Peace")
    page.get_by_label("Role").fill("panelist")
    page.get_by_role("button", name="Save speaker").click()
    page.get_by_text("Ankit Panda is on the programme.").wait_for()

    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Published: the event page is public.").wait_for()
    page.get_by_role("link", name="View public page").click()
    assert page.locator("h1").inner_text() == "Deterrence After the Party Congress"
    assert page.locator(".event-when").inner_text() == "Tuesday, March 9, 2027 | 6:30 PM (EST)"
    assert lines(page.locator(".speaker").inner_text()) == [
        "Ankit Panda, panelist",
        "Stanton Senior Fellow, Carnegie Endowment for International Peace",
    ]
    # A visitor (a fresh browser context, not signed in) sees it too.
    visitor = page.context.browser.new_context().new_page()
    visitor.goto(page.url)
    assert visitor.locator("h1").inner_text() == "Deterrence After the Party Congress"
    visitor.context.close()
