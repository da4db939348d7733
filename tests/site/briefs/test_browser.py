"""The editor's journey in Chromium: transcript in, speakers mapped, brief reviewed, fixed, published, sought.

A short panel video is made on the spot (espeak-ng + ffmpeg) so that the
public page's ▶ times can be checked against a real HTML5 player. Set
PODIUM_SCREENSHOTS=docs/screenshots to refresh the documentation's pictures.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.core.files import File

from podium.briefs.domain import briefs as workflow
from podium.briefs.domain import transitions
from podium.briefs.domain.content import load_brief
from podium.briefs.models import Brief
from podium.demo.media import make_demo_recording
from podium.engine.transcript import format_transcript
from tests.site.briefs.conftest import PANEL_MAP, make_panel_event, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("media_tools"),
]
SHOTS = os.environ.get("PODIUM_SCREENSHOTS")


def shot(page, name: str, *, height: int | None = None) -> None:
    """Save a screenshot: the whole page, or the top `height` pixels (pages with sticky bars)."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    if height is None:
        page.screenshot(path=str(Path(SHOTS) / name), full_page=True)
        return
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(Path(SHOTS) / name))
    page.set_viewport_size(size)


@pytest.fixture
def recorded(transactional_db, tmp_path):
    """A past event with the panel video attached, and the panel's transcript file (labels unmapped)."""
    event = make_panel_event(title="Water Security in Coastal Cities", slug="water-security")
    made = make_demo_recording(tmp_path / "made")
    with made.video.open("rb") as fh:
        workflow.add_recording(event=event, upload=File(fh, name="panel.webm"), transcribe=False)
    vtt = tmp_path / "panel.vtt"
    vtt.write_text(format_transcript(made.transcript, "vtt"), encoding="utf-8")
    return event, vtt, made.transcript


def faithful_brief_md(transcript) -> str:
    """A brief of the panel written by hand (for the import path), times and quotes from the transcript."""
    named = transcript.renamed(PANEL_MAP)
    chen, okafor, fischer = named.segments[1], named.segments[3], named.segments[7]
    return f"""# Water Security in Coastal Cities

This program examined salt water in city aquifers, leaking pipes and who pays.

## Part I: The Diagnosis

### 1. Salt in the Aquifers ▶ [{int(chen.start) // 60}:{int(chen.start) % 60:02d}]

David Chen warned that rising seas push salt water into city aquifers: "eight already pump water with too much salt."

### 2. Who Pays ▶ [{int(okafor.start) // 60}:{int(okafor.start) % 60:02d}]

Amara Okafor said the poorest neighbourhoods pay first: "Families buy bottled water at ten times the price of tap water."

## Part II: The Treatment Plan

### 3. Measure First ▶ [{int(fischer.start) // 60}:{int(fischer.start) % 60:02d}]

Lena Fischer urged mayors to start with a water budget: "You cannot manage what you do not measure."
"""


def sign_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-12345678")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/staff/.*"))


