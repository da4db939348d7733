"""The transcript editor and the job box in Chromium.

Journeys: a misheard word fixed beside the player (which jumps to the cue), after
which the brief's quote verifies; a turn reassigned; a label split between two
people; a failed recording removed; and the job box of an editor, which shows no
worker hints. Set PODIUM_SCREENSHOTS=docs/screenshots to refresh the picture of
the transcript editor in docs/briefs-site.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from podium.briefs.domain import briefs as workflow
from podium.briefs.domain.content import load_transcript
from podium.briefs.models import Brief, Job, Recording
from podium.engine.transcript import format_transcript
from tests.site.briefs.conftest import PANEL_MAP, make_panel_event, make_user
from tests.site.briefs.test_browser import SHOTS, faithful_brief_md, recorded, sign_in  # noqa: F401
from tests.site.briefs.test_transcript_editor import (
    HEARD,
    LEAKS_CUE,
    SAID,
    brief_quoting_wait,
    misheard_transcript,
)

pytestmark = [pytest.mark.browser]


@pytest.fixture
def page(page):
    """The shared page with a longer wait: these journeys re-verify a brief inside a request."""
    page.set_default_timeout(60_000)
    return page


@pytest.fixture
def misheard_recorded(recorded):  # noqa: F811  (the fixture imported above)
    """The panel video with a transcript that has 'weight' for 'wait', mapped, and a brief
    quoting 'wait' correctly (so that quote fails)."""
    event, _, transcript = recorded
    editor = make_user("editor")
    version = workflow.add_transcript(
        event=event,
        text=format_transcript(misheard_transcript(transcript), "vtt"),
        filename="panel.vtt",
        user=editor,
    )
    workflow.save_speaker_map(transcript_version=version, mapping=PANEL_MAP, user=editor)
    workflow.import_brief(
        event=event,
        text=brief_quoting_wait(faithful_brief_md(transcript), transcript),
        user=editor,
        source="panel.md",
    )
    return event, editor


def wait_section(page):
    return page.locator(".brief-row", has_text="Fix the Leaks First")


@pytest.mark.usefixtures("media_tools")
def test_a_transcript_word_fix_makes_the_quote_verify(page, live_server, misheard_recorded):
    event, editor = misheard_recorded
    sign_in(page, live_server, editor)
    base = f"{live_server.url}/staff/events/{event.slug}/brief/"

    page.goto(base + "review/")
    quote = wait_section(page).locator('[data-check="quote"][data-status="fail"]')
    expect(quote).to_have_count(1)
    assert "weight" in quote.inner_text(), "the suggestion would put the recognition error back"

    page.click("nav.tabs >> text=Transcript editor")
    page.wait_for_url(re.compile(r".*/brief/transcript/edit/$"))
    cue = page.locator(f'[data-cue="{LEAKS_CUE}"]')
    assert HEARD in cue.inner_text()
    start = float(cue.get_attribute("data-start"))
    cue.locator("[data-edit-cue]").click()
    textarea = page.locator(f'[data-cue-form="{LEAKS_CUE}"] textarea')
    expect(textarea).to_be_visible()
    page.wait_for_function(
        "s => { const v = document.querySelector('[data-podium-player] video');"
        " return v && Math.abs(v.currentTime - s) < 0.5; }",
        arg=start,
    )
    if SHOTS:  # the open cue in the middle of the window, beside the (sticky) player
        page.evaluate(
            "n => document.getElementById('cue-' + n).scrollIntoView({block: 'center'})",
            LEAKS_CUE,
        )
        page.screenshot(path=str(Path(SHOTS) / "transcript-editor.png"))
    textarea.fill(textarea.input_value().replace("weight", "wait"))
    page.click("[data-save-cue]")
    page.wait_for_url(re.compile(r".*/brief/transcript/edit/.*"))
    expect(page.locator(f'[data-cue="{LEAKS_CUE}"] [data-cue-text]')).to_contain_text(SAID)
    expect(page.locator("#tx-h")).to_have_text("Transcript version 2")

    page.locator("[data-verification] a:has-text('See the new findings')").click()
    page.wait_for_url(re.compile(r".*/brief/review/$"))
    expect(page.locator("[data-verified-against]").first).to_contain_text("against transcript v2")
    checks = wait_section(page).locator('[data-check="quote"]')
    expect(checks).to_have_count(1)
    assert checks.get_attribute("data-status") == "ok"
    assert "weight" not in page.locator("#review").inner_text()
    brief = Brief.objects.get(event=event)
    assert brief.current_version.origin == "reverified"
    assert brief.current_version.transcript == brief.transcript

    page.click("nav.tabs >> text=History")
    rows = page.locator("[data-version-row] [data-verified-against]")
    expect(rows.first).to_contain_text("against transcript v2")
    expect(rows.last).to_contain_text("against transcript v1")


@pytest.mark.usefixtures("media_tools")
def test_reassigning_a_turn_in_the_browser(page, live_server, misheard_recorded):
    event, editor = misheard_recorded
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/staff/events/{event.slug}/brief/transcript/edit/")
    turn = page.locator('[data-turn-index="4"]')
    expect(turn.locator("[data-turn-speaker]")).to_have_text("Maria Alvarez")
    turn.locator("details.tx-reassign summary").click()
    turn.locator("select[name=speaker]").select_option(label="Lena Fischer (SPEAKER_03)")
    turn.locator("[data-save-reassign]").click()
    page.wait_for_url(re.compile(r".*/brief/transcript/edit/.*"))
    expect(page.locator(".message--success").first).to_contain_text(
        "Turn 5 reassigned to Lena Fischer"
    )
    # Maria's question joins Lena's answer: one turn by Lena Fischer
    merged = page.locator('[data-turn-index="4"]')
    expect(merged.locator("[data-turn-speaker]")).to_have_text("Lena Fischer")
    assert "Is that the answer?" in merged.inner_text()
    assert "Desalination is not a silver bullet" in merged.inner_text()
    turns = load_transcript(Brief.objects.get(event=event).transcript).turns()
    assert turns[4].speaker == "Lena Fischer" and turns[4].text.startswith("Lena, many mayors")


@pytest.mark.usefixtures("media_tools")
def test_splitting_a_label_in_the_browser(page, live_server, misheard_recorded):
    event, editor = misheard_recorded
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/staff/events/{event.slug}/brief/transcript/edit/")
    page.click('[data-split-label="SPEAKER_00"]')
    form = page.locator("[data-split-form]")
    expect(form).to_be_visible()
    boxes = form.locator("[data-split-turn]")
    last = boxes.last.get_attribute("data-split-turn")
    boxes.last.check()
    form.locator("#split-new").fill("SPEAKER_09")
    form.locator("[data-save-split]").click()
    page.wait_for_url(re.compile(r".*/brief/transcript/edit/.*"))
    expect(page.locator('[data-label-row="SPEAKER_09"]')).to_have_count(1)
    expect(page.locator(f'[data-turn-index="{last}"]')).to_have_attribute(
        "data-label", "SPEAKER_09"
    )
    expect(page.locator('[data-turn-index="0"]')).to_have_attribute("data-label", "SPEAKER_00")
    brief = Brief.objects.get(event=event)
    assert brief.transcript.note == "Maria Alvarez split: 1 turn to SPEAKER_09"


def test_a_failed_recording_is_removed_in_the_browser(
    page, live_server, transactional_db, tmp_path
):
    event = make_panel_event()
    editor = make_user("editor")
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/staff/events/{event.slug}/brief/")
    broken = tmp_path / "panel.webm"
    broken.write_bytes(b"\x1aE\xdf\xa3 then garbage bytes")
    page.set_input_files("#id_recording_file", str(broken))
    page.locator("form[action$='/recording/'] button").click()
    page.wait_for_url(re.compile(r".*/brief/$"))
    job = Job.objects.get(event=event)
    box = page.locator(f"#job-{job.pk}")
    expect(box).to_have_attribute("data-job-status", "failed")
    expect(box.locator('[role="alert"]')).to_be_visible()
    assert "/tmp" not in box.inner_text() and str(tmp_path) not in page.content()
    expect(box.locator("[data-retry]")).to_have_count(0)
    expect(box).to_contain_text("Retrying cannot help")
    box.locator("[data-remove-recording]").click()
    page.wait_for_url(re.compile(r".*/brief/$"))
    expect(page.locator(f"#job-{job.pk} [data-recording-removed]")).to_be_visible()
    assert not Recording.objects.filter(event=event).exists()


def test_an_editor_sees_no_worker_hints(page, live_server, transactional_db, settings):
    from podium.briefs.domain import jobs

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    event = make_panel_event()
    job = jobs.start_job(event=event, kind=Job.Kind.GENERATE, params={"transcript": 1})
    sign_in(page, live_server, make_user("editor"))
    page.goto(f"{live_server.url}/staff/events/{event.slug}/brief/")
    box = page.locator(f"#job-{job.pk}")
    expect(box).to_contain_text("waiting for a worker")
    page.wait_for_timeout(1500)  # one poll of the box
    assert "podium worker" not in page.content()
    expect(page.locator("[data-worker-hint]")).to_have_count(0)
