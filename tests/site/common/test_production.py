"""The production path: `podium serve` (gunicorn) with the documented production variables.

The variables come from docs/deploy.md's production block, so the page and
the test cannot drift apart. The server runs on a free loopback port with a
SQLite database in a temporary folder, and is driven over HTTP as the TLS
proxy would: Host and X-Forwarded-Proto set, Origin on POSTs, cookies marked
Secure sent back by hand. Also here: `check --deploy`, the 500 page's request
id and traceback in the log, WhiteNoise's hashed static files, and a lock wait
that ends in "please try again".
"""

from __future__ import annotations

import http.client
import re
import secrets
import sqlite3
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

HOST = "events.example.org"
ORIGIN = f"https://{HOST}"
EVENT = "production-check"
STAFF_PASSWORD = "correct horse battery staple 42"
SETUP = f"""
import django
django.setup()
from datetime import timedelta
from django.contrib.auth.models import User
from django.utils import timezone
from podium.events.models import Event
from podium.registration.domain.defaults import create_default_types
User.objects.create_superuser("boss", "boss@example.org", {STAFF_PASSWORD!r})
event = Event.objects.create(title="Production check", slug={EVENT!r}, status="published",
                             starts_at=timezone.now() + timedelta(days=30))
create_default_types(event, capacity=10)
"""


def production_variables() -> dict[str, str]:
    """The `KEY=value` lines of docs/deploy.md's production block."""
    text = (REPO / "docs" / "deploy.md").read_text()
    block = text.split("<!-- production-env -->", 1)[1].split("```", 2)[1]
    pairs = dict(
        line.split("=", 1) for line in block.splitlines() if re.match(r"PODIUM_\w+=", line)
    )
    assert {"PODIUM_DEBUG", "PODIUM_SECRET_KEY", "PODIUM_BEHIND_TLS_PROXY"} <= set(pairs)
    return pairs


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(data_dir),
        "PYTHONPATH": f"{REPO / 'src'}:{REPO}",
        **production_variables(),
        # the documented values, made local: a real key, SQLite, files and the
        # database queue in tmp (the shared Redis and SMTP server stay untouched)
        "PODIUM_SECRET_KEY": secrets.token_urlsafe(50),
        "PODIUM_ALLOWED_HOSTS": HOST,
        "PODIUM_SITE_URL": ORIGIN,
        "PODIUM_DATA_DIR": str(data_dir),
        "PODIUM_DB": "sqlite",
        "PODIUM_TASKS": "db",
        "PODIUM_CACHE_URL": "",
        "PODIUM_EMAIL": "file",
        "PODIUM_LOG_FILE": str(data_dir / "podium.log"),
        **extra,
    }
    return env


