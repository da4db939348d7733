"""Every brief page through HTTP: permissions, the editor workflow, public pages and downloads."""

from __future__ import annotations

import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from podium.briefs.domain import briefs as workflow
from podium.briefs.domain import transitions
from podium.briefs.domain.content import load_brief
from podium.briefs.models import Brief, Job, Override
from podium.engine.timefmt import format_time
from tests.site.briefs.conftest import PANEL_MAP, make_user, panel_transcript, panel_vtt

pytestmark = pytest.mark.django_db


def staff_url(name: str, event, **kwargs) -> str:
    return reverse(f"briefs_staff:{name}", kwargs={"slug": event.slug, **kwargs})


def public_url(name: str, event, **kwargs) -> str:
    return reverse(f"briefs:{name}", kwargs={"slug": event.slug, **kwargs})


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# --- permissions ------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in_and_people_without_a_role_are_refused(client, event):
    response = client.get(staff_url("overview", event))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_user(None))
    assert client.get(staff_url("overview", event)).status_code == 403
    assert client.post(staff_url("publish", event)).status_code == 403


def test_events_staff_can_look_but_not_edit_or_publish(client, reviewed_brief, events_staff):
    event = reviewed_brief.event
    client.force_login(events_staff)
    assert client.get(staff_url("overview", event)).status_code == 200
    review = client.get(staff_url("review", event))
    assert review.status_code == 200
    assert b"Only editors can publish." in review.content
    assert b"data-apply" not in review.content and b"data-edit-section" not in review.content
    assert client.post(staff_url("publish", event)).status_code == 403
    assert (
        client.post(
            staff_url("section_edit", event, number=1), {"title": "x", "summary": "y"}
        ).status_code
        == 403
    )
    upload = SimpleUploadedFile("panel.vtt", panel_vtt().encode())
    assert client.post(staff_url("upload_transcript", event), {"file": upload}).status_code == 403
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.published_version is None and reviewed_brief.current_version.number == 1


# --- upload, speakers ------------------------------------------------------------------