@pytest.mark.parametrize("source", ["generate", "import"])
def test_editor_journey_from_transcript_to_published_brief(page, live_server, recorded, source):
    event, vtt, transcript = recorded
    editor = make_user("editor")
    sign_in(page, live_server, editor)
    base = f"{live_server.url}/staff/events/{event.slug}/brief/"

    # 1. Upload the transcript file.
    page.goto(base)
    page.set_input_files("#id_transcript_file", str(vtt))
    page.click("[data-transcript-form] button")
    page.wait_for_url(re.compile(r".*/brief/speakers/$"))

    # 2. Map the speakers; the play button sits at each label's first turn.
    assert page.locator("[data-speaker-row]").count() == 4
    first_play = page.locator('[data-speaker-row="SPEAKER_01"] th [data-seek]')
    assert int(first_play.get_attribute("data-seek")) == int(transcript.segments[1].start)
    for index, name in enumerate(PANEL_MAP.values()):
        page.select_option(f"#name-{index}", name)
    page.click("[data-save-speakers]")
    page.wait_for_url(re.compile(r".*/brief/(#generate)?$"))

    # 3. Generate (the job runs at once with the immediate backend) or import a brief.
    if source == "generate":
        # The immediate backend writes the brief inside the POST: allow for a busy machine.
        with page.expect_navigation(timeout=180_000):
            page.click("[data-generate]", no_wait_after=True)
        page.locator("[data-review-link]").first.click()
    else:
        page.locator("details.brief-import summary").click()
        page.fill("details.brief-import textarea", faithful_brief_md(transcript))
        page.locator("details.brief-import button").click()
    page.wait_for_url(re.compile(r".*/brief/review/$"))
    brief = Brief.objects.get(event=event)
    version = brief.current_version
    assert page.locator(".brief-review").get_attribute("data-version") == str(version.number)

    # 4. Break a quote in an edit: the re-verification flags it at once.
    engine_brief = load_brief(version)
    section = next(s for s in engine_brief.sections() if s.quotes)
    quote = section.quotes[0].text
    words = quote.split()
    target = next(w for w in words[1:-1] if len(w) > 3 and w.isalpha())
    broken = section.text.replace(quote, quote.replace(target, "banana", 1), 1)
    page.click(f'[data-edit-section="{section.number}"]')
    page.wait_for_selector("[data-section-form]")
    page.click("[data-section-form] a:has-text('Cancel')")
    page.wait_for_selector("[data-section-form]", state="detached")
    assert page.locator(".brief-row").count() == len(list(engine_brief.sections()))
    page.click(f'[data-edit-section="{section.number}"]')
    page.wait_for_selector("[data-section-form]")
    page.fill("#id_summary", broken)
    page.click("[data-save-section]")
    row = page.locator(f"#section-{section.number}")
    failing = row.locator('.finding[data-check="quote"][data-status="fail"]')
    failing.first.wait_for()
    assert "banana" in failing.first.inner_text()
    if source == "generate":
        shot(page, "brief-review.png", height=1500)

    # 5. Fix it with the suggestion (one click).
    failing.first.locator("[data-apply]").click()
    page.wait_for_function(
        "n => document.querySelector('.brief-review').dataset.version == n",
        arg=str(version.number + 2),
    )
    assert row.locator('.finding[data-check="quote"][data-status="fail"]').count() == 0
    brief.refresh_from_db()
    fixed = load_brief(brief.current_version).section(section.number).text
    assert "banana" not in fixed and target in fixed

    # 6. Approve (with a written override only if the writer left failing findings
    #    elsewhere), then publish: only an approved version can be published.
    if page.locator("#id_reason").count():
        page.fill("#id_reason", "Remaining findings checked against the recording by hand.")
    page.click("[data-approve]")
    page.click("[data-publish]")
    page.wait_for_selector(".pill--published")
    brief.refresh_from_db()
    assert brief.published_version_id == brief.current_version_id

    # 7. The public page: ▶ seeks the HTML5 player.
    page.goto(f"{live_server.url}/events/{event.slug}/")
    assert page.locator(".podium-brief-disclosure, .podium-brief-closing").count() >= 1
    page.wait_for_function("document.querySelector('video').readyState >= 1")
    links = page.locator("a.podium-seek")
    link = links.nth(links.count() - 1)
    seconds = float(link.get_attribute("data-seek"))
    assert seconds > 5
    link.click()
    page.wait_for_function(
        "t => Math.abs(document.querySelector('video').currentTime - t) < 1.5", arg=seconds
    )
    assert page.url.endswith(f"/events/{event.slug}/"), "the link seeks in place instead of leaving"
    if source == "generate":
        shot(page, "brief-published.png")

    # 8. History: restore the first version.
    page.goto(base + "history/")
    assert page.locator("[data-version-row]").count() == version.number + 2
    page.click('[data-restore="1"]')
    page.wait_for_url(re.compile(r".*/brief/review/$"))
    brief.refresh_from_db()
    assert brief.current_version.note == "Restored version 1"
    assert (
        load_brief(brief.current_version).section(section.number).text
        == load_brief(version).section(section.number).text
    )


def test_seek_links_work_without_scripts(browser, live_server, recorded):
    """With JavaScript off, ▶ links still open the recording at the right time (#t=)."""
    event, _, transcript = recorded
    brief = workflow.ensure_brief(event)
    editor = make_user("editor")
    workflow.add_transcript(
        event=event, text=format_transcript(transcript, "vtt"), filename="panel.vtt"
    )
    workflow.save_speaker_map(
        transcript_version=Brief.objects.get(pk=brief.pk).transcript, mapping=PANEL_MAP
    )
    workflow.import_brief(event=event, text=faithful_brief_md(transcript), user=editor)
    transitions.approve(brief=Brief.objects.get(pk=brief.pk), user=editor)
    transitions.publish(brief=Brief.objects.get(pk=brief.pk), user=editor)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/events/{event.slug}/")
    href = page.locator("a.podium-seek").first.get_attribute("href")
    assert re.search(r"/files/briefs\.recording/\d+/media/[\w-]+\.webm#t=\d+$", href)
    context.close()


