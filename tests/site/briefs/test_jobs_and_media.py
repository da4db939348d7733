"""Job claiming and recovery rules, progress that survives reloads, players and ranged media."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from podium.briefs.domain import briefs as workflow
from podium.briefs.domain import jobs, transitions
from podium.briefs.domain.briefs import add_recording
from podium.briefs.domain.queries.media import player_for_url, vimeo_id, youtube_id
from podium.briefs.models import Job
from tests.site.briefs.conftest import panel_transcript

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dummy_tasks(settings):
    """Queue without running: these tests drive the job rows themselves."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_a_job_is_claimed_by_one_worker_only(event):
    job = jobs.start_job(event=event, kind=Job.Kind.GENERATE, params={"transcript": 1})
    first = jobs.claim_job(job.pk)
    assert first is not None
    assert jobs.claim_job(job.pk) is None, "a running job with a fresh heartbeat is not free"
    job.refresh_from_db()
    assert job.status == "running" and job.attempts == 1 and job.claim_token == first


def test_a_worker_that_lost_its_job_cannot_write(event):
    job = jobs.start_job(event=event, kind=Job.Kind.GENERATE, params={"transcript": 1})
    old = jobs.claim_job(job.pk)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=5))
    new = jobs.claim_job(job.pk)
    assert new and new != old
    with pytest.raises(jobs.JobLost):
        jobs.report_progress(job.pk, old, 0.5, "writing")
    with pytest.raises(jobs.JobLost):
        jobs.finish_locked(job.pk, old, result={})
    jobs.report_progress(job.pk, new, 0.5, "writing")
    job.refresh_from_db()
    assert job.attempts == 2 and job.progress == 0.5


def test_start_job_returns_the_job_already_under_way(event):
    one = jobs.start_job(event=event, kind=Job.Kind.GENERATE, params={"transcript": 1})
    two = jobs.start_job(event=event, kind=Job.Kind.GENERATE, params={"transcript": 1})
    assert one == two
    other = jobs.start_job(event=event, kind=Job.Kind.TRANSCRIBE, params={"recording": 1})
    assert other != one


def test_stalled_jobs_are_requeued_then_failed_after_too_many_attempts(event, settings):
    job = jobs.start_job(event=event, kind=Job.Kind.GENERATE, params={"transcript": 1})
    jobs.claim_job(job.pk)
    assert jobs.requeue_stale_jobs() == [], "fresh heartbeat: left alone"
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=5))
    assert jobs.requeue_stale_jobs() == [job.pk]
    job.refresh_from_db()
    assert job.status == "queued" and job.claim_token == ""

    Job.objects.filter(pk=job.pk).update(
        status="running",
        attempts=jobs.MAX_ATTEMPTS,
        heartbeat_at=timezone.now() - dt.timedelta(minutes=5),
    )
    assert jobs.requeue_stale_jobs() == []
    job.refresh_from_db()
    assert job.status == "failed" and "stopped before finishing" in job.message


def test_time_left_follows_the_pace_and_never_counts_up_while_stuck(event):
    job = jobs.start_job(event=event, kind=Job.Kind.GENERATE, params={"transcript": 1})
    token = jobs.claim_job(job.pk)
    Job.objects.filter(pk=job.pk).update(started_at=timezone.now() - dt.timedelta(seconds=30))
    jobs.report_progress(job.pk, token, 0.25, "writing")
    job.refresh_from_db()
    assert jobs.seconds_left(job) == pytest.approx(90, abs=3)
    # the percentage is stuck while time passes: the estimate counts down, never up
    Job.objects.filter(pk=job.pk).update(
        started_at=F("started_at") - dt.timedelta(seconds=60),
        estimated_end=F("estimated_end") - dt.timedelta(seconds=60),
    )
    jobs.report_progress(job.pk, token, 0.25, "writing")
    job.refresh_from_db()
    assert jobs.seconds_left(job) == pytest.approx(30, abs=3)
    Job.objects.filter(pk=job.pk).update(
        estimated_end=F("estimated_end") - dt.timedelta(seconds=60)
    )
    jobs.report_progress(job.pk, token, 0.25, "writing")
    job.refresh_from_db()
    assert jobs.seconds_left(job) is None, "past the estimate: no number rather than a wrong one"
    jobs.report_progress(job.pk, token, 0.5, "writing")  # moving again: a new estimate
    job.refresh_from_db()
    assert jobs.seconds_left(job) == pytest.approx(90, abs=3)


def test_progress_survives_a_page_reload(client, editor, event):
    job = jobs.start_job(event=event, kind=Job.Kind.TRANSCRIBE, params={"recording": 1})
    token = jobs.claim_job(job.pk)
    jobs.report_progress(job.pk, token, 0.42, "transcribing")
    client.force_login(editor)
    page = client.get(
        reverse("briefs_staff:overview", kwargs={"slug": event.slug})
    ).content.decode()
    assert "42%" in page and "transcribing" in page and 'hx-trigger="every 1s"' in page


# --- players ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/live/dQw4w9WgXcQ?si=x", "dQw4w9WgXcQ"),
        ("https://example.com/watch?v=dQw4w9WgXcQ", None),
    ],
)
def test_youtube_ids(url, expected):
    assert youtube_id(url) == expected


def test_vimeo_and_fallback_links():
    assert vimeo_id("https://vimeo.com/76979871") == "76979871"
    assert vimeo_id("https://player.vimeo.com/video/76979871?h=abc") == "76979871"
    vimeo = player_for_url("https://vimeo.com/76979871")
    assert vimeo.link_at(95.7) == "https://vimeo.com/76979871#t=95s"
    youtube = player_for_url("https://youtu.be/dQw4w9WgXcQ")
    assert youtube.link_at(640) == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=640s"
    assert "enablejsapi=1" in youtube.src
    assert player_for_url("https://example.com/video.mp4") is None


def test_public_page_embeds_youtube_with_no_script_links(client, reviewed_brief, editor):

    event = reviewed_brief.event
    workflow.add_recording(event=event, video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    transitions.approve(brief=reviewed_brief, user=editor)
    transitions.publish(brief=reviewed_brief, user=editor)
    html = client.get(reverse("events:detail", kwargs={"slug": event.slug})).content.decode()
    assert 'data-kind="youtube"' in html and "youtube.com/embed/dQw4w9WgXcQ?enablejsapi=1" in html
    t = int(panel_transcript().segments[1].start)
    assert f'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t={t}s" data-seek="{t}"' in html
    assert "briefs/player.js" in html


# --- media in storage (serving and byte ranges: tests/site/common/test_files.py) ----------


def test_workers_read_media_from_storages_without_local_paths(settings, event):
    """With a storage that has no files on disk, the worker gets a temporary copy, removed afterwards."""
    from pathlib import Path

    from podium.briefs.domain.runners import local_media_path

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    data = b"not on any disk" * 100
    recording, _ = add_recording(
        event=event, upload=SimpleUploadedFile("talk.webm", data), transcribe=False
    )
    with local_media_path(recording.media.name) as path:
        assert Path(path).read_bytes() == data and path.endswith(".webm")
    assert not Path(path).exists()
