"""Where the CPU of one registration goes: the WSGI application driven in this process, by stage.

``python -m benchmarks.registration.profile`` creates a fresh database (PostgreSQL
by default, ``--db sqlite`` for a file), an event with ``--seats`` seats, and calls
the production WSGI application (``podium.wsgi``, DEBUG off, every middleware)
directly, one request at a time, with no HTTP server and no client in the way:

1. ``--attempts`` GETs of the form (what each registrant loads before the rush);
2. as many POSTs, each with its own email (the rush itself).

It prints CPU milliseconds per request of this process (``time.process_time``)
and of the PostgreSQL backend serving it (from /proc), and splits the POST by
stage: each middleware (its own time, without what it wraps), the form,
the rate-limit counters, ``register`` and its steps, and the rest of the view.
The stage timers wrap the functions from outside (this module only); their
own overhead is measured and reported (``timer overhead``). ``--cprofile N``
prints cProfile's top N functions of the POSTs instead of timing stages.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import os
import pstats
import re
import sys
import tempfile
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

from benchmarks.registration.__main__ import (
    EVENT_SLUG,
    SETUP,
    python,
    recreate_postgres_database,
    registrant_form,
    scenario_env,
)

RUN = os.urandom(4).hex()  # emails unique per run: the per-email rate limit lasts an hour
SPENT: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)
_STACK: list[list[float]] = []


def timed(name: str, function):
    """``function`` charging its own CPU (less that of timed callees) to stage ``name``."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        frame = [0.0]
        _STACK.append(frame)
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent = time.process_time() - started
            _STACK.pop()
            SPENT[name] += spent - frame[0]
            CALLS[name] += 1
            if _STACK:
                _STACK[-1][0] += spent

    return wrapper


def patch(module, attribute: str, name: str) -> None:
    setattr(module, attribute, timed(name, getattr(module, attribute)))


def instrument() -> None:
    """Wrap each middleware and the steps of the registration POST in stage timers."""
    from django.core.handlers import base

    import podium.registration.domain.registration as domain
    import podium.registration.views.public as public
    from podium.registration.interfaces.forms import registration as forms_module

    original_load = base.BaseHandler.load_middleware

    def load_middleware(self, is_async=False):
        from django.utils.module_loading import import_string

        real = import_string

        def timed_import(path):
            factory = real(path)
            if isinstance(factory, type):
                short = path.rsplit(".", 1)[-1]

                class Timed(factory):
                    def __call__(self, request):
                        return timed("middleware " + short, super().__call__)(request)

                Timed.__name__ = factory.__name__
                return Timed
            return factory

        base.import_string = timed_import
        try:
            return original_load(self, is_async)
        finally:
            base.import_string = real

    base.BaseHandler.load_middleware = load_middleware

    public.registration_form = timed("view (rest: render, redirect)", public.registration_form)
    from podium.registration import urls as registration_urls

    for pattern in registration_urls.urlpatterns:
        if getattr(pattern, "name", "") == "form":
            pattern.callback = public.registration_form
    patch(public, "public_form_throttled", "rate-limit counters")
    patch(public, "register", "register: rest (checks, build row)")
    form_class = forms_module.RegistrationForm
    form_class.__init__ = timed("form: build fields", form_class.__init__)
    form_class.is_valid = timed("form: validate", form_class.is_valid)
    patch(domain, "lock_registration_type", "register: lock type row")
    patch(domain, "find_active_registration", "register: duplicate check")
    patch(domain, "has_free_seat", "register: seat count")
    patch(domain, "waiting_queue", "register: seat count")
    if hasattr(domain, "seat_state"):  # one query for seats, waiting list and duplicate
        patch(domain, "seat_state", "register: seats + duplicate (one query)")
    patch(domain, "log_action", "register: audit row")
    patch(domain, "queue_email", "register: queue email")
    if hasattr(domain, "insert_registration"):  # hand-compiled SQL (domain/sql.py)
        patch(domain, "insert_registration", "register: INSERT registration+audit+task")
        patch(domain, "email_task_row", "register: build email task row")
        patch(public, "type_with_event", "view: type + event query")
        patch(forms_module, "form_rows", "form: form rows query")
    if hasattr(domain, "lock_with_seat_state"):  # lock + count in one pipelined round trip
        patch(domain, "lock_with_seat_state", "register: lock + seats + duplicate (pipelined)")
    from django.db.models import Model

    Model.save = timed("register: insert row", Model.save)
    from django.db import transaction

    Atomic = transaction.Atomic
    Atomic.__exit__ = timed("commit (+ on_commit: email task row)", Atomic.__exit__)


