"""What a worker does with a job: reading a transcript, speech-to-text or writing a brief, then one atomic write.

Engine calls (`podium.engine.asr.transcribe`, `podium.engine.write.write_brief`)
run outside any transaction with a progress callback that writes to the job
row; the result is written, and the job marked done, in one transaction at the
end. Bad input becomes a failed job with the engine's one-line message.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import traceback
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction

from podium.briefs.domain.briefs import WorkflowError
from podium.briefs.domain.jobs import (
    Heartbeat,
    JobLost,
    ProgressReporter,
    claim_job,
    finish_locked,
    mark_failed,
)
from podium.briefs.models import Job
from podium.engine.errors import InputError, PodiumError

log = logging.getLogger(__name__)


def run_job(*, job_id: int) -> str:
    """Claim and run job `job_id`; returns its final status (or "skipped" if not ours)."""
    token = claim_job(job_id)
    if token is None:
        log.info("job %s skipped: done, or held by another worker", job_id)
        return "skipped"
    job = Job.objects.select_related("event").get(pk=job_id)
    log.info("job %s (%s) started, attempt %s", job.pk, job.kind, job.attempts)
    try:
        with Heartbeat(job.pk, token):
            if job.kind == Job.Kind.READ:
                _read(job, token)
            elif job.kind == Job.Kind.TRANSCRIBE:
                _transcribe(job, token)
            elif job.kind == Job.Kind.GENERATE:
                _generate(job, token)
            elif job.kind == Job.Kind.VERIFY:
                _verify(job, token)
            else:
                raise ValueError(f"unknown job kind {job.kind!r}")
    except JobLost:
        log.warning("job %s lost to another worker; stopping", job.pk)
        return "lost"
    except (PodiumError, WorkflowError) as exc:
        log.warning("job %s failed: %s", job.pk, exc)
        mark_failed(
            job.pk,
            token,
            message=without_server_paths(str(exc)),
            error=traceback.format_exc(),
            retryable=retry_can_succeed(exc),
        )
        return "failed"
    except Exception:
        log.exception("job %s failed", job.pk)
        mark_failed(
            job.pk,
            token,
            message=f"Something went wrong on the server (job {job.pk}). "
            "The details are in the worker's log; retry, or ask an administrator.",
            error=traceback.format_exc(),
        )
        return "failed"
    return "succeeded"


def retry_can_succeed(exc: BaseException) -> bool:
    """Whether running the job again could end differently (Retry is offered only then).

    Bad input (`InputError`: a file that is not media, cannot be decoded, a transcript
    no reader accepts, an upload that is gone) fails the same way every time; a missing
    model, an LLM that did not answer or a worker that crashed may not.
    """
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (InputError, InputGone)):
            return False
        exc = exc.__cause__
    return True


class InputGone(WorkflowError):
    """The job's stored input no longer exists: a retry would find it missing again."""


_SERVER_PATH = re.compile(r"(?<![\w.:/])(?:/[^\s/:'\"]+)+/([^\s/:'\"]+)")


def without_server_paths(message: str) -> str:
    """`message` with absolute paths cut to their file names: editors see no server layout.

    The full message stays in the job's `error` field and in the log.
    """
    return _SERVER_PATH.sub(r"\1", message)


@contextmanager
def local_media_path(name: str):
    """A local file path for a stored file: the file itself on disk storage, else a temporary copy."""
    try:
        local = default_storage.path(name)
    except NotImplementedError:
        local = None
    if local and os.path.isfile(local):  # some storages give paths with no file behind them
        yield local
        return
    suffix = Path(name).suffix
    fd, path = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as out, default_storage.open(name, "rb") as src:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                out.write(chunk)
        yield path
    finally:
        os.unlink(path)


def asr_defaults() -> dict:
    """Speech-to-text options from settings: `PODIUM_ASR_MODEL` (base) and `PODIUM_ASR_LANGUAGE`."""
    options = {
        "model": getattr(settings, "PODIUM_ASR_MODEL", None)
        or os.environ.get("PODIUM_ASR_MODEL", "base")
    }
    language = getattr(settings, "PODIUM_ASR_LANGUAGE", None) or os.environ.get(
        "PODIUM_ASR_LANGUAGE"
    )
    if language:
        options["language"] = language
    return options


def transcribe_options(job: Job) -> dict:
    """The `TranscribeOptions` fields of a speech-to-text job: the site's defaults, the
    event's vocabulary as Whisper's prompt (names, organisations, topics, the staff's word
    list: `content.event_vocabulary`), then the job's own options."""
    from podium.briefs.domain.content import event_vocabulary
    from podium.engine.asr.vocabulary import initial_prompt

    return {
        **asr_defaults(),
        "initial_prompt": initial_prompt(event_vocabulary(job.event)),
        **job.params.get("options", {}),
    }


