"""Sentry over real HTTP: a 500 in production reaches the DSN's server with its request id.

The test starts a plain HTTP server on a free loopback port and gives
`podium serve` (gunicorn, the production variables of docs/deploy.md) a
``PODIUM_SENTRY_DSN`` that points at it. sentry-sdk, which settings import only
when a DSN is set, sends its envelope there; the test reads the envelope and
finds the exception and the ``request_id`` tag that the 500 page shows.
"""

from __future__ import annotations

import gzip
import json
import re
import socket
import subprocess
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import REPO
from tests.site.common.test_production import Browser, production_env

pytestmark = pytest.mark.slow

# sentry-sdk is in the test extra; settings import it in the server only when a DSN is set


class Collector(BaseHTTPRequestHandler):
    """Sentry's ingest endpoint, just enough: stores every envelope it is sent."""

    envelopes: list[tuple[str, list[dict]]] = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        items = [json.loads(line) for line in body.splitlines() if line.strip().startswith(b"{")]
        Collector.envelopes.append((self.path, items))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_500_reaches_sentry_with_its_request_id(tmp_path):
    ingest = ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=ingest.serve_forever, daemon=True).start()
    dsn = f"http://publickey@127.0.0.1:{ingest.server_address[1]}/42"
    env = production_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="tests.support.raising_site",
        PODIUM_SENTRY_DSN=dsn,
        PODIUM_SENTRY_ENVIRONMENT="test-sentry",
    )
    done = subprocess.run(
        [sys.executable, "-m", "podium", "manage", "migrate", "-v", "0"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "podium", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if Browser(port).get("/")[0].status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail(f"podium serve did not start:\n{server.communicate()[0][-3000:]}")
            time.sleep(0.5)
        assert not any("/42/" in path for path, _ in Collector.envelopes)  # a 200 sends nothing

        response, page = Browser(port).get("/test-only/raise/")
        assert response.status == 500
        request_id = re.search(r'<code id="request-id">([0-9a-f]{32})</code>', page).group(1)

        deadline = time.monotonic() + 30
        events = []
        while time.monotonic() < deadline and not events:
            events = [
                item
                for path, items in list(Collector.envelopes)
                if path == "/api/42/envelope/"
                for item in items
                if "exception" in item
            ]
            time.sleep(0.2)
    finally:
        server.terminate()
        server.communicate(timeout=30)
        ingest.shutdown()
    assert len(events) == 1, Collector.envelopes
    event = events[0]
    exception = event["exception"]["values"][-1]
    assert exception["type"] == "RuntimeError"
    assert exception["value"].startswith("deliberate failure")
    assert event["tags"]["request_id"] == request_id
    assert event["environment"] == "test-sentry"
    assert event["request"]["url"].endswith("/test-only/raise/")
