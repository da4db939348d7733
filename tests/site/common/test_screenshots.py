"""Screenshots of the main pages, and a check that they load without errors.

Every page is opened in Chromium at desktop size (and the seed 003 page also at
phone size); the test fails on a console error or a failed request (a missing
picture, style sheet or script). With PODIUM_SCREENSHOTS=1 the pictures are
written to docs/screenshots/ (committed, for the docs); otherwise to a
temporary folder:

    PODIUM_SCREENSHOTS=1 .venv/bin/python -m pytest tests/site/common/test_screenshots.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from podium.demo import COMMITTEE_EVENT_SLUG, SEED_AFTER_SLUG, SEED_BEFORE_SLUG
from podium.demo.load import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"

PUBLIC = [
    ("events-listing", "/"),
    ("event-before-seed-003", f"/events/{SEED_BEFORE_SLUG}/"),
    ("event-after-seed-000", f"/events/{SEED_AFTER_SLUG}/"),
    ("event-committee", f"/events/{COMMITTEE_EVENT_SLUG}/"),
    ("publications", "/publications/"),
]
STAFF = [
    ("staff-dashboard", "/staff/"),
    ("staff-event", f"/staff/events/{SEED_BEFORE_SLUG}/"),
    ("staff-event-edit", f"/staff/events/{SEED_BEFORE_SLUG}/edit/"),
    ("staff-add-speaker", f"/staff/events/{SEED_BEFORE_SLUG}/speakers/add/"),
]


@pytest.fixture
def out_dir(tmp_path) -> Path:
    if os.environ.get("PODIUM_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        return DOCS
    return tmp_path


def watch(page) -> list[str]:
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    # A load the browser cancels because the page moved on (ERR_ABORTED) is no
    # broken resource; error statuses are caught by the response handler below.
    page.on(
        "requestfailed",
        lambda r: (
            None
            if r.failure == "net::ERR_ABORTED"
            else problems.append(f"request failed: {r.url} ({r.failure})")
        ),
    )
    page.on(
        "response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None
    )
    return problems


ACCESSIBILITY_PROBLEMS = """() => {
  const problems = [];
  document.querySelectorAll("img:not([alt])").forEach(i => problems.push("img without alt: " + i.src));
  document.querySelectorAll("input:not([type=hidden]):not([type=submit]), select, textarea").forEach(f => {
    const labelled = (f.id && document.querySelector(`label[for="${f.id}"]`)) || f.closest("label")
      || f.getAttribute("aria-label") || f.getAttribute("aria-labelledby");
    if (!labelled) problems.push("field without label: " + (f.name || f.id));
  });
  if (document.querySelectorAll("h1").length !== 1) problems.push("h1 count " + document.querySelectorAll("h1").length);
  if (!document.querySelector("main")) problems.push("no main landmark");
  if (!document.documentElement.lang) problems.push("no lang");
  return problems;
}"""


def shoot(page, url: str, path: Path, problems: list[str]) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(path), full_page=True)
    assert not problems, f"{url}: {problems}"
    assert page.evaluate(ACCESSIBILITY_PROBLEMS) == [], url
    assert path.stat().st_size > 10_000


def test_main_pages_render_cleanly(settings, tmp_path, live_server, page, browser, out_dir):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    load_demo()
    problems = watch(page)
    for name, path in PUBLIC:
        shoot(page, live_server.url + path, out_dir / f"{name}.png", problems)

    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True
    )
    phone_page = phone.new_page()
    phone_problems = watch(phone_page)
    shoot(
        phone_page,
        f"{live_server.url}/events/{SEED_BEFORE_SLUG}/",
        out_dir / "event-before-phone.png",
        phone_problems,
    )
    # Nothing wider than the phone's screen.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Dashboard").wait_for()
    for name, path in STAFF:
        shoot(page, live_server.url + path, out_dir / f"{name}.png", problems)