def _transcribe(job: Job, token: str) -> None:
    from podium.briefs.domain.briefs import store_transcript
    from podium.briefs.models import Recording
    from podium.engine.asr import TranscribeOptions, transcribe

    recording = Recording.objects.get(pk=job.params["recording"])
    options = TranscribeOptions(**transcribe_options(job))
    progress = ProgressReporter(job.pk, token, end=0.98)
    with local_media_path(recording.media.name) as path:
        try:
            transcript = transcribe(path, options=options, progress=progress)
        except PodiumError as exc:  # name the file as the editor knows it
            shown = recording.original_name or os.path.basename(recording.media.name)
            raise WorkflowError(str(exc).replace(path, shown)) from exc
    with transaction.atomic():
        version = store_transcript(
            event=job.event,
            transcript=transcript,
            origin="speech",
            source_format="speech",
            original_name=recording.original_name,
            recording=recording,
            user=job.created_by,
        )
        if transcript.duration and not recording.duration:
            recording.duration = transcript.duration
            recording.save(update_fields=["duration"])
        finish_locked(
            job.pk,
            token,
            result={"transcript": version.pk},
            message=f"{version.segment_count} segments, {version.word_count} words",
        )


def _read(job: Job, token: str) -> None:
    """Parse an uploaded or pasted transcript stored by `queue_transcript`; store it in one go."""
    from podium.briefs.domain.briefs import (
        add_parsed_transcript,
        decode_transcript,
        read_transcript,
    )
    from podium.briefs.domain.jobs import report_progress

    source, filename = job.params["source"], job.params.get("filename", "")
    if not default_storage.exists(source):
        raise InputGone(f"{filename}: the uploaded text is gone; upload it again.")
    with default_storage.open(source, "rb") as fh:
        text = decode_transcript(fh.read())
    report_progress(job.pk, token, 0.05, "reading the transcript")
    transcript = read_transcript(text=text, filename=filename, format=job.params.get("format"))
    report_progress(job.pk, token, 0.9, "storing the transcript")
    with transaction.atomic():
        version = add_parsed_transcript(
            event=job.event,
            transcript=transcript,
            filename=filename,
            format=job.params.get("format") or None,
            user=job.created_by,
            origin=job.params.get("origin", "upload"),
        )
        finish_locked(
            job.pk,
            token,
            result={"transcript": version.pk},
            message=f"{version.segment_count} segments, {version.word_count} words",
        )
    default_storage.delete(source)


def _generate(job: Job, token: str) -> None:
    from podium.briefs.domain.briefs import ensure_brief, event_details, save_version
    from podium.briefs.domain.content import event_speakers, load_transcript
    from podium.briefs.models import BriefVersion, TranscriptVersion
    from podium.engine.write import write_brief

    transcript_version = TranscriptVersion.objects.get(pk=job.params["transcript"])
    transcript = load_transcript(transcript_version)
    speakers = event_speakers(job.event) or None
    progress = ProgressReporter(job.pk, token, end=0.98)
    result = write_brief(
        transcript,
        event=event_details(job.event),
        speakers=speakers,
        sections=int(job.params.get("sections", 8)),
        writer=job.params.get("writer", "extractive"),
        progress=progress,
    )
    with transaction.atomic():
        brief = ensure_brief(job.event)
        version = save_version(
            brief=brief,
            engine_brief=result.brief,
            origin=BriefVersion.Origin.GENERATED,
            user=job.created_by,
            note=f"Generated by the {job.params.get('writer', 'extractive')} writer",
            report=result.report,
            transcript=transcript_version,
            writer={
                "writer": job.params.get("writer", "extractive"),
                "sections": int(job.params.get("sections", 8)),
                "repairs": list(result.repairs),
                "metadata": dict(getattr(result.brief, "metadata", {}) or {}),
            },
        )
        finish_locked(
            job.pk,
            token,
            result={"version": version.pk},
            message=f"Version {version.number}: {version.fail_count} fail, "
            f"{version.warn_count} warn, {version.ok_count} ok",
        )


def _verify(job: Job, token: str) -> None:
    """Re-verify the brief's current version against the event's current transcript.

    The result is a new version (origin "re-verified") carrying the transcript
    version it was checked against; old versions and their reports stay as they were.
    If the transcript changed again while this ran, it verifies once more.
    """
    from podium.briefs.domain.briefs import ensure_brief, reverify_current
    from podium.briefs.domain.jobs import report_progress

    brief = ensure_brief(job.event)
    report_progress(job.pk, token, 0.1, "verifying the brief against the transcript")
    for _ in range(3):
        version = reverify_current(brief=brief, user=job.created_by)
        brief.refresh_from_db()
        if version is None or version.transcript_id == brief.transcript_id:
            break
    with transaction.atomic():
        if version is None:
            finish_locked(job.pk, token, result={}, message="There is no brief to verify yet.")
            return
        transcript = version.transcript
        finish_locked(
            job.pk,
            token,
            result={"version": version.pk},
            message=f"Version {version.number} checked against transcript version "
            f"{transcript.number if transcript else '?'}: {version.fail_count} fail, "
            f"{version.warn_count} warn, {version.ok_count} ok",
        )