def _published_with_link(event, transcript, url: str):
    """Publish the faithful brief on `event`, whose recording is the video link `url`."""
    editor = make_user("editor")
    workflow.add_recording(event=event, video_url=url)
    workflow.add_transcript(
        event=event, text=format_transcript(transcript, "vtt"), filename="panel.vtt"
    )
    brief = Brief.objects.get(event=event)
    workflow.save_speaker_map(transcript_version=brief.transcript, mapping=PANEL_MAP)
    workflow.import_brief(event=event, text=faithful_brief_md(transcript), user=editor)
    transitions.approve(brief=Brief.objects.get(event=event), user=editor)
    transitions.publish(brief=Brief.objects.get(event=event), user=editor)


FAKE_YOUTUBE_API = """
window.YT = {Player: function (id, options) {
  this.seekTo = function (t) { window.__seeks.push(t); };
  this.playVideo = function () { window.__played = true; };
  setTimeout(function () { options.events.onReady(); }, 0);
}};
window.onYouTubeIframeAPIReady();
"""
FAKE_VIMEO_API = """
window.Vimeo = {Player: function (frame) {
  this.ready = function () { return Promise.resolve(); };
  this.setCurrentTime = function (t) { window.__seeks.push(t); return Promise.resolve(t); };
  this.play = function () { window.__played = true; return Promise.resolve(); };
}};
"""


@pytest.mark.parametrize(
    ("url", "api", "fake"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/iframe_api",
            FAKE_YOUTUBE_API,
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/api/player.js", FAKE_VIMEO_API),
    ],
)
def test_seek_links_drive_youtube_and_vimeo_players(page, live_server, recorded, url, api, fake):
    """player.js calls the players' APIs (stand-ins served for the offline test) with the ▶ time."""
    event, _, transcript = recorded
    event.recordings.all().delete()
    _published_with_link(event, transcript, url)
    page.route(api, lambda route: route.fulfill(body=fake, content_type="text/javascript"))
    page.route(
        re.compile(r"https://(www\.youtube\.com/embed|player\.vimeo\.com/video)/.*"),
        lambda route: route.fulfill(
            body="<html><body>player</body></html>", content_type="text/html"
        ),
    )
    page.add_init_script("window.__seeks = [];")
    page.goto(f"{live_server.url}/events/{event.slug}/")
    page.wait_for_function("window.podiumPlayer && window.podiumPlayer.ready()")
    link = page.locator("a.podium-seek").nth(1)
    seconds = int(link.get_attribute("data-seek"))
    link.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # let the embedded frame settle after the scroll
    link.click()
    page.wait_for_function("n => window.__seeks.includes(n)", arg=seconds)
    assert page.evaluate("window.__played") is True
    assert page.url.endswith(f"/events/{event.slug}/")


def test_without_the_player_api_the_link_opens_the_video_at_that_time(page, live_server, recorded):
    event, _, transcript = recorded
    event.recordings.all().delete()
    _published_with_link(event, transcript, "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    page.route("https://www.youtube.com/iframe_api", lambda route: route.abort())
    page.route(re.compile(r"https://www\.youtube\.com/embed/.*"), lambda route: route.abort())
    opened = []

    def watch(route):
        opened.append(route.request.url)
        route.fulfill(body="<html><body>YouTube</body></html>", content_type="text/html")

    page.route(re.compile(r"https://www\.youtube\.com/watch.*"), watch)
    page.goto(f"{live_server.url}/events/{event.slug}/")
    link = page.locator("a.podium-seek").first
    seconds = int(link.get_attribute("data-seek"))
    link.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # let the embedded frame settle after the scroll
    assert page.evaluate("window.podiumPlayer.ready()") is False
    link.click()
    page.wait_for_url(re.compile(r"https://www\.youtube\.com/watch.*"))
    assert opened == [f"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t={seconds}s"]


def test_job_progress_updates_live_in_the_page(page, live_server, recorded, settings):
    """The progress box polls: the worker's writes show up without a reload, then the next step."""
    from podium.briefs.domain import jobs
    from podium.briefs.models import Job

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    event, _, _ = recorded
    job = jobs.start_job(event=event, kind=Job.Kind.TRANSCRIBE, params={"recording": 0})
    sign_in(page, live_server, make_user("editor"))
    page.goto(f"{live_server.url}/staff/events/{event.slug}/brief/")
    box = page.locator(f"#job-{job.pk}")
    assert "waiting for a worker" in box.inner_text()
    token = jobs.claim_job(job.pk)
    jobs.report_progress(job.pk, token, 0.5, "transcribing")
    page.wait_for_function(
        "id => document.querySelector('#job-' + id).innerText.includes('50% · transcribing')",
        arg=job.pk,
    )
    from django.db import transaction

    with transaction.atomic():
        jobs.finish_locked(job.pk, token, result={}, message="12 segments, 170 words")
    page.locator(f"#job-{job.pk} a:has-text('Map the speakers')").wait_for()
    assert page.locator(f"#job-{job.pk}").get_attribute("data-job-status") == "succeeded"
