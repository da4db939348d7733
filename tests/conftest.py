"""Shared fixtures: paths to the committed test data and the seed pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from podium.demo import SEED_AFTER_EVENT, SEED_BEFORE_EVENT

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]
QMSUM = Path(os.environ.get("PODIUM_QMSUM_DIR") or REPO / "data" / "qmsum")
"""QMSum train/val meetings, committed under data/qmsum (MIT; see its README)."""


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def seed_brief_path() -> Path:
    return SEED_AFTER_EVENT


@pytest.fixture
def seed_event_path() -> Path:
    return SEED_BEFORE_EVENT


@pytest.fixture
def qmsum_dir() -> Path:
    if not QMSUM.is_dir():
        pytest.fail(f"QMSum data not found at {QMSUM} (it is committed under data/qmsum)")
    return QMSUM


# --- Browser tests -----------------------------------------------------------
# Playwright drives Debian's Chromium (never `playwright install`). Its sync API
# runs an event loop in the test thread, so Django's async-safety guard must be
# relaxed for the ORM calls tests make beside it.
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    import os

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian chromium is not installed (make test installs it: apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