class Client:
    """Calls the WSGI application directly with a cookie of its own."""

    def __init__(self, application):
        self.application = application

    def call(self, method: str, path: str, *, body: bytes = b"", cookie: str = "", referer=""):
        status_headers = {}

        def start_response(status, headers, exc_info=None):
            status_headers["status"] = int(status.split()[0])
            status_headers["headers"] = headers

        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        if body:
            environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
            environ["CONTENT_LENGTH"] = str(len(body))
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        if referer:
            environ["HTTP_REFERER"] = referer
        result = self.application(environ, start_response)
        content = b"".join(result)
        if hasattr(result, "close"):
            result.close()
        return status_headers["status"], status_headers["headers"], content


def backend_cpu(pid: int | None) -> float:
    if pid is None:
        return 0.0
    if not Path(f"/proc/{pid}").exists():
        raise SystemExit(f"the PostgreSQL backend {pid} went away: the connection was closed")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.registration.profile", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--attempts", type=int, default=300)
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--cprofile", type=int, default=0, metavar="N")
    parser.add_argument("--no-stages", action="store_true", help="time without stage timers")
    args = parser.parse_args(argv)

    tmp = tempfile.TemporaryDirectory(prefix="podium-profile-")
    env = scenario_env(args.db, Path(tmp.name))
    if args.db == "postgres":
        env["PODIUM_DB_NAME"] = env["PODIUM_DB_NAME"] + "_profile"
        recreate_postgres_database(env)
    python(SETUP, EVENT_SLUG, str(args.seats), env=env)
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    if not args.no_stages and not args.cprofile:
        instrument()
    from django.db import connection

    from podium.wsgi import application

    client = Client(application)
    url = f"/register/{EVENT_SLUG}/general/"
    # warm up: imports, connection, template loading, caches
    for index in range(3):
        status, headers, content = client.call("GET", url)
        cookie = next(v for k, v in headers if k == "Set-Cookie" and v.startswith("csrftoken="))
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
        # an incomplete form (no consent): the POST path without taking a seat
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.decode(), "q_email": f"warm-{RUN}-{index}@example.org"}
        ).encode()
        client.call("POST", url, body=body, cookie=cookie.split(";", 1)[0], referer=url)
    pid = None
    if args.db == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]

    SPENT.clear()
    CALLS.clear()
    tokens = []
    cpu0, db0 = time.process_time(), backend_cpu(pid)
    for _ in range(args.attempts):
        status, headers, content = client.call("GET", url)
        assert status == 200, status
        cookie = next(v for k, v in headers if k == "Set-Cookie" and v.startswith("csrftoken="))
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
        tokens.append((cookie.split(";", 1)[0], token.decode()))
    get_cpu, get_db = time.process_time() - cpu0, backend_cpu(pid) - db0
    get_spent = dict(SPENT)

    SPENT.clear()
    CALLS.clear()
    profiler = cProfile.Profile(time.process_time) if args.cprofile else None
    cpu0, db0 = time.process_time(), backend_cpu(pid)
    if profiler:
        profiler.enable()
    statuses: dict[int, int] = defaultdict(int)
    for index, (cookie, token) in enumerate(tokens):
        body = registrant_form(index, token, run=RUN)
        status, _, _ = client.call(
            "POST", url, body=body, cookie=cookie, referer=f"http://127.0.0.1{url}"
        )
        statuses[status] += 1
    if profiler:
        profiler.disable()
    post_cpu, post_db = time.process_time() - cpu0, backend_cpu(pid) - db0
    n = args.attempts
    print(
        f"{args.db}: {n} GETs then {n} POSTs for {args.seats} seats; POST statuses {dict(statuses)}"
    )
    print(f"{'request':<8} {'server CPU ms':>13} {'PG backend CPU ms':>17}")
    print(f"{'GET':<8} {1000 * get_cpu / n:>13.2f} {1000 * get_db / n:>17.2f}")
    print(f"{'POST':<8} {1000 * post_cpu / n:>13.2f} {1000 * post_db / n:>17.2f}")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.cprofile)
        print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.cprofile)
        print(out.getvalue())
    elif SPENT:
        # the timers' own cost: one empty timed call, measured
        probe = timed("probe", lambda: None)
        started = time.process_time()
        for _ in range(20000):
            probe()
        per_call = (time.process_time() - started) / 20000
        SPENT.pop("probe"), CALLS.pop("probe")
        overhead = per_call * sum(CALLS.values())
        print(f"\nPOST by stage (CPU ms per attempt; own time; GET stages: {len(get_spent)})")
        for name, seconds in sorted(SPENT.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<42} {1000 * seconds / n:>7.2f}  ({CALLS[name] / n:.1f} calls)")
        rest = post_cpu - sum(SPENT.values())
        print(f"  {'outside the stages (WSGI, handler, urls)':<42} {1000 * rest / n:>7.2f}")
        print(f"  {'timer overhead (included above)':<42} {1000 * overhead / n:>7.2f}")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
