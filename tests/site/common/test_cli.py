"""The site commands of the `podium` CLI, run as a user runs them (subprocesses, fresh data folder)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PODIUM = [sys.executable, "-m", "podium"]
# The commands run on their own fresh SQLite database whatever PODIUM_DB says, so the
# PostgreSQL pass of the suite would only repeat them.
pytestmark = pytest.mark.skipif(
    os.environ.get("PODIUM_DB") == "postgres",
    reason="uses its own SQLite database; run in the SQLite pass",
)


def run_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PODIUM_DB", "DJANGO_"))}
    env.update(PODIUM_DATA_DIR=str(tmp_path / "var"), PODIUM_EMAIL="file")
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_manage_passes_arguments_through_to_django(tmp_path):
    result = subprocess.run(
        [*PODIUM, "manage", "check", "--deploy", "--fail-level", "CRITICAL"],
        env=run_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified" in result.stdout + result.stderr


def test_engine_commands_do_not_import_django(tmp_path):
    code = "import sys; from podium.cli import app; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "False", result.stderr


def test_serve_migrates_a_fresh_database_and_answers(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [*PODIUM, "serve", "--port", str(port), "--workers", "2"],
        env=run_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # migrate + collectstatic (compression) on a loaded machine
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200
                    assert "Upcoming events" in response.read().decode()
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("podium serve did not answer")
                time.sleep(0.5)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert (tmp_path / "var" / "podium.sqlite3").exists()
    assert "Bringing the database up to date" in output


@pytest.mark.slow
def test_demo_no_serve_loads_everything_and_prints_the_logins(tmp_path):
    """A fresh data folder: migrate, load (running it twice is tested in test_demo.py), print."""
    for attempt in (1, 2):  # twice: the second run must work on the same database
        result = subprocess.run(
            [*PODIUM, "demo", "--no-serve"],
            env=run_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, (attempt, result.stdout[-2000:], result.stderr[-2000:])
    out = result.stdout
    assert "Traceback" not in out + result.stderr and "FAILED" not in out
    assert "Staff logins" in out
    for user in ("admin", "staff", "editor"):
        assert f"│ {user}" in out
    assert "podium-demo" in out
    assert "/events/why-peace-remains-elusive-on-the-korean-peninsula/" in out
