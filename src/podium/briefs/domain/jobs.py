"""Background jobs: start, claim, report progress, finish, fail, retry, recover.

The task framework (`django.tasks`, with django-tasks-db or django-tasks-rq)
carries only a job id; the `Job` row is the truth. The rules that make a job
safe on any number of workers:

- *one worker per job*: a worker takes a job with one conditional UPDATE
  (`queued`, or `running` with a stale heartbeat) that writes its own claim
  token; every later write is conditional on that token, so a worker that lost
  the job cannot write anything;
- *nothing half-written*: the runner writes its result (a transcript or a brief
  version) and marks the job done in one transaction at the very end;
- *resumable*: a worker killed mid-job leaves the row `running` with a heartbeat
  that stops moving; `requeue_stale_jobs` (called by the progress view and by
  `podium worker`) puts it back in the queue, up to `PODIUM_BRIEFS_JOB_ATTEMPTS`
  attempts, after which it is `failed` with a message and a Retry button.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from podium.briefs.models import Job

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = float(getattr(settings, "PODIUM_BRIEFS_HEARTBEAT_SECONDS", 5))
STALE_SECONDS = float(getattr(settings, "PODIUM_BRIEFS_JOB_STALE_SECONDS", 60))
MAX_ATTEMPTS = int(getattr(settings, "PODIUM_BRIEFS_JOB_ATTEMPTS", 3))


class JobLost(Exception):
    """This worker no longer holds the job (another worker claimed it after a stall)."""


def start_job(
    *, event, kind: str, params: dict | None = None, user=None, enqueue: bool = True
) -> Job:
    """Queue a job of `kind` for `event`, or return the one of that kind already under way.

    `enqueue=False` only writes the row, for callers that run it in-process (the demo loader).
    """
    active = Job.objects.filter(
        event=event, kind=kind, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    ).first()
    if active is not None:
        return active
    job = Job.objects.create(
        event=event, kind=kind, params=params or {}, created_by=user, stage="waiting for a worker"
    )
    if enqueue:
        enqueue_job(job)
    log.info("job %s (%s) queued for event %s", job.pk, kind, event.pk)
    return job


def enqueue_job(job: Job) -> None:
    """Hand the job id to the task backend once the row is committed."""
    job_id = job.pk

    def send() -> None:
        from podium.briefs.tasks import run_brief_job

        result = run_brief_job.enqueue(job_id)
        Job.objects.filter(pk=job_id).update(task_id=str(result.id))

    transaction.on_commit(send)


def claim_job(job_id: int, *, stale_after: float | None = None) -> str | None:
    """Take the job for this worker; return the claim token, or None if it is not available.

    Available means queued, or running with a heartbeat older than `stale_after`
    seconds (its worker died). One UPDATE decides, so two workers never both win.
    """
    stale_after = STALE_SECONDS if stale_after is None else stale_after
    now = timezone.now()
    token = uuid.uuid4().hex
    won = (
        Job.objects.filter(pk=job_id)
        .filter(
            Q(status=Job.Status.QUEUED)
            | Q(status=Job.Status.RUNNING, heartbeat_at__lt=now - timedelta(seconds=stale_after))
        )
        .update(
            status=Job.Status.RUNNING,
            claim_token=token,
            attempts=F("attempts") + 1,
            heartbeat_at=now,
            started_at=now,
            estimated_end=None,
            progress=0.0,
            stage="starting",
            error="",
            message="",
        )
    )
    return token if won else None


def report_progress(job_id: int, token: str, fraction: float, stage: str) -> None:
    """Store progress; raises JobLost if another worker holds the job now.

    When the fraction moves forward, the expected end is re-estimated from the pace
    so far (`estimated_end`); while it is stuck, the estimate stays, so the time
    left shown to editors only counts down.
    """
    fraction = min(1.0, max(0.0, float(fraction)))
    now = timezone.now()
    changes = {"progress": fraction, "stage": stage[:100], "heartbeat_at": now}
    row = (
        Job.objects.filter(pk=job_id, claim_token=token)
        .values_list("progress", "started_at")
        .first()
    )
    if row is not None:
        previous, started = row
        if fraction > previous and fraction > 0.02 and started is not None:
            elapsed = (now - started).total_seconds()
            changes["estimated_end"] = now + timedelta(
                seconds=elapsed / fraction * (1.0 - fraction)
            )
    updated = Job.objects.filter(pk=job_id, claim_token=token, status=Job.Status.RUNNING).update(
        **changes
    )
    if not updated:
        raise JobLost(f"job {job_id} was taken over by another worker")


def mark_failed(
    job_id: int, token: str, *, message: str, error: str = "", retryable: bool = True
) -> None:
    """End the job as failed; `retryable=False` when the input itself is bad (no Retry then)."""
    Job.objects.filter(pk=job_id, claim_token=token).update(
        status=Job.Status.FAILED,
        message=message[:500],
        error=error,
        retryable=retryable,
        estimated_end=None,
        finished_at=timezone.now(),
        stage="failed",
    )


def finish_locked(job_id: int, token: str, *, result: dict, message: str = "") -> None:
    """Mark done; call inside the transaction that writes the result. Raises JobLost."""
    updated = Job.objects.filter(pk=job_id, claim_token=token, status=Job.Status.RUNNING).update(
        status=Job.Status.SUCCEEDED,
        progress=1.0,
        stage="done",
        message=message[:500],
        result=result,
        finished_at=timezone.now(),
    )
    if not updated:
        raise JobLost(f"job {job_id} was taken over by another worker")


def retry_job(*, job: Job, user=None) -> Job:
    """Put a failed (or stalled) job back in the queue, unless its input can never succeed.

    A job that failed on its input (a file that is not media, a transcript no reader
    accepts) is not retryable: the editor removes or replaces the file instead.
    """
    from podium.briefs.domain.errors import WorkflowError

    if job.status == Job.Status.FAILED and not job.retryable:
        raise WorkflowError(
            "Retrying cannot help: the file itself could not be read. "
            "Remove it or replace it with another file."
        )
    now = timezone.now()
    stale = now - timedelta(seconds=STALE_SECONDS)
    updated = (
        Job.objects.filter(pk=job.pk)
        .filter(Q(status=Job.Status.FAILED) | Q(status=Job.Status.RUNNING, heartbeat_at__lt=stale))
        .update(
            status=Job.Status.QUEUED,
            claim_token="",
            progress=0.0,
            stage="waiting for a worker",
            message="",
            error="",
            attempts=0,
            retryable=True,
            estimated_end=None,
            finished_at=None,
        )
    )
    job.refresh_from_db()
    if updated:
        enqueue_job(job)
        log.info("job %s retried by %s", job.pk, getattr(user, "pk", None))
    return job


def requeue_stale_jobs(*, older_than: float | None = None, event=None) -> list[int]:
    """Requeue running jobs whose worker stopped sending heartbeats; fail them after too many tries.

    Returns the ids of the jobs put back in the queue.
    """
    older_than = STALE_SECONDS if older_than is None else older_than
    cutoff = timezone.now() - timedelta(seconds=older_than)
    jobs = Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=cutoff)
    if event is not None:
        jobs = jobs.filter(event=event)
    requeued = []
    for job in jobs:
        same = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, claim_token=job.claim_token)
        if job.attempts >= MAX_ATTEMPTS:
            same.update(
                status=Job.Status.FAILED,
                stage="failed",
                message="The worker stopped before finishing, "
                f"{job.attempts} times. Check the workers, then retry.",
                retryable=True,
                estimated_end=None,
                finished_at=timezone.now(),
            )
            continue
        if same.update(status=Job.Status.QUEUED, claim_token="", stage="requeued after a stall"):
            job.refresh_from_db()
            enqueue_job(job)
            requeued.append(job.pk)
            log.warning("job %s requeued: its worker stopped sending heartbeats", job.pk)
    return requeued


def seconds_left(job: Job) -> float | None:
    """Seconds until the job should end, or None when there is no honest estimate.

    The estimate (`estimated_end`) is made only when the progress moves, so it counts
    down while the percentage is stuck and never up; once it has passed, there is none.
    """
    if job.status != Job.Status.RUNNING or job.estimated_end is None:
        return None
    left = (job.estimated_end - timezone.now()).total_seconds()
    return left if left >= 1 else None


class Heartbeat:
    """Keeps `heartbeat_at` fresh from a thread while the job's main work runs."""

    def __init__(self, job_id: int, token: str, every: float = HEARTBEAT_SECONDS):
        self.job_id, self.token, self.every = job_id, token, every
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"job-{job_id}-heartbeat", daemon=True
        )

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=self.every + 5)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.every):
                Job.objects.filter(
                    pk=self.job_id, claim_token=self.token, status=Job.Status.RUNNING
                ).update(heartbeat_at=timezone.now())
        except Exception:  # the main thread reports real errors
            log.exception("heartbeat of job %s failed", self.job_id)
        finally:
            connection.close()


class ProgressReporter:
    """A `podium.engine.progress.Progress` callback that writes to the job row, at most 4×/s."""

    def __init__(self, job_id: int, token: str, *, start: float = 0.0, end: float = 1.0):
        self.job_id, self.token = job_id, token
        self.start, self.end = start, end
        self._last = 0.0
        self._stage = ""

    def __call__(self, fraction: float, stage: str) -> None:
        now = time.monotonic()
        if stage == self._stage and now - self._last < 0.25 and fraction < 1.0:
            return
        self._last, self._stage = now, stage
        report_progress(
            self.job_id, self.token, self.start + (self.end - self.start) * fraction, stage
        )
