"""Keyboard-only journeys in Chromium: only Tab, Shift+Tab, Enter, Space and typing.

No `click()` and no `focus()` from the test: each control is reached by
tabbing, and every stop must show a visible focus outline. Journeys: register
(with an accessibility request and an error), manage and cancel, check in a
guest, review a brief and apply a finding, play the recording from a ▶ time;
and Tab always leaves the player (no keyboard trap).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from podium.briefs.domain import briefs as workflow
from podium.briefs.domain.content import load_brief
from podium.registration.domain.tokens import manage_url
from podium.registration.models import Registration
from tests.site.accessibility import make_recorded_event, sign_in
from tests.site.registration.conftest import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MAX_TABS = 150


def focused(page) -> dict | None:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          return {
            tag: el.tagName.toLowerCase(),
            // Inside <video controls> the focus is on the browser's own buttons (its shadow
            // DOM draws their ring); the element itself matches :focus only on entry.
            native_controls: ['VIDEO', 'AUDIO'].includes(el.tagName) && !el.matches(':focus'),
            id: el.id,
            text: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 80),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          };
        }"""
    )


def tab_to(page, selector: str, *, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until `selector` has the focus; every stop must show its focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        state = focused(page)
        if state is None:
            continue
        assert state["outline"] or state["native_controls"], f"no visible focus on {state}"
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return state
    raise AssertionError(f"{selector} not reached with {MAX_TABS} × {key}")


def test_register_with_an_error_then_manage_and_cancel_by_keyboard(browser_site, live_server, page):
    event = make_event(starts_in=dt.timedelta(days=20))
    page.goto(live_server.url + event.get_absolute_url())
    # The first stop is the skip link; Enter moves to the main content.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    tab_to(page, "a[href$='/general/']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_q_first_name")

    typed = {  # the email is left empty: the error
        "#id_q_first_name": "Grace",
        "#id_q_last_name": "Hopper",
        "#id_q_organisation": "Naval Research Lab",
        "#id_q_job_title": "Rear Admiral",
        "#id_accessibility_request": "A seat near the front and a printed transcript, please.",
    }
    for selector, text in typed.items():
        tab_to(page, selector)
        page.keyboard.type(text)
    tab_to(page, "#id_privacy_consent")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    # The error summary is announced and has the focus; its link takes us to the field.
    page.wait_for_selector("[data-error-summary]")
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    assert page.get_attribute("[data-error-summary]", "role") == "alert"
    email = page.locator("#id_q_email")
    assert email.get_attribute("aria-invalid") == "true"
    error_id = email.get_attribute("aria-describedby").split()
    assert any(page.locator(f"#{i}").inner_text().strip() for i in error_id)
    tab_to(page, "[data-error-summary] a[href='#id_q_email']")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_q_email"
    page.keyboard.type("grace@example.org")
    # What was typed before the error is kept.
    assert page.input_value("#id_accessibility_request").startswith("A seat near the front")
    if not page.evaluate("document.querySelector('#id_privacy_consent').checked"):
        tab_to(page, "#id_privacy_consent")
        page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.locator("#check-inbox").wait_for()
    grace = Registration.objects.get(email="grace@example.org")
    assert grace.accessibility_request.startswith("A seat near the front")
    # The private manage link comes by email only (the form never says whether an
    # address was registered); open it as the registrant would.
    page.goto(live_server.url + manage_url(grace, absolute=False))

    # Manage: cancel the registration with the keyboard.
    tab_to(page, "a[href$='/cancel/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/cancel/$"))
    tab_to(page, "form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("This registration is cancelled").wait_for()
    grace.refresh_from_db()
    assert grace.status == Registration.Status.CANCELLED


def test_staff_check_in_a_guest_by_keyboard(browser_site, live_server, page, client):
    from podium.registration.domain.registration import register
    from podium.registration.models import RegistrationType
    from tests.site.registration.conftest import answers, make_staff

    event = make_event(starts_in=dt.timedelta(hours=1))
    general = RegistrationType.objects.get(event=event, slug="general")
    guest = register(
        event, general, email="ada@example.org", notify=False,
        answers=answers(first_name="Ada", last_name="Lovelace"),
    )  # fmt: skip
    sign_in(page, live_server, client, make_staff("door"))
    page.goto(f"{live_server.url}/staff/events/{event.slug}/registrations/checkin/")
    tab_to(page, "input[type=search]")
    page.keyboard.type("Lovelace")
    page.wait_for_selector("text=Lovelace")
    page.wait_for_timeout(300)
    tab_to(page, f"form[action$='/checkin/{guest.pk}/'] button")
    page.keyboard.press("Space")
    page.wait_for_selector(f"#checkin-{guest.pk} .checkin-btn--undo")
    guest.refresh_from_db()
    assert guest.checked_in_at is not None


def test_editor_applies_a_finding_by_keyboard(browser_site, live_server, page, client, tmp_path):
    event, editor = make_recorded_event(tmp_path, publish=False)
    brief = workflow.ensure_brief(event)
    section = next(s for s in load_brief(brief.current_version).sections() if s.quotes)
    quote = section.quotes[0].text
    broken = section.text.replace(quote, quote.replace("salt", "sugar", 1), 1)
    assert broken != section.text
    workflow.edit_section(brief=brief, number=section.number, summary=broken, user=editor)
    brief.refresh_from_db()
    number = brief.current_version.number
    sign_in(page, live_server, client, editor)
    page.goto(f"{live_server.url}/staff/events/{event.slug}/brief/review/")
    tab_to(page, "[data-apply]")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "n => document.querySelector('.brief-review').dataset.version == n", arg=str(number + 1)
    )
    brief.refresh_from_db()
    assert "sugar" not in load_brief(brief.current_version).section(section.number).text


def test_play_from_a_time_by_keyboard_and_tab_leaves_the_player(
    browser_site, live_server, page, tmp_path
):
    event, _ = make_recorded_event(tmp_path)
    page.goto(live_server.url + event.get_absolute_url())
    page.wait_for_function("document.querySelector('video').readyState >= 1")
    link = page.locator("a.podium-seek[aria-label*='section 2']")
    seconds = float(link.get_attribute("data-seek"))
    assert re.fullmatch(
        r"Play from \d+:\d\d, section 2: Who Pays", link.get_attribute("aria-label")
    )
    tab_to(page, "a.podium-seek[aria-label*='section 2']")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "t => Math.abs(document.querySelector('video').currentTime - t) < 1.5", arg=seconds
    )
    assert page.url.endswith(event.get_absolute_url()), "Enter seeks in place"
    # The transcript under the player follows: the turn being played is marked.
    page.wait_for_selector(".podium-turn[aria-current='true']", state="attached")
    current = page.locator(".podium-turn[aria-current='true']")
    assert float(current.get_attribute("data-start")) <= seconds + 1
    # No trap: from the video, Tab goes on to the next control and Shift+Tab back.
    page.keyboard.press("Shift+Tab")
    tab_to(page, "video", backwards=True)
    tab_to(page, ".podium-player-link a")
    tab_to(page, "video", backwards=True)
    tab_to(page, "#transcript summary")
