"""The measurements of `benchmarks.briefs_site`, run inside a configured site process."""

from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.files import File  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from podium.briefs.domain.demo_media import SPEAKERS, make_demo_recording  # noqa: E402

from podium.accounts.domain.roles import assign_role  # noqa: E402
from podium.briefs.domain import briefs as workflow  # noqa: E402
from podium.briefs.domain.content import load_brief  # noqa: E402
from podium.briefs.models import Brief, Job  # noqa: E402
from podium.engine.embed import embed  # noqa: E402
from podium.events.models import Event, EventSpeaker, Person  # noqa: E402

rows: list[tuple[str, str]] = []


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def make_event(slug: str, names: list[str]) -> Event:
    event = Event.objects.create(
        title=slug, slug=slug, status="published", starts_at=timezone.now() - dt.timedelta(days=3)
    )
    for order, name in enumerate(names):
        person = Person.objects.create(name=name, slug=f"{slug}-{order}")
        EventSpeaker.objects.create(event=event, person=person, order=order)
    return event


def edit_and_review(label: str, event: Event, editor: User) -> None:
    brief = Brief.objects.get(event=event)
    section = next(load_brief(brief.current_version).sections())
    for attempt, what in ((1, "first edit (indexes the transcript)"), (2, "next edits")):
        _, seconds = timed(
            lambda attempt=attempt: workflow.edit_section(
                brief=brief,
                number=section.number,
                title=f"{section.title} ({attempt})",
                user=editor,
            )
        )
        rows.append((f"re-verify, {what}, {label}", f"{seconds:.2f} s"))
    client = Client()
    client.force_login(editor)
    url = reverse("briefs_staff:review", kwargs={"slug": event.slug})
    response, seconds = timed(lambda: client.get(url))
    assert response.status_code == 200
    rows.append(
        (f"review page, {label}", f"{seconds * 1000:.0f} ms, {len(response.content) // 1024} KB")
    )


def worker_job(job: Job) -> None:
    queued = time.perf_counter()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "django",
            "db_worker",
            "--no-reload",
            "--interval",
            "0.2",
            "--no-startup-delay",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    picked = None
    try:
        while time.perf_counter() - queued < 600:
            job.refresh_from_db()
            if picked is None and job.status != "queued":
                picked = time.perf_counter() - queued
            if job.status in ("succeeded", "failed"):
                break
            time.sleep(0.05)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
    total = time.perf_counter() - queued
    own = (job.finished_at - job.started_at).total_seconds() if job.finished_at else float("nan")
    rows.append(
        (
            f"{job.get_kind_display()} job via db_worker",
            f"{job.status}: picked up after {picked:.1f} s "
            f"(worker start included), done after {total:.1f} s, job itself {own:.1f} s",
        )
    )


def main() -> None:
    editor = User.objects.create_user("bench-editor")
    assign_role(editor, role="editor")
    _, seconds = timed(lambda: embed(["warm up"]))
    rows.append(("embedding model load (once per process)", f"{seconds:.2f} s"))

    panel = make_event("panel", [name for name, _, _ in SPEAKERS.values()])
    made = make_demo_recording(Path("media-bench"))
    from podium.engine.transcript import format_transcript

    version = workflow.add_transcript(
        event=panel,
        text=format_transcript(made.transcript, "vtt"),
        filename="panel.vtt",
        user=editor,
    )
    workflow.save_speaker_map(
        transcript_version=version,
        mapping={label: name for label, (name, _, _) in SPEAKERS.items()},
    )
    try:
        from podium.engine.write import write_brief  # noqa: F401
    except ImportError:
        rows.append(("brief writer", "not installed: generate rows skipped"))
        writer = False
    else:
        writer = True
    if writer:
        job = workflow.generate_brief(event=panel, user=editor)
        worker_job(job)
        edit_and_review(f"panel ({made.duration / 60:.0f} min)", panel, editor)

        from podium.demo import COMMITTEE_TRANSCRIPT
        from podium.engine.transcript import read_transcript

        committee_transcript = read_transcript(COMMITTEE_TRANSCRIPT)
        committee = make_event("committee", [s for s in committee_transcript.speakers if s])
        workflow.add_transcript(
            event=committee,
            text=COMMITTEE_TRANSCRIPT.read_text(),
            filename=COMMITTEE_TRANSCRIPT.name,
        )
        from podium.briefs.domain.runners import run_job

        job = workflow.generate_brief(event=committee, user=editor, enqueue=False)
        _, seconds = timed(lambda: run_job(job_id=job.pk))
        job.refresh_from_db()
        rows.append(
            (
                f"generate + verify, committee ({committee_transcript.duration / 60:.0f} min)",
                f"{job.status} in {seconds:.1f} s",
            )
        )
        edit_and_review(
            f"committee ({committee_transcript.duration / 60:.0f} min)", committee, editor
        )
    if "--no-asr" not in sys.argv:
        with made.video.open("rb") as fh:
            _, job = workflow.add_recording(event=panel, upload=File(fh, name="panel.webm"))
        worker_job(job)
    print(json.dumps(rows))


main()
