"""The whole registration journey in a real browser (Playwright on Debian Chromium + live_server).

Set PODIUM_SCREENSHOTS=1 to also write docs/screenshots/registration-*.png.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from email.message import MIMEPart
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from podium.registration.domain.checkin import check_in
from podium.registration.domain.notifications import render_email_preview
from podium.registration.domain.tokens import make_manage_token
from podium.registration.models import Registration

from .conftest import emailed_manage_path, make_event, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = Registration.Status
SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def shot(page, name: str, **kwargs) -> None:
    if os.environ.get("PODIUM_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"registration-{name}.png"), **kwargs)


def fill_general(page, *, first, last, email, accessibility=""):
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    page.locator("#id_q_email").fill(email)
    page.get_by_label("Organization").fill("Korea Economic Institute")
    page.get_by_label("Job title").fill("Analyst")
    if accessibility:
        page.get_by_label("Accessibility or accommodation request").fill(accessibility)
    page.get_by_label("I agree to the privacy notice", exact=False).check()


def sign_in(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_registration_journey(page, live_server, client):
    event = make_event(
        capacity=1, starts_in=dt.timedelta(days=1, hours=2)
    )  # inside the 3-day lead time
    staff = make_staff("door")
    base = live_server.url

    # 1. General registration from the event page, with a (late) accessibility request.
    page.goto(base + event.get_absolute_url())
    page.get_by_role("link", name="General Registration").click()
    page.get_by_text("Work Information").wait_for()
    fill_general(
        page,
        first="Ada",
        last="Lovelace",
        email="ada@example.org",
        accessibility="Step-free access",
    )
    shot(page, "form", full_page=True)
    page.get_by_role("button", name="Register").click()
    page.locator("#check-inbox").wait_for()
    ada = Registration.objects.get(email="ada@example.org")
    assert ada.status == S.CONFIRMED and ada.accessibility_flagged
    # the private manage link comes by email only
    to_ada = next(m for m in reversed(mail.outbox) if m.to == ["ada@example.org"])
    ada_manage = base + emailed_manage_path(to_ada)
    page.goto(ada_manage)
    assert "may not be possible to fulfil" in page.locator("#accessibility-notice").inner_text()

    # 2. The one seat is taken: the next person joins the waiting list.
    page.goto(base + reverse("registration:form", args=[event.slug, "general"]))
    fill_general(page, first="Bea", last="Waiting", email="bea@example.org")
    page.get_by_role("button", name="Register").click()
    page.locator("#check-inbox").wait_for()
    assert Registration.objects.get(email="bea@example.org").status == S.WAITLISTED

    # 3. A duplicate gets the same answer as anyone; the address gets its link again.
    mail.outbox.clear()
    page.goto(base + reverse("registration:form", args=[event.slug, "general"]))
    fill_general(page, first="Ada", last="Again", email=" ADA@example.org")
    page.get_by_role("button", name="Register").click()
    page.locator("#check-inbox").wait_for()
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    assert "link" in mail.outbox[0].subject
    assert Registration.objects.filter(event=event).count() == 2

    # 4. Media registration waits for approval; staff approve; the email carries the .ics.
    page.goto(base + event.get_absolute_url())
    page.get_by_role("link", name="Media Registration").click()
    fill_general(page, first="Jo", last="Press", email="jo@press.example")
    page.get_by_label("Media outlet").fill("The Policy Wire")
    page.get_by_label("Your role").select_option("Reporter")
    page.get_by_label("Link to your press credential or recent work").fill(
        "https://wire.example/jo"
    )
    page.get_by_role("button", name="Register").click()
    page.locator("#check-inbox").wait_for()
    media = event.registration_types.get(slug="media")
    assert Registration.objects.get(email="jo@press.example").status == S.PENDING

    sign_in(page, live_server, client, staff)
    page.goto(base + reverse("registration_staff:list", args=[event.slug]) + "?status=pending")
    page.get_by_role("link", name="Jo Press").click()
    page.get_by_label("Message to the registrant").fill("Press table on the left.")
    mail.outbox.clear()
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("is approved and confirmed").wait_for()
    approved = mail.outbox[-1]
    assert approved.to == ["jo@press.example"] and "approved" in approved.subject
    ics = [
        a
        for a in approved.attachments
        if isinstance(a, MIMEPart) and a.get_content_type() == "text/calendar"
    ]
    assert ics and "METHOD:REQUEST" in ics[0].get_content()
    assert Registration.objects.get(email="jo@press.example").registration_type == media

    # 5. Ada cancels through her manage link; Bea is offered the seat and confirms it.
    mail.outbox.clear()
    page.goto(ada_manage)
    page.get_by_role("link", name="Cancel my registration").click()
    page.get_by_role("button", name="Yes, cancel my registration").click()
    page.get_by_text("This registration is cancelled").wait_for()
    bea = Registration.objects.get(email="bea@example.org")
    assert bea.status == S.OFFERED
    assert any(m.to == ["bea@example.org"] and "A seat is free" in m.subject for m in mail.outbox)
    page.goto(base + reverse("registration:manage", args=[make_manage_token(bea)]))
    page.get_by_role("button", name="Confirm my seat").click()
    page.get_by_text("Your seat is confirmed").wait_for()
    bea.refresh_from_db()
    assert bea.status == S.CONFIRMED

    # 6. Check in at the door, on a phone-sized screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + reverse("registration_staff:checkin", args=[event.slug]))
    page.get_by_placeholder("Search name or email").fill("ada")
    page.locator("#results").get_by_text("Cannot check in: cancelled").wait_for()
    page.get_by_placeholder("Search name or email").fill("bea")
    row = page.locator(f"#checkin-{bea.pk}")
    row.get_by_role("button", name="Check in").click()
    row.get_by_role("button", name="Undo").wait_for()
    assert page.locator("#count-checked-in").inner_text() == "1"
    shot(page, "checkin", full_page=True)
    row.get_by_role("button", name="Undo").click()
    row.get_by_role("button", name="Check in").wait_for()
    assert page.locator("#count-checked-in").inner_text() == "0"
    page.get_by_placeholder("Check-in code").fill(bea.checkin_code.lower())
    page.get_by_placeholder("Check-in code").press("Enter")
    page.locator("#code-result").get_by_text("checked in").wait_for()
    bea.refresh_from_db()
    assert bea.checked_in_at is not None and bea.checked_in_by == staff
    # Another door checks someone in: this phone's counts follow within the polling interval.
    jo = Registration.objects.get(email="jo@press.example")
    check_in(jo, actor=staff)
    expect(page.locator("#count-checked-in")).to_have_text("2", timeout=15_000)

    # 7. Export, opened with the csv module.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + reverse("registration_staff:list", args=[event.slug]))
    shot(page, "staff-list", full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    content = Path(download_info.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    by_email = {r["Email"]: r for r in rows}
    assert set(by_email) == {"ada@example.org", "bea@example.org", "jo@press.example"}
    assert by_email["ada@example.org"]["Status"] == "Cancelled"
    assert by_email["ada@example.org"]["Accessibility request late"] == "yes"
    assert by_email["jo@press.example"]["Media outlet"] == "The Policy Wire"
    assert by_email["bea@example.org"]["Checked in (America/New_York)"]
    assert by_email["jo@press.example"]["Checked in (America/New_York)"]

    # The confirmation email as a page (for the docs).
    if os.environ.get("PODIUM_SCREENSHOTS"):
        page.set_content(render_email_preview(bea, "confirmed"))
        shot(page, "email", full_page=True)
