"""A throw-away site (own data dir, own database) driven through real processes.

Job-backend tests cannot use pytest-django's test database: the workers are
separate processes. Each `Site` gets a temporary PODIUM_DATA_DIR (SQLite file,
media) or its own PostgreSQL database, runs `migrate`, and starts workers the
way an operator would (`manage.py db_worker`, `podium worker --backend rq`).
The test reads job rows with plain SQL.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
PYTHON = sys.executable
REDIS_URL = os.environ.get("PODIUM_REDIS_URL", "redis://127.0.0.1:6379/8")
"""A Redis database of its own (PODIUM_REDIS_URL when set), so other runs' queues are never touched."""


class Site:
    def __init__(
        self, root: Path, *, db: str = "sqlite", tasks: str = "db", name: str = "podium_h8_jobs"
    ):
        self.root = root
        self.db = db
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "podium.settings",
            "PODIUM_DATA_DIR": str(root),
            "PODIUM_DB": db,
            "PODIUM_TASKS": tasks,
            "PODIUM_REDIS_URL": REDIS_URL,
            "PODIUM_ASR_MODEL": "tiny",
            "PODIUM_ASR_LANGUAGE": "en",
            "PODIUM_LOG_LEVEL": "INFO",
            "PYTHONPATH": str(REPO),
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        if db == "postgres":
            self.env["PODIUM_DB_NAME"] = name
            self._recreate_postgres(name)
        self.processes: list[subprocess.Popen] = []
        self.logs: list[Path] = []

    def _recreate_postgres(self, name: str) -> None:
        import psycopg

        with psycopg.connect(
            host=os.environ.get("PODIUM_DB_HOST", "127.0.0.1"),
            user=os.environ.get("PODIUM_DB_USER", "postgres"),
            password=os.environ.get("PODIUM_DB_PASSWORD", ""),
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')

    def run(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run(
            [PYTHON, *args],
            env=self.env,
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise AssertionError(f"{args} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def migrate(self) -> None:
        self.run("-m", "django", "migrate", "-v", "0")

    def python(self, code: str) -> object:
        """Run `code` in a configured Django process; it must print one JSON value last."""
        script = "import django, json\ndjango.setup()\n" + textwrap.dedent(code)
        out = self.run("-c", script)
        return json.loads(out.strip().splitlines()[-1])

    def start(self, *args: str, name: str = "worker") -> subprocess.Popen:
        log = self.root / f"{name}-{len(self.logs)}.log"
        self.logs.append(log)
        process = subprocess.Popen(
            [PYTHON, *args],
            env=self.env,
            cwd=self.root,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: SIGKILL reaches RQ's work horse too
        )
        self.processes.append(process)
        return process

    def start_db_worker(self) -> subprocess.Popen:
        return self.start(
            "-m",
            "django",
            "db_worker",
            "--no-reload",
            "--interval",
            "0.2",
            "--no-startup-delay",
            name="db_worker",
        )

    def start_rq_worker(self) -> subprocess.Popen:
        return self.start("-m", "podium", "worker", "--backend", "rq", name="rq_worker")

    def kill(self, process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                self.kill(process, signal.SIGTERM)

    def log_text(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-4000:]}"
            for p in self.logs
            if p.exists()
        )

    # --- reading rows -------------------------------------------------------------
    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.db == "sqlite":
            with sqlite3.connect(self.root / "podium.sqlite3", timeout=20) as conn:
                return conn.execute(sql, params).fetchall()
        import psycopg

        with psycopg.connect(
            host="127.0.0.1",
            user=os.environ.get("PODIUM_DB_USER", "postgres"),
            password=os.environ.get("PODIUM_DB_PASSWORD", ""),
            dbname=self.env["PODIUM_DB_NAME"],
        ) as conn:
            return conn.execute(sql.replace("?", "%s"), params).fetchall()

    def job(self, job_id: int) -> dict:
        row = self.query(
            "SELECT status, progress, stage, attempts, message FROM briefs_job WHERE id = ?",
            (job_id,),
        )[0]
        return dict(zip(("status", "progress", "stage", "attempts", "message"), row, strict=True))

    def wait_for(self, job_id: int, predicate, *, timeout: float = 180) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.job(job_id)
            if predicate(job):
                return job
            if job["status"] == "failed":
                raise AssertionError(f"job failed: {job}\n{self.log_text()}")
            time.sleep(0.1)
        raise AssertionError(f"timed out; job is {self.job(job_id)}\n{self.log_text()}")


SETUP_EVENT = """
import datetime as dt
from django.utils import timezone
from podium.events.models import Event, EventSpeaker, Person
from podium.demo.media import speakers_of_panel
event = Event.objects.create(title="Water", slug="water", status="published",
                             starts_at=timezone.now() - dt.timedelta(days=2))
for order, (label, name, role) in enumerate(speakers_of_panel()):
    person = Person.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    EventSpeaker.objects.create(event=event, person=person, role=role, order=order)
"""

START_TRANSCRIBE = (
    SETUP_EVENT
    + """
from pathlib import Path
from django.core.files import File
from podium.briefs.domain import briefs as workflow
from podium.demo.media import SCRIPT, make_demo_recording
made = make_demo_recording(Path("demo-media"), script=SCRIPT[:4])  # the first minute
with made.video.open("rb") as fh:
    recording, job = workflow.add_recording(event=event, upload=File(fh, name="panel.webm"))
print(json.dumps(job.pk))
"""
)
