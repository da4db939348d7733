"""In Chromium: a ▶ link of a search result opens the event page with its player at that moment."""

from __future__ import annotations

import pytest
from django.core.files import File

from podium.briefs.domain import briefs as workflow
from podium.demo.media import make_demo_recording
from podium.engine.transcript import format_transcript
from tests.site.briefs.conftest import (
    PANEL_MAP,
    approve_and_publish,
    make_panel_event,
    make_user,
    panel_brief_md,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("media_tools"),
]


@pytest.fixture
def published_recording(transactional_db, tmp_path):
    """A published panel with its video: committed for real, so the index task runs on commit."""
    editor = make_user("editor")
    event = make_panel_event(title="Water Security in Coastal Cities", slug="water-security")
    made = make_demo_recording(tmp_path / "made")
    with made.video.open("rb") as fh:
        workflow.add_recording(event=event, upload=File(fh, name="panel.webm"), transcribe=False)
    version = workflow.add_transcript(
        event=event,
        text=format_transcript(made.transcript, "vtt"),
        filename="panel.vtt",
        user=editor,
    )
    workflow.save_speaker_map(transcript_version=version, mapping=PANEL_MAP, user=editor)
    workflow.import_brief(event=event, text=panel_brief_md(), user=editor, source="panel.md")
    approve_and_publish(workflow.ensure_brief(event), editor)
    return event


def test_a_search_result_seeks_the_event_player(page, live_server, published_recording):
    event = published_recording
    page.goto(f"{live_server.url}/search/?q=desalination+silver+bullet")
    hit = page.locator("[data-hit] a.archive-seek").first
    href = hit.get_attribute("href")
    seconds = int(href.split("?t=")[1].split("#")[0])
    assert href.startswith(f"/events/{event.slug}/?t=") and seconds > 5
    hit.click()
    page.wait_for_url(f"**/events/{event.slug}/?t={seconds}#recording")
    page.wait_for_function(
        "t => { const v = document.querySelector('video');"
        " return v && v.readyState >= 1 && Math.abs(v.currentTime - t) < 1; }",
        arg=seconds,
    )
    assert page.evaluate("document.querySelector('video').paused"), "cued, not playing on its own"


def test_the_ask_box_shows_verified_quotes_with_seek_links(page, live_server, published_recording):
    page.goto(f"{live_server.url}/search/")
    page.fill("#id_q", "Why is desalination not the answer?")
    page.click("[data-ask]")
    page.wait_for_selector("[data-answer]")
    quotes = page.locator("[data-quote]")
    assert 2 <= quotes.count() <= 5
    assert "verified verbatim and attributed" in quotes.first.inner_text()
    assert "?t=" in quotes.first.locator("a.archive-seek").get_attribute("href")
