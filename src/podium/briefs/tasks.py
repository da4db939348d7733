"""Tasks of the briefs app for Django's task framework (django-tasks-db or django-tasks-rq).

One task runs any brief job by id; `podium.briefs.domain.runners` does the work.
"""

from __future__ import annotations

from django.tasks import task


@task()
def run_brief_job(job_id: int) -> str:
    """Run (or resume) the speech-to-text or brief-generation job `job_id`."""
    from podium.briefs.domain.runners import run_job

    return run_job(job_id=job_id)