def test_check_deploy_is_clean_with_the_documented_variables(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "podium", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout, done.stdout + done.stderr
    assert "WARNINGS" not in done.stdout + done.stderr


class Browser:
    """Just enough of a browser behind the TLS proxy: Host, X-Forwarded-Proto, cookies, Origin."""

    def __init__(self, port: int, *, proto: str = "https") -> None:
        self.port, self.proto, self.cookies = port, proto, SimpleCookie()

    def request(self, method: str, path: str, form: dict | None = None, **headers: str):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"Host": HOST, "X-Forwarded-Proto": self.proto, "X-Real-IP": "203.0.113.7"}
        sent.update(headers)
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            sent.setdefault("Origin", ORIGIN)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        text = response.read().decode(errors="replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        conn.close()
        return response, text

    def get(self, path: str, **headers: str):
        return self.request("GET", path, **headers)

    def post_form(self, path: str, fields: dict, **headers: str):
        """GET the page for its CSRF token, then POST the form with it."""
        _, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **fields}, **headers)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`podium serve --workers 2` with the production variables, on a free port; its log file."""
    data = tmp_path_factory.mktemp("production")
    log_file = data / "podium.log"
    env = production_env(data, DJANGO_SETTINGS_MODULE="tests.support.raising_site")
    for step in (
        [sys.executable, "-m", "podium", "manage", "migrate", "-v", "0"],
        [sys.executable, "-c", SETUP],
    ):
        done = subprocess.run(step, env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "podium", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 180
    while True:
        try:
            response, _ = Browser(port).get("/")
            if response.status == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            pytest.fail(f"podium serve did not start:\n{server.communicate()[0][-3000:]}")
        time.sleep(0.5)
    yield {"port": port, "log": log_file, "db": data / "podium.sqlite3", "process": server}
    server.terminate()
    output = server.communicate(timeout=30)[0]
    assert "Booting worker" in output  # it really was gunicorn


def test_registration_and_staff_login_through_the_tls_proxy(served):
    browser = Browser(served["port"])
    form = f"/register/{EVENT}/general/"
    response, page = browser.get(form)
    assert response.status == 200
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    response, _ = browser.post_form(
        form,
        {
            "q_first_name": "Ada",
            "q_last_name": "Lovelace",
            "q_email": "ada@example.org",
            "q_organisation": "Analytical Society",
            "q_job_title": "Fellow",
            "privacy_consent": "on",
        },
    )
    assert response.status == 302, served["log"].read_text()[-3000:]
    assert response.headers["Location"] == f"/register/{EVENT}/check-your-inbox/"
    csrf = browser.cookies["csrftoken"]
    assert csrf["secure"] and browser.cookies["csrftoken"]["samesite"] == "Lax"

    staff = Browser(served["port"])
    response, _ = staff.post_form(
        "/accounts/login/", {"username": "boss", "password": STAFF_PASSWORD}
    )
    assert response.status == 302 and response.headers["Location"] == "/staff/"
    assert staff.cookies["sessionid"]["secure"] and staff.cookies["sessionid"]["httponly"]
    response, page = staff.get("/staff/")
    assert response.status == 200 and "Production check" in page
    response, page = staff.get(f"/staff/events/{EVENT}/registrations/")
    assert response.status == 200 and "ada@example.org" in page


def test_plain_http_is_redirected_and_a_foreign_origin_is_refused(served):
    response, _ = Browser(served["port"], proto="http").get("/")
    assert response.status == 301 and response.headers["Location"] == f"{ORIGIN}/"
    response, page = Browser(served["port"]).post_form(
        "/accounts/login/",
        {"username": "boss", "password": "x"},
        Origin="https://attacker.example",
    )
    assert response.status == 403


def test_static_files_are_hashed_and_compressed(served):
    browser = Browser(served["port"])
    _, page = browser.get("/")
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page)
    assert css, "hashed stylesheet name in the page"
    response, _ = browser.get(css.group(1), **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response.headers["Cache-Control"]


def test_an_error_shows_its_request_id_and_the_log_has_the_traceback(served):
    browser = Browser(served["port"])
    response, page = browser.get("/test-only/raise/", **{"X-Request-ID": "proxy-id-1234"})
    assert response.status == 500
    assert '<code id="request-id">proxy-id-1234</code>' in page
    assert response.headers["X-Request-ID"] == "proxy-id-1234"
    response, page = browser.get("/test-only/raise/")
    generated = re.search(r'<code id="request-id">([0-9a-f]{32})</code>', page).group(1)
    # a forged id that would break log lines is replaced by a fresh one
    response, page = browser.get("/test-only/raise/", **{"X-Request-ID": "x y"})
    assert "x y" not in page and re.search(r'id="request-id">[0-9a-f]{32}<', page)
    time.sleep(0.5)
    log = served["log"].read_text()
    for request_id in ("proxy-id-1234", generated):
        line = next(x for x in log.splitlines() if f"[{request_id}]" in x and "ERROR" in x)
        assert "Internal Server Error: /test-only/raise/" in line
        after = log.split(line, 1)[1]
        assert after.lstrip().startswith("Traceback (most recent call last):")
        assert "RuntimeError: deliberate failure" in after.split("\n\n")[0] or (
            "RuntimeError: deliberate failure" in after
        )


def test_a_lock_wait_ends_in_please_try_again(served):
    """Another writer holds SQLite's write lock: the POST gives up after the busy timeout (3 s)."""
    browser = Browser(served["port"])
    form = f"/register/{EVENT}/general/"
    _, page = browser.get(form)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    blocker = sqlite3.connect(served["db"], timeout=1, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        response, page = browser.request(
            "POST",
            form,
            {
                "csrfmiddlewaretoken": token,
                "q_first_name": "Late",
                "q_last_name": "Comer",
                "q_email": "late@example.org",
                "q_organisation": "Queue Institute",
                "q_job_title": "Fellow",
                "privacy_consent": "on",
            },
        )
        waited = time.monotonic() - started
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert response.status == 503 and response.headers["Retry-After"] == "5"
    assert "please go back and send the form again" in page
    assert 2.5 < waited < 30