def test_upload_transcript_then_map_speakers(
    editor_client, event, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("panel.vtt", panel_vtt().encode(), content_type="text/vtt")
    with django_capture_on_commit_callbacks(execute=True):  # the job runs once the row is saved
        response = editor_client.post(staff_url("upload_transcript", event), {"file": upload})
    assert response.status_code == 302 and response["Location"] == staff_url("overview", event)
    overview = editor_client.get(staff_url("overview", event)).content.decode()
    assert "Read transcript" in overview and "Map the speakers" in overview

    page = editor_client.get(staff_url("speakers", event))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-speaker-row="SPEAKER_01"' in html and "Rising seas push salt water" in html
    assert 'data-seek="' in html, "each label has a play button at its first turn"

    form = {"label": list(PANEL_MAP)} | {
        f"name-{i}": name for i, name in enumerate(PANEL_MAP.values())
    }
    response = editor_client.post(staff_url("speakers", event), form)
    assert response.status_code == 302
    brief = Brief.objects.get(event=event)
    assert brief.transcript.speaker_map == PANEL_MAP
    page = editor_client.get(staff_url("speakers", event)).content.decode()
    assert '<option value="David Chen" selected>' in page, "the saved map is shown again"


def test_a_bad_transcript_is_refused_with_file_and_line(
    editor_client, event, django_capture_on_commit_callbacks
):
    bad = SimpleUploadedFile("broken.vtt", b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nBackwards\n")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(staff_url("upload_transcript", event), {"file": bad})
    job = Job.objects.get(event=event, kind="read")
    assert job.status == "failed" and job.message.startswith("broken.vtt")
    page = editor_client.get(staff_url("job", event, job_id=job.pk)).content.decode()
    assert 'role="alert"' in page and "broken.vtt" in page
    empty = editor_client.post(staff_url("upload_transcript", event), {"text": "  "})
    assert empty.status_code == 400 and b"Choose a transcript file" in empty.content


def test_pasted_transcript_with_video_link(
    editor_client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            staff_url("upload_transcript", event),
            {
                "text": panel_vtt(),
                "format": "vtt",
                "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            },
        )
    assert response.status_code == 302
    page = editor_client.get(staff_url("overview", event)).content.decode()
    assert "youtube.com/embed/dQw4w9WgXcQ?enablejsapi=1" in page


def test_recording_upload_starts_speech_to_text_and_progress_polls(
    editor_client, event, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    video = SimpleUploadedFile(
        "panel.webm", b"\x1aE\xdf\xa3 not really a video", content_type="video/webm"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(staff_url("upload_recording", event), {"file": video})
    assert response.status_code == 302
    job = Job.objects.get(event=event)
    assert job.kind == "transcribe" and job.status == "queued" and job.task_id
    fragment = editor_client.get(staff_url("job", event, job_id=job.pk), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in fragment.content.decode()
    assert b"waiting for a worker" in fragment.content

    wrong = editor_client.post(
        staff_url("upload_recording", event), {"file": SimpleUploadedFile("notes.pdf", b"%PDF")}
    )
    assert wrong.status_code == 400 and b"not one of the accepted recordings" in wrong.content


def test_a_file_that_is_not_media_fails_without_retry_and_can_be_removed(
    editor_client, event, settings, django_capture_on_commit_callbacks
):
    """A recording that only starts like media fails with the engine's message; a retry could
    not succeed, so there is no Retry: the editor removes the file (or replaces it)."""
    from podium.briefs.domain.runners import run_job
    from podium.briefs.models import Recording

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            staff_url("upload_recording", event),
            {"file": SimpleUploadedFile("panel.webm", b"\x1aE\xdf\xa3 then garbage bytes")},
        )
    job = Job.objects.get(event=event)
    assert run_job(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.retryable is False
    fragment = editor_client.get(staff_url("job", event, job_id=job.pk)).content.decode()
    assert 'role="alert"' in fragment and "every 1s" not in fragment
    assert "data-retry" not in fragment and "Retrying cannot help" in fragment
    recording = Recording.objects.get(event=event)
    assert f'data-remove-recording="{recording.pk}"' in fragment
    assert f'data-replace-recording="{recording.pk}"' in fragment
    refused = editor_client.post(
        staff_url("job_retry", event, job_id=job.pk), HTTP_HX_REQUEST="true"
    )
    assert refused.status_code == 400 and "Retrying cannot help" in refused.content.decode()
    job.refresh_from_db()
    assert job.status == "failed"

    stored = recording.media.name
    assert default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        removed = editor_client.post(
            staff_url("recording_remove", event, recording_id=recording.pk)
        )
    assert removed.status_code == 302
    assert not Recording.objects.filter(event=event).exists()
    assert not default_storage.exists(stored), "the broken file is deleted, not left attached"
    page = editor_client.get(staff_url("overview", event)).content.decode()
    assert "The recording was removed." in page and "data-remove-recording" not in page


def test_a_failed_recording_can_be_replaced(
    editor_client, event, settings, django_capture_on_commit_callbacks
):
    from podium.briefs.domain.runners import run_job
    from podium.briefs.models import Recording

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            staff_url("upload_recording", event),
            {"file": SimpleUploadedFile("panel.webm", b"\x1aE\xdf\xa3 then garbage bytes")},
        )
    job = Job.objects.get(event=event)
    run_job(job_id=job.pk)
    old = Recording.objects.get(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            staff_url("recording_replace", event, recording_id=old.pk),
            {"file": SimpleUploadedFile("panel-2.webm", b"\x1aE\xdf\xa3 other bytes")},
        )
    assert response.status_code == 302
    (new,) = Recording.objects.filter(event=event)
    assert new.pk != old.pk and new.original_name == "panel-2.webm"
    queued = Job.objects.filter(event=event, status="queued").get()
    assert queued.params["recording"] == new.pk
    busy = editor_client.post(
        staff_url("recording_remove", event, recording_id=new.pk), follow=True
    )
    assert "still reading this recording" in busy.content.decode()
    assert Recording.objects.filter(pk=new.pk).exists()


def test_a_job_whose_worker_kept_dying_offers_retry(editor_client, event, settings):
    """A worker crash or timeout may not happen again: Retry is offered and queues the job."""
    import datetime as dt

    from django.utils import timezone

    from podium.briefs.domain import jobs

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    job = jobs.start_job(event=event, kind=Job.Kind.GENERATE, params={"transcript": 1})
    jobs.claim_job(job.pk)
    Job.objects.filter(pk=job.pk).update(
        attempts=jobs.MAX_ATTEMPTS, heartbeat_at=timezone.now() - dt.timedelta(minutes=5)
    )
    fragment = editor_client.get(staff_url("job", event, job_id=job.pk)).content.decode()
    job.refresh_from_db()
    assert job.status == "failed" and job.retryable
    assert "stopped before finishing" in fragment and "data-retry" in fragment
    response = editor_client.post(
        staff_url("job_retry", event, job_id=job.pk), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and b"every 1s" in response.content
    job.refresh_from_db()
    assert job.status == "queued" and job.attempts == 0


def test_worker_hints_are_for_administrators_only(event, settings):
    from podium.briefs.domain import jobs

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    job = jobs.start_job(event=event, kind=Job.Kind.GENERATE, params={"transcript": 1})
    url = staff_url("job", event, job_id=job.pk)
    for role, shown in (("editor", False), ("events_staff", False), ("administrator", True)):
        client = Client()
        client.force_login(make_user(role))
        html = client.get(url).content.decode()
        assert ("podium worker" in html) is shown, role
        overview = client.get(staff_url("overview", event)).content.decode()
        assert ("podium worker" in overview) is shown, role


# --- review, edit, publish ------------------------------------------------------------------


def test_review_shows_sections_beside_their_findings(editor_client, reviewed_brief):
    html = editor_client.get(staff_url("review", reviewed_brief.event)).content.decode()
    assert 'id="section-1"' in html and 'id="section-2"' in html
    assert 'data-check="quote"' in html and 'data-status="ok"' in html
    assert "Found verbatim" in html or "verbatim" in html
    assert 'data-seek="' in html, "evidence times play the recording"
    assert "data-approve" in html and "Override and approve" not in html, "no fail: plain approve"
    assert "data-publish" not in html and "Approve this version to publish it." in html


def test_editing_a_section_over_htmx_reverifies_and_shows_the_failure(
    editor_client, reviewed_brief
):
    event = reviewed_brief.event
    form = editor_client.get(staff_url("section_edit", event, number=1), HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and b"data-section-form" in form.content
    assert b"<html" not in form.content, "HTMX gets the fragment"
    summary = (
        load_brief(reviewed_brief.current_version)
        .section(1)
        .text.replace("pump water", "sell water")
    )
    response = editor_client.post(
        staff_url("section_edit", event, number=1),
        {
            "title": "Salt in the Aquifers",
            "start": format_time(panel_transcript().segments[1].start),
            "speaker": "David Chen",
            "summary": summary,
            "version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-version="2"' in html
    assert 'class="brief-row brief-row--fail"' in html and 'data-status="fail"' in html
    assert "Override and approve" in html and "data-apply" in html

    reviewed_brief.refresh_from_db()
    findings = reviewed_brief.current_version.report["findings"]
    index = next(
        i for i, f in enumerate(findings) if f["status"] == "fail" and f["check"] == "quote"
    )
    fixed = editor_client.post(
        staff_url("apply", event, index=index), {"version": 2}, HTTP_HX_REQUEST="true"
    )
    assert fixed.status_code == 200 and 'data-version="3"' in fixed.content.decode()
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.current_version.fail_count == 0


def test_a_bad_time_in_the_edit_form_is_reported(editor_client, reviewed_brief):
    response = editor_client.post(
        staff_url("section_edit", reviewed_brief.event, number=1),
        {
            "title": "Salt",
            "start": "later",
            "speaker": "David Chen",
            "summary": "David Chen spoke.",
            "version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400 and "is not a time" in response.content.decode()


def test_fail_blocks_approval_until_an_editor_overrides_with_a_reason(
    editor_client, reviewed_brief, editor
):
    event = reviewed_brief.event
    workflow.edit_section(brief=reviewed_brief, number=2, speaker="Lena Fischer", user=editor)
    blocked = editor_client.post(staff_url("approve", event), {"version": 2}, follow=True)
    assert "failing finding" in blocked.content.decode()
    unapproved = editor_client.post(staff_url("publish", event), {"version": 2})
    assert unapproved.status_code == 400
    assert "Version 2 is not approved yet" in unapproved.content.decode()
    assert (
        editor_client.get(reverse("events:detail", kwargs={"slug": event.slug})).content.count(
            b"Program Brief"
        )
        == 0
    )

    response = editor_client.post(
        staff_url("approve", event),
        {"reason": "Checked with the recording by hand.", "version": 2},
    )
    assert response.status_code == 302
    assert editor_client.post(staff_url("publish", event), {"version": 2}).status_code == 302
    record = Override.objects.get()
    assert record.user == editor
    other_editor = make_user("editor")
    editor_client.force_login(other_editor)
    review = editor_client.get(staff_url("review", event)).content.decode()
    assert "Checked with the recording by hand." in review, "the override is shown to other editors"
    public = editor_client.get(
        reverse("events:detail", kwargs={"slug": event.slug})
    ).content.decode()
    assert "Program Brief" in public and "Who Pays" in public


def test_approve_publish_unpublish(editor_client, reviewed_brief):
    event = reviewed_brief.event
    assert editor_client.post(staff_url("approve", event), {"version": 1}).status_code == 302
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.status == "approved" and reviewed_brief.approved_by is not None
    editor_client.post(staff_url("publish", event), {"version": 1})
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.status == "published"
    editor_client.post(staff_url("unpublish", event))
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.published_version is None
    assert reviewed_brief.status == "in_review"
    actions = list(
        reviewed_brief.state_changes.order_by("id").values_list("action", "previous", "state")
    )
    assert actions[-3:] == [
        ("approve", "in_review", "approved"),
        ("publish", "approved", "published"),
        ("unpublish", "published", "in_review"),
    ]


def test_an_illegal_state_change_is_a_message_not_an_error(editor_client, reviewed_brief):
    event = reviewed_brief.event
    editor_client.post(staff_url("approve", event), {"version": 1})
    editor_client.post(staff_url("publish", event), {"version": 1})
    page = editor_client.post(staff_url("approve", event), {"version": 1}, follow=True)
    assert page.status_code == 200
    assert "A brief that is published cannot become approved." in page.content.decode()
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.status == "published"
    unpublished = editor_client.post(staff_url("unpublish", event), follow=True)
    again = editor_client.post(staff_url("unpublish", event), follow=True)
    assert unpublished.status_code == again.status_code == 200
    assert "The brief is not published." in again.content.decode()


# --- history ------------------------------------------------------------------------------


def test_history_diff_and_restore_pages(editor_client, reviewed_brief, editor):
    event = reviewed_brief.event
    workflow.edit_section(brief=reviewed_brief, number=2, title="Who Pays First", user=editor)
    history = editor_client.get(staff_url("history", event)).content.decode()
    assert 'data-version-row="1"' in history and 'data-version-row="2"' in history
    assert "Section 2: title edited" in history and editor.username in history
    diff = editor_client.get(staff_url("diff", event) + "?a=1&b=2").content.decode()
    assert "diff--add" in diff and "Who Pays First" in diff
    assert editor_client.get(staff_url("diff", event) + "?a=1&b=9").status_code == 404
    response = editor_client.post(staff_url("restore", event, number=1), {"version": 2})
    assert response.status_code == 302
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.current_version.number == 3
    assert load_brief(reviewed_brief.current_version).section(2).title == "Who Pays"


# --- public ---------------------------------------------------------------------------------


def test_public_never_sees_a_draft(client, reviewed_brief):
    event = reviewed_brief.event
    page = client.get(reverse("events:detail", kwargs={"slug": event.slug})).content.decode()
    assert "Program Brief" not in page and "Salt in the Aquifers" not in page
    for fmt in ("txt", "md", "html", "json"):
        assert client.get(public_url("brief_download", event, fmt=fmt)).status_code == 404
    assert client.get(public_url("transcript_page", event)).status_code == 404


def test_published_brief_on_the_event_page_and_downloads(client, reviewed_brief, editor):
    event = reviewed_brief.event
    transitions.approve(brief=reviewed_brief, user=editor)
    transitions.publish(brief=reviewed_brief, user=editor)
    page = client.get(reverse("events:detail", kwargs={"slug": event.slug})).content.decode()
    assert "Program Brief" in page and "1. Salt in the Aquifers" in page
    start = panel_transcript().segments[1].start
    assert f'data-seek="{int(start)}"' in page and f"▶ [{format_time(start)}]" in page
    assert "artificial intelligence" in page, "the disclosure line is shown"
    for fmt, marker in (
        ("txt", "Salt in the Aquifers"),
        ("md", "Salt in the Aquifers"),
        ("html", "<h"),
        ("json", '"title"'),
    ):
        response = client.get(public_url("brief_download", event, fmt=fmt))
        assert response.status_code == 200 and marker in response.content.decode()
    assert json.loads(client.get(public_url("brief_download", event, fmt="json")).content)["title"]
    assert client.get(public_url("brief_download", event, fmt="exe")).status_code == 404


def test_transcript_page_and_downloads_only_when_shown(client, reviewed_brief, editor):
    event = reviewed_brief.event
    assert client.get(public_url("transcript_download", event, fmt="vtt")).status_code == 404
    event_page = reverse("events:detail", kwargs={"slug": event.slug})
    assert "data-transcript-search" not in client.get(event_page).content.decode()
    workflow.set_transcript_visibility(brief=reviewed_brief, show=True)
    on_event_page = client.get(event_page).content.decode()
    assert "data-transcript-search" in on_event_page and 'data-seek="1"' in on_event_page
    assert "Families buy bottled water" in on_event_page
    page = client.get(public_url("transcript_page", event)).content.decode()
    assert "data-transcript-search" in page and "David Chen" in page and "SPEAKER_01" not in page
    vtt = client.get(public_url("transcript_download", event, fmt="vtt")).content.decode()
    assert vtt.startswith("WEBVTT") and "<v David Chen>" in vtt
    srt = client.get(public_url("transcript_download", event, fmt="srt")).content.decode()
    assert "-->" in srt and "," in srt.split("-->")[0]
    assert (
        "Maria Alvarez"
        in client.get(public_url("transcript_download", event, fmt="txt")).content.decode()
    )


def test_a_draft_event_hides_even_a_published_brief(client, reviewed_brief, editor):
    event = reviewed_brief.event
    transitions.approve(brief=reviewed_brief, user=editor)
    transitions.publish(brief=reviewed_brief, user=editor)
    event.status = "draft"
    event.save()
    assert client.get(public_url("brief_download", event, fmt="txt")).status_code == 404
