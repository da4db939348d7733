"""Jobs on real worker processes: django-tasks-db (SQLite, PostgreSQL) and django-tasks-rq (Redis).

Each test builds a throw-away site (see `workers.Site`), queues a speech-to-text
job on the demo panel (espeak-ng + ffmpeg) and lets real workers run it.
"""

from __future__ import annotations

import shutil

import pytest

from tests.site.briefs.workers import REDIS_URL, START_TRANSCRIBE, Site

pytestmark = [
    pytest.mark.slow,
    pytest.mark.usefixtures("media_tools"),
]


@pytest.fixture
def make_site(tmp_path):
    sites = []

    def make(**kwargs) -> Site:
        site = Site(tmp_path / f"site{len(sites)}", **kwargs)
        site.root.mkdir()
        sites.append(site)
        site.migrate()
        return site

    yield make
    for site in sites:
        site.stop_all()


def _transcript_count(site: Site) -> int:
    return site.query("SELECT COUNT(*) FROM briefs_transcriptversion")[0][0]


@pytest.mark.parametrize("backend", ["db", pytest.param("rq", marks=pytest.mark.redis)])
def test_killed_worker_leaves_the_job_to_another_worker(make_site, backend):
    """SIGKILL a worker mid-job: nothing half-written; the stale job is requeued and finished by another."""
    if backend == "rq":
        _flush_redis()
    site = make_site(tasks=backend)
    start = site.start_db_worker if backend == "db" else site.start_rq_worker
    job_id = site.python(START_TRANSCRIBE)
    first = start()
    site.wait_for(job_id, lambda j: j["status"] == "running" and j["stage"] not in ("", "starting"))
    site.kill(first)

    job = site.job(job_id)
    assert job["status"] == "running" and job["attempts"] == 1
    assert _transcript_count(site) == 0, "a killed job writes nothing"

    requeued = site.python(
        "from podium.briefs.domain.jobs import requeue_stale_jobs\n"
        "print(json.dumps(requeue_stale_jobs(older_than=0)))"
    )
    assert requeued == [job_id]
    start()
    job = site.wait_for(job_id, lambda j: j["status"] == "succeeded")
    assert job["attempts"] == 2 and job["progress"] == 1.0
    assert _transcript_count(site) == 1
    speakers = site.query("SELECT speaker_map, segment_count FROM briefs_transcriptversion")[0]
    assert speakers[1] >= 5


def test_two_workers_never_run_the_same_job(make_site):
    """The job is queued twice; two db workers race for it; exactly one attempt runs."""
    site = make_site()
    job_id = site.python(START_TRANSCRIBE)
    site.python(
        f"from podium.briefs.tasks import run_brief_job\nrun_brief_job.enqueue({job_id})\nprint(1)"
    )
    site.start_db_worker()
    site.start_db_worker()
    job = site.wait_for(job_id, lambda j: j["status"] == "succeeded")
    assert job["attempts"] == 1
    assert _transcript_count(site) == 1
    # The two enqueues of the brief job (other tasks, such as the archive's index task that a
    # stored transcript queues, are not this test's business).
    results = site.query(
        "SELECT status FROM django_tasks_database_dbtaskresult"
        " WHERE task_path LIKE '%run_brief_job' ORDER BY id"
    )
    assert len(results) == 2


@pytest.mark.postgres
def test_db_worker_on_postgresql(make_site):
    site = make_site(db="postgres", name="podium_h8_jobs")
    job_id = site.python(START_TRANSCRIBE)
    site.start_db_worker()
    job = site.wait_for(job_id, lambda j: j["status"] == "succeeded")
    assert job["attempts"] == 1 and _transcript_count(site) == 1


def _flush_redis():
    import redis

    connection = redis.Redis.from_url(REDIS_URL)
    connection.flushdb()
    return connection


@pytest.mark.redis
def test_rq_worker_on_redis(make_site):
    """`podium worker --backend rq` (django-rq's rqworker) runs the job queued through django-tasks-rq."""
    connection = _flush_redis()
    site = make_site(tasks="rq")
    job_id = site.python(START_TRANSCRIBE)
    # The brief job waits in Redis (beside the archive's index task for the new event).
    assert connection.llen("rq:queue:default") >= 1
    site.start_rq_worker()
    job = site.wait_for(job_id, lambda j: j["status"] == "succeeded")
    assert job["attempts"] == 1 and _transcript_count(site) == 1


def test_harness_tools_exist():
    assert shutil.which("ffmpeg") and shutil.which("espeak-ng")
