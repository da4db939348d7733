"""Transcript editor: what one word fix costs on a long transcript.

``python -m benchmarks.transcript_edit`` builds a fresh SQLite database in a
temporary folder, stores a WebVTT transcript of `CUES` cues through the "read"
job (the reference, measured in the same run), then, through Django's test
client with a task backend that only queues: opens the transcript editor (one
page of turns), saves a word fix of one cue (a new transcript version), and
runs the queued re-verification job of a one-section brief. It prints CPU and
wall seconds and the ratios to the read job, and exits 1 if saving a word fix
costs more than `MAX_EDIT_SHARE` of the read job's CPU time (an edit re-reads
and re-writes the stored JSON, never re-parses the uploaded text).
"""

from __future__ import annotations

import sys

from benchmarks.transcript_upload import _measure, bench_site, many_cues

CUES = 20_000
MAX_EDIT_SHARE = 1.0


def main() -> int:
    event, editor, client = bench_site("podium-bench-edit-")
    from django.urls import reverse

    from podium.briefs.domain import briefs as workflow
    from podium.briefs.domain.runners import run_job
    from podium.briefs.models import Brief, Job

    def url(name, **kwargs):
        return reverse(f"briefs_staff:{name}", kwargs={"slug": event.slug, **kwargs})

    client.post(url("upload_transcript"), {"text": many_cues(CUES), "format": "vtt"})
    read = Job.objects.get(event=event, kind="read")
    read_cpu, read_wall, status = _measure(lambda: run_job(job_id=read.pk))
    assert status == "succeeded", Job.objects.get(pk=read.pk).message
    workflow.import_brief(
        event=event,
        text='# Bench\n\n## Part I\n\n### 1. Water ▶ [0:07]\n\nA speaker said: "Point 7 on water."\n',
        user=editor,
    )
    number = Brief.objects.get(event=event).transcript.number

    page_cpu, page_wall, page = _measure(lambda: client.get(url("transcript_editor")))
    assert page.status_code == 200, page.status_code
    edit_cpu, edit_wall, saved = _measure(
        lambda: client.post(
            url("transcript_cue", index=7),
            {"text": "Point 7 on the water.", "transcript_version": number},
        )
    )
    assert saved.status_code == 302, saved.status_code
    verify = Job.objects.get(event=event, kind="verify")
    verify_cpu, verify_wall, status = _measure(lambda: run_job(job_id=verify.pk))
    assert status == "succeeded", Job.objects.get(pk=verify.pk).message

    print(f"Transcript editor, {CUES:,} cues")
    print("| step | CPU s | wall s | CPU / read job |")
    print("| --- | ---: | ---: | ---: |")
    for name, cpu, wall in (
        ("read job (reference: parse + store the upload)", read_cpu, read_wall),
        ("open the editor (150 turns shown)", page_cpu, page_wall),
        ("save a word fix (new transcript version, queue re-verify)", edit_cpu, edit_wall),
        ("re-verify job (index the new transcript, verify, new version)", verify_cpu, verify_wall),
    ):
        print(f"| {name} | {cpu:.2f} | {wall:.2f} | {cpu / read_cpu:.2f} |")
    share = edit_cpu / read_cpu if read_cpu else 0.0
    print(f"word fix / read job CPU: {share:.2f} (target ≤ {MAX_EDIT_SHARE})")
    return 0 if share <= MAX_EDIT_SHARE else 1


if __name__ == "__main__":
    sys.exit(main())
