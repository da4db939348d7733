"""Transcript upload: what the web request costs now that a job reads the transcript.

``python -m benchmarks.transcript_upload`` builds a fresh SQLite database in a
temporary folder and pastes a WebVTT transcript of `CUES` cues (about 5 MB)
into the editor's upload form through Django's test client, with a task
backend that only queues. It times that request, then the "read" job that
parses and stores the transcript (what the request itself did before issue
17), and prints CPU seconds, wall seconds and their ratio. It exits 1 if the
request costs more than `MAX_REQUEST_SHARE` of the job's CPU time.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

CUES = 100_000
MAX_REQUEST_SHARE = 0.10


def many_cues(count: int) -> str:
    lines = ["WEBVTT", ""]
    for i in range(count):
        stamp = f"{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}"
        lines += [f"{stamp}.000 --> {stamp}.900", f"<v SPEAKER_0{i % 3}>Point {i} on water.", ""]
    return "\n".join(lines)


def _measure(action) -> tuple[float, float, object]:
    cpu, wall = time.process_time(), time.perf_counter()
    result = action()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def bench_site(prefix: str):
    """A throwaway SQLite site (Django set up here) with one event, an editor and a client
    signed in as that editor; the task backend only queues, so the caller runs each job."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    os.environ.update(
        PODIUM_DATA_DIR=workdir,
        PODIUM_DB="sqlite",
        PODIUM_TASKS="db",
        DJANGO_SETTINGS_MODULE="podium.settings",
    )
    import django

    django.setup()
    import logging

    logging.getLogger("podium").setLevel(logging.WARNING)
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from podium.accounts.domain.roles import assign_role
    from podium.events.models import Event

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    call_command("migrate", verbosity=0)
    event = Event.objects.create(title="Bench", slug="bench", starts_at=timezone.now())
    editor = User.objects.create_user("bench-editor", password="x" * 12)
    assign_role(editor, role="editor")
    client = Client()
    client.force_login(editor)
    return event, editor, client


def main() -> int:
    event, _editor, client = bench_site("podium-bench-upload-")
    from django.urls import reverse

    from podium.briefs.domain.runners import run_job
    from podium.briefs.models import Job

    text = many_cues(CUES)
    url = reverse("briefs_staff:upload_transcript", kwargs={"slug": event.slug})

    request_cpu, request_wall, response = _measure(
        lambda: client.post(url, {"text": text, "format": "vtt"})
    )
    assert response.status_code == 302, response.status_code
    job = Job.objects.get(event=event, kind="read")
    job_cpu, job_wall, status = _measure(lambda: run_job(job_id=job.pk))
    assert status == "succeeded", Job.objects.get(pk=job.pk).message
    job.refresh_from_db()

    print(f"Transcript upload, {CUES:,} cues ({len(text.encode()) / 2**20:.1f} MB pasted)")
    print("| step | CPU s | wall s |")
    print("| --- | ---: | ---: |")
    print(f"| web request (store + queue) | {request_cpu:.2f} | {request_wall:.2f} |")
    print(
        f"| read job (parse + store; the request's work before) | {job_cpu:.2f} | {job_wall:.2f} |"
    )
    share = request_cpu / job_cpu if job_cpu else 0.0
    print(f"request / job CPU: {share:.3f} (target ≤ {MAX_REQUEST_SHARE}); {job.message}")
    return 0 if share <= MAX_REQUEST_SHARE else 1


if __name__ == "__main__":
    sys.exit(main())
