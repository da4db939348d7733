"""Cancel and postpone an event in a real browser (Playwright on Debian Chromium + live_server).

Staff use the confirmation pages; the registrants' emails carry calendar files that
`icalendar` reads: METHOD:CANCEL for a cancellation, METHOD:REQUEST with the new
date and a higher SEQUENCE for a postponement.
"""

from __future__ import annotations

import datetime as dt
from email.message import MIMEPart

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from podium.events.models import Event
from podium.registration.domain.registration import register
from podium.registration.models import Registration
from tests.site.registration.conftest import (  # noqa: F401 (immediate_tasks is autouse)
    answers,
    immediate_tasks,
    make_event,
    make_staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = Registration.Status


def calendar_of(message) -> Calendar:
    part = next(
        a
        for a in message.attachments
        if isinstance(a, MIMEPart) and a.get_content_type() == "text/calendar"
    )
    return Calendar.from_ical(part.get_content())


def sign_in(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def registered_event():
    event = make_event(capacity=1, title="Peace talks in the browser")
    general = event.registration_types.get(slug="general")
    media = event.registration_types.get(slug="media")
    seat = register(event, general, answers=answers(), email="seat@example.org")
    wait = register(event, general, answers=answers(), email="wait@example.org")
    press = register(event, media, answers=answers(), email="press@example.org")
    mail.outbox.clear()
    return event, seat, wait, press


def test_cancel_an_event_in_the_browser(page, live_server, client):
    event, seat, wait, press = registered_event()
    sign_in(page, live_server, client, make_staff("canceller"))
    page.goto(live_server.url + reverse("staff:event_detail", args=[event.slug]))
    page.get_by_role("link", name="Cancel event").click()
    page.get_by_label("Reason (shown on the event page and in the email)").fill(
        "The venue flooded."
    )
    page.get_by_role("button", name="Cancel the event").click()
    page.get_by_text("Tick the box to confirm the cancellation.").wait_for()
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED
    page.get_by_label("Yes, cancel this event").check()
    page.get_by_role("button", name="Cancel the event").click()
    page.get_by_text("registration is closed").wait_for()

    assert sorted(m.to[0] for m in mail.outbox) == [
        "press@example.org",
        "seat@example.org",
        "wait@example.org",
    ]
    for message in mail.outbox:
        cal = calendar_of(message)
        assert str(cal["METHOD"]) == "CANCEL"
        assert str(cal.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
        assert "The venue flooded." in message.body

    page.goto(live_server.url + event.get_absolute_url())
    banner = page.locator("#status-banner")
    assert "This event has been cancelled." in banner.inner_text()
    assert "The venue flooded." in banner.inner_text()
    assert page.locator("a[href='#register']").count() == 0
    # The registration form says it is closed; nobody new gets in.
    page.goto(live_server.url + reverse("registration:form", args=[event.slug, "general"]))
    assert "closed" in page.content().lower() or "not open" in page.content().lower()
    assert Registration.objects.filter(event=event).count() == 3


def test_postpone_an_event_in_the_browser(page, live_server, client):
    event, seat, wait, press = registered_event()
    old_sequence = seat.calendar_sequence
    new_day = (event.local_start + dt.timedelta(days=21)).date()
    sign_in(page, live_server, client, make_staff("postponer"))
    page.goto(live_server.url + reverse("staff:event_detail", args=[event.slug]))
    page.get_by_role("link", name="Postpone").click()
    page.get_by_label("New date", exact=True).fill(new_day.isoformat())
    page.get_by_label("New start time").fill("09:30")
    page.get_by_label("Message (shown on the event page and in the email)").fill(
        "A speaker is unwell."
    )
    page.get_by_role("button", name="Postpone the event").click()
    page.get_by_text("registrations stay").wait_for()

    event.refresh_from_db()
    assert event.status == Event.Status.POSTPONED
    assert event.local_start.date() == new_day
    assert (event.local_start.hour, event.local_start.minute) == (9, 30)
    assert [Registration.objects.get(pk=p.pk).status for p in (seat, wait, press)] == [
        S.CONFIRMED,
        S.WAITLISTED,
        S.PENDING,
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "press@example.org",
        "seat@example.org",
        "wait@example.org",
    ]
    seat_mail = next(m for m in mail.outbox if m.to == ["seat@example.org"])
    cal = calendar_of(seat_mail)
    assert str(cal["METHOD"]) == "REQUEST"
    vevent = cal.walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == event.starts_at
    assert int(vevent["SEQUENCE"]) == old_sequence + 1
    assert event.when_display in seat_mail.body

    page.goto(live_server.url + event.get_absolute_url())
    banner = page.locator("#status-banner").inner_text()
    assert "This event has been postponed to" in banner and "A speaker is unwell." in banner
    assert event.when_display in page.locator(".event-when").inner_text()

    # Later the date becomes "to be announced": the page and the emails say so.
    mail.outbox.clear()
    page.goto(live_server.url + reverse("staff:event_postpone", args=[event.slug]))
    page.get_by_label("The new date is to be announced").check()
    page.get_by_role("button", name="Postpone the event").click()
    page.get_by_text("registrations stay").wait_for()
    page.goto(live_server.url + event.get_absolute_url())
    assert "the new date is to be announced" in page.locator("#status-banner").inner_text()
    assert "Date to be announced" in page.locator(".event-when").inner_text()
    assert any("The new date is to be announced" in m.body for m in mail.outbox)
