"""The editor pages under stress: huge pastes, 100k-cue transcripts, failing jobs.

Reading a transcript is a background job: the request stores the raw text and
queues it. Job messages shown to editors never carry server paths.
"""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from podium.briefs.domain.jobs import start_job
from podium.briefs.domain.runners import run_job
from podium.briefs.models import Job, TranscriptVersion
from tests.site.briefs.conftest import panel_vtt

pytestmark = pytest.mark.django_db


def staff_url(name: str, event, **kwargs) -> str:
    return reverse(f"briefs_staff:{name}", kwargs={"slug": event.slug, **kwargs})


@pytest.fixture
def editor_client(client, editor) -> Client:
    client.force_login(editor)
    return client


@pytest.fixture
def queue_only(settings):
    """Jobs are queued and wait (no worker), as on a site whose worker is busy."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def many_cues(count: int) -> str:
    lines = ["WEBVTT", ""]
    for i in range(count):
        lines += [
            f"{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}.000 --> "
            f"{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}.900",
            f"<v SPEAKER_0{i % 3}>Point number {i} about water.",
            "",
        ]
    return "\n".join(lines)


def test_a_100k_cue_transcript_is_stored_and_queued_not_parsed_in_the_request(
    editor_client, event, queue_only, django_capture_on_commit_callbacks
):
    text = many_cues(100_000)
    assert len(text.encode()) > 5 * 2**20, "bigger than Django's default 2.5 MB of form data"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            staff_url("upload_transcript", event), {"text": text, "format": "vtt"}
        )
    assert response.status_code == 302 and response["Location"] == staff_url("overview", event)
    assert not TranscriptVersion.objects.exists(), "nothing was parsed inside the request"
    job = Job.objects.get(event=event)
    assert job.kind == "read" and job.status == "queued" and job.task_id
    with default_storage.open(job.params["source"], "rb") as fh:
        assert fh.read() == text.encode(), "the raw text waits, untouched, for the worker"
    page = editor_client.get(staff_url("overview", event)).content.decode()
    assert "Transcript received; it is being read." in page and "Read transcript" in page


def test_the_read_job_stores_the_transcript_and_removes_the_raw_text(
    editor_client, event, queue_only, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("panel.vtt", panel_vtt().encode("utf-8-sig"))
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(staff_url("upload_transcript", event), {"file": upload})
    job = Job.objects.get(event=event, kind="read")
    assert run_job(job_id=job.pk) == "succeeded"
    job.refresh_from_db()
    version = TranscriptVersion.objects.get(pk=job.result["transcript"])
    assert version.original_name == "panel.vtt" and version.segment_count > 5
    assert not default_storage.exists(job.params["source"])
    fragment = editor_client.get(staff_url("job", event, job_id=job.pk)).content.decode()
    assert f"{version.segment_count} segments" in fragment and "Map the speakers" in fragment


def test_a_paste_over_the_old_2_5_mb_limit_is_accepted(
    editor_client, event, queue_only, django_capture_on_commit_callbacks
):
    text = panel_vtt() + "\nNOTE " + "padding " * 400_000  # about 3.2 MB
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            staff_url("upload_transcript", event), {"text": text, "format": "vtt"}
        )
    assert response.status_code == 302
    assert Job.objects.filter(event=event, kind="read", status="queued").exists()


def test_a_paste_over_the_limit_gets_a_form_error_naming_it(editor_client, event, settings):
    settings.PODIUM_MAX_UPLOAD_MB = {**settings.PODIUM_MAX_UPLOAD_MB, "transcript": 1}
    text = "WEBVTT\n\n" + "x" * (1_200_000)
    response = editor_client.post(staff_url("upload_transcript", event), {"text": text})
    assert response.status_code == 400
    assert (
        "Pasted transcript: 1.1 MB; transcripts may be at most 1 MB (PODIUM_MAX_TRANSCRIPT_MB)."
        in response.content.decode()
    )
    assert not Job.objects.exists()


def test_a_body_over_djangos_limit_gets_a_page_naming_the_limit(editor_client, event, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2**20
    editor_client.raise_request_exception = False
    response = editor_client.post(staff_url("upload_transcript", event), {"text": "x" * 2**21})
    assert response.status_code == 400
    page = response.content.decode()
    assert "more than 1 MB of text" in page and "Upload a large transcript as a file" in page


def test_a_second_upload_while_one_is_read_is_refused_not_lost(
    editor_client, event, queue_only, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(staff_url("upload_transcript", event), {"text": panel_vtt()})
    second = editor_client.post(staff_url("upload_transcript", event), {"text": panel_vtt()})
    assert second.status_code == 400
    assert "still being read" in second.content.decode()
    assert Job.objects.filter(event=event, kind="read").count() == 1


def test_job_errors_name_the_file_not_the_server_path(
    editor_client, event, queue_only, django_capture_on_commit_callbacks, settings
):
    fake = SimpleUploadedFile("Panel Recording.webm", b"\x1aE\xdf\xa3 then not a video at all")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(staff_url("upload_recording", event), {"file": fake})
    assert response.status_code == 302
    job = Job.objects.get(event=event, kind="transcribe")
    assert run_job(job_id=job.pk) == "failed"
    page = editor_client.get(staff_url("job", event, job_id=job.pk)).content.decode()
    assert "Panel Recording.webm: not an audio or video file" in page
    assert str(settings.MEDIA_ROOT) not in page and "/tmp" not in page
    job.refresh_from_db()
    assert str(settings.MEDIA_ROOT) in job.error, "the detail stays with the job for the log"


def test_unexpected_job_errors_show_a_message_not_the_exception(editor_client, event, queue_only):
    job = start_job(
        event=event, kind=Job.Kind.GENERATE, params={"transcript": 987654}, enqueue=False
    )
    assert run_job(job_id=job.pk) == "failed"
    page = editor_client.get(staff_url("job", event, job_id=job.pk)).content.decode()
    assert f"Something went wrong on the server (job {job.pk})" in page
    assert "DoesNotExist" not in page and "Traceback" not in page
    job.refresh_from_db()
    assert "DoesNotExist" in job.error
