"""A registration rush over real HTTP: exactly N confirmed for N seats, the rest waiting-listed.

``python -m benchmarks.registration`` runs two scenarios, each in a fresh
database, through the production server (``podium serve``: gunicorn, DEBUG
off, WhiteNoise), and prints two tables:

- PostgreSQL: 1,000 attempts for 100 seats (database ``PODIUM_BENCH_DB_NAME``,
  default ``podium_bench_registration``, dropped and re-created on the server
  given by the usual ``PODIUM_DB_*`` variables);
- SQLite: 300 attempts for 30 seats (a file database in a temporary directory).

Each scenario migrates the database, creates an event with the default
registration types, and starts the server on a free port of 127.0.0.1 with
``--workers`` processes, which really compete for the same seats. Like real
registrants, everyone first loads the form (one GET each, for the CSRF cookie
and token; measured separately) and then the rush starts: every loaded form
is POSTed at once by a lean asyncio client (raw HTTP/1.1, at most
``--clients`` connections open, the rest queued), and success is the 302 to
"check your inbox". The rate limits count in Redis (``PODIUM_BENCH_CACHE_URL``,
else ``PODIUM_REDIS_URL``, else redis://127.0.0.1:6379/0), as docs/deploy.md
advises; every attempt comes from 127.0.0.1, so the per-address limit is
raised, and every email is new (unique per run). Afterwards the database is
counted: the run fails (exit 1) unless confirmed == seats,
waiting == attempts - seats and no request failed.

The first table is the rush as measured (wall time: registrations per second,
p50/p95 latency). The second gives CPU milliseconds per attempt from /proc:
the server (gunicorn master and workers), the PostgreSQL backends serving the
benchmark database, and this client; and the capacity implied by CPU,
``--cores`` (2) / (server + PostgreSQL CPU-seconds per POST): what that many
cores would sustain with nothing else running. On a shared machine the first
number says more about the neighbours than about Podium; the second does not.

Options: ``--only postgres|sqlite``, ``--server gunicorn|granian|runserver``,
``--workers N``, ``--attempts N --seats N --clients N --cores N``.
``python -m benchmarks.registration.profile`` splits the CPU of one POST by stage.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import functools
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EVENT_SLUG = "bench-registration"
SCENARIOS = {"postgres": {"attempts": 1000, "seats": 100}, "sqlite": {"attempts": 300, "seats": 30}}
CLIENTS = 256
RUN = os.urandom(4).hex()  # emails unique per run: the per-email rate limit lasts an hour
SERVER_KINDS = ("gunicorn", "granian", "runserver")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_cache_url() -> str:
    url = os.environ.get(
        "PODIUM_BENCH_CACHE_URL", os.environ.get("PODIUM_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    if not url:
        return ""
    parts = urllib.parse.urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 2).close()
    except OSError:
        print(f"(no Redis at {url}: the rate limits count in the file cache)")
        return ""
    return url


def scenario_env(kind: str, workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "podium.settings",
            "PODIUM_DEBUG": "0",
            "PODIUM_SECRET_KEY": "benchmark-only-secret-key-not-for-production",
            "PODIUM_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PODIUM_DATA_DIR": str(workdir),
            "PODIUM_EMAIL": "locmem",
            "PODIUM_TASKS": "db",
            "PODIUM_LOG_LEVEL": "WARNING",
            # connections kept for the whole run, so the CPU of every PostgreSQL
            # backend is still there to be read at the end (production: 60 s)
            "PODIUM_DB_CONN_MAX_AGE": "3600",
            # one client address for every attempt: lift the per-address limit
            "PODIUM_RATE_PUBLIC_IP": "1000000/m",
            # rate-limit counters in Redis (one pipelined round trip), as docs/deploy.md
            # advises; the file cache when no Redis answers
            "PODIUM_CACHE_URL": bench_cache_url(),
            "PYTHONPATH": str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", ""),
        }
    )
    if kind == "postgres":
        env["PODIUM_DB"] = "postgres"
        env["PODIUM_DB_NAME"] = os.environ.get("PODIUM_BENCH_DB_NAME", "podium_bench_registration")
    else:
        env["PODIUM_DB"] = "sqlite"
        env["PODIUM_DB_PATH"] = str(workdir / "bench.sqlite3")
    return env


def recreate_postgres_database(env: dict[str, str]) -> None:
    import psycopg

    name = env["PODIUM_DB_NAME"]
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"refusing odd database name {name!r}")
    dsn = dict(
        host=env.get("PODIUM_DB_HOST", "127.0.0.1"),
        port=env.get("PODIUM_DB_PORT", "5432"),
        user=env.get("PODIUM_DB_USER", "postgres"),
        password=env.get("PODIUM_DB_PASSWORD", ""),
        dbname="postgres",
    )
    with psycopg.connect(**dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


SETUP = """
import django, json, sys
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from datetime import timedelta
from django.utils import timezone
from podium.events.models import Event
from podium.registration.domain.defaults import create_default_types
event = Event.objects.create(title="Benchmark event", slug=sys.argv[1], status="published",
                             starts_at=timezone.now() + timedelta(days=30))
create_default_types(event, capacity=int(sys.argv[2]))
"""

COUNT = """
import django, json, sys
django.setup()
from django.db.models import Count
from podium.registration.models import Registration
rows = Registration.objects.filter(event__slug=sys.argv[1]).values("status").annotate(n=Count("id"))
print(json.dumps({r["status"]: r["n"] for r in rows}))
"""


def python(code: str, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=REPO, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"setup step failed:\n{done.stderr[-2000:]}")
    return done.stdout


def server_command(server: str, port: int, workers: int) -> list[str]:
    if server == "gunicorn":  # what production runs
        return [
            sys.executable,
            "-m",
            "podium",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ]
    if server == "granian":
        return [
            sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(workers), "--no-ws", "podium.wsgi:application",
        ]  # fmt: skip
    return [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"]


def start_server(env: dict[str, str], server: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        server_command(server, port, workers),
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/register/{EVENT_SLUG}/general/", timeout=5).read()
            return process, base
        except (urllib.error.URLError, ConnectionError, OSError):
            if time.monotonic() > deadline or process.poll() is not None:
                stop_server(process)
                raise SystemExit(f"{server} at {base} did not start") from None
            time.sleep(0.3)


def process_tree_cpu_seconds(root: int) -> float:
    """User + system CPU seconds of ``root`` and its live descendants (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        tree.update(children)
        frontier.extend(children)
    return sum(cpu.get(pid, 0.0) for pid in tree)


def postgres_backend_cpu_seconds(env: dict[str, str]) -> float | None:
    """CPU seconds of the PostgreSQL backends serving the benchmark database (same machine only)."""
    import psycopg

    try:
        with psycopg.connect(
            host=env.get("PODIUM_DB_HOST", "127.0.0.1"),
            port=env.get("PODIUM_DB_PORT", "5432"),
            user=env.get("PODIUM_DB_USER", "postgres"),
            password=env.get("PODIUM_DB_PASSWORD", ""),
            dbname="postgres",
        ) as conn:
            pids = [
                row[0]
                for row in conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s", (env["PODIUM_DB_NAME"],)
                )
            ]
    except Exception:  # noqa: BLE001 - a remote server: no figure
        return None
    return sum(process_tree_cpu_seconds(pid) for pid in pids)


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


async def http(port: int, raw: bytes, timeout: float) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 request on its own connection (gunicorn's sync workers close it anyway)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        writer.write(raw)
        data = await asyncio.wait_for(reader.read(-1), timeout)
    finally:
        writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "set-cookie" and name.lower() in headers:
            value = headers[name.lower()] + "\n" + value.strip()
        headers[name.lower()] = value.strip()
    return int(lines[0].split()[1]), headers, body


def form_path() -> str:
    return f"/register/{EVENT_SLUG}/general/"


async def load_form(port: int, index: int) -> tuple[str, str]:
    """The registrant opens the form before registration opens: their CSRF cookie and token."""
    raw = (f"GET {form_path()} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").encode()
    status, headers, body = await http(port, raw, 120)
    if status != 200:
        raise RuntimeError(f"form GET {index}: HTTP {status}")
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", "")).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    return cookie, token


def registrant_form(index: int, token: str, *, run: str) -> bytes:
    """The urlencoded form registrant `index` sends (emails unique per `run`)."""
    return urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "q_first_name": "Bench",
            "q_last_name": f"Person {index}",
            "q_email": f"bench-{run}-{index}@example.org",
            "q_organisation": "Benchmark Institute",
            "q_job_title": "Tester",
            "privacy_consent": "on",
        }
    ).encode()


async def post_form(port: int, index: int, cookie: str, token: str) -> tuple[bool, float, str]:
    """The rush: POST the loaded form; success is the 302 to "check your inbox"."""
    body = registrant_form(index, token, run=RUN)
    raw = (
        f"POST {form_path()} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Cookie: csrftoken={cookie}\r\nReferer: http://127.0.0.1{form_path()}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    started = time.perf_counter()
    try:
        status, headers, _ = await http(port, raw, 120)
    except Exception as error:  # noqa: BLE001 - every failure is counted and reported
        return False, time.perf_counter() - started, type(error).__name__
    ok = status == 302 and "/check-your-inbox/" in headers.get("location", "")
    return ok, time.perf_counter() - started, "" if ok else f"HTTP {status}"


async def gather_limited(factories, limit: int):
    semaphore = asyncio.Semaphore(limit)

    async def one(factory):
        async with semaphore:
            return await factory()

    return await asyncio.gather(*(one(f) for f in factories))


def run_client(coroutine):
    """Run the asyncio client in a thread of its own: the caller's thread may already run an
    event loop (Playwright's sync API leaves one in pytest's main thread)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def run_scenario(
    kind: str,
    *,
    attempts: int,
    seats: int,
    clients: int,
    server: str = "gunicorn",
    workers: int = 4,
) -> dict | None:
    with tempfile.TemporaryDirectory(prefix=f"podium-bench-{kind}-") as tmp:
        env = scenario_env(kind, Path(tmp))
        if kind == "postgres":
            try:
                recreate_postgres_database(env)
            except Exception as error:  # noqa: BLE001 - no server: report and skip
                print(
                    f"postgres scenario skipped: cannot reach PostgreSQL ({type(error).__name__}: {error})"
                )
                return None
        python(SETUP, EVENT_SLUG, str(seats), env=env)
        process, base = start_server(env, server, workers)
        port = int(base.rsplit(":", 1)[1])
        try:
            # 1. every registrant loads the form before registration opens (not the rush)
            cpu0, started = process_tree_cpu_seconds(process.pid), time.perf_counter()
            db0 = postgres_backend_cpu_seconds(env) if kind == "postgres" else None
            forms = run_client(
                gather_limited(
                    [functools.partial(load_form, port, i) for i in range(attempts)], clients
                )
            )
            get_seconds = time.perf_counter() - started
            get_cpu = process_tree_cpu_seconds(process.pid) - cpu0
            db1 = postgres_backend_cpu_seconds(env) if kind == "postgres" else None
            # 2. the rush: every loaded form is sent at once
            cpu0, client0 = process_tree_cpu_seconds(process.pid), time.process_time()
            started = time.perf_counter()
            results = run_client(
                gather_limited(
                    [functools.partial(post_form, port, i, *forms[i]) for i in range(attempts)],
                    clients,
                )
            )
            elapsed = time.perf_counter() - started
            client_cpu = time.process_time() - client0
            cpu = process_tree_cpu_seconds(process.pid) - cpu0
            # the backends live as long as the workers' connections (CONN_MAX_AGE)
            db2 = postgres_backend_cpu_seconds(env) if kind == "postgres" else None
        finally:
            stop_server(process)
        counts = json.loads(python(COUNT, EVENT_SLUG, env=env))
    errors = [reason for ok, _, reason in results if not ok]
    latencies = sorted(seconds for _, seconds, _ in results)
    return {
        "backend": kind,
        "server": server,
        "workers": 1 if server == "runserver" else workers,
        "attempts": attempts,
        "seats": seats,
        "clients": clients,
        "confirmed": counts.get("confirmed", 0),
        "waitlisted": counts.get("waitlisted", 0),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:5],
        "seconds": elapsed,
        "per_second": attempts / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "server_cpu_s": cpu,
        "db_cpu_s": None if db2 is None else db2 - db1,
        "client_cpu_s": client_cpu,
        "get_seconds": get_seconds,
        "get_server_cpu_s": get_cpu,
        "get_db_cpu_s": None if db1 is None else db1 - db0,
        "load": os.getloadavg()[0],
    }


def passed(row: dict) -> bool:
    return (
        row["confirmed"] == row["seats"]
        and row["waitlisted"] == row["attempts"] - row["seats"]
        and row["errors"] == 0
    )


def ms(seconds: float | None, attempts: int) -> str:
    return "-" if seconds is None else f"{1000 * seconds / attempts:.1f}"


def print_table(rows: list[dict], cores: int) -> None:
    header = (
        f"{'backend':<9} {'server':<9} {'workers':>7} {'attempts':>8} {'seats':>5} {'confirmed':>9} "
        f"{'waiting':>7} {'errors':>6} {'seconds':>7} {'reg/s':>6} {'p50 ms':>7} {'p95 ms':>7}  result"
    )
    print("The rush (every attempt POSTs a form loaded beforehand; reg/s = measured wall time)")
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['backend']:<9} {r['server']:<9} {r['workers']:>7} {r['attempts']:>8} {r['seats']:>5} "
            f"{r['confirmed']:>9} {r['waitlisted']:>7} {r['errors']:>6} {r['seconds']:>7.1f} "
            f"{r['per_second']:>6.1f} {r['p50_ms']:>7.0f} {r['p95_ms']:>7.0f}  "
            f"{'ok' if passed(r) else 'FAIL ' + ', '.join(r['error_kinds'])}"
        )
    print()
    print(
        f"CPU per attempt, ms (server = gunicorn master + workers; PG = the benchmark "
        f"database's backends; client = this process). Capacity implied by CPU = "
        f"{cores} cores / (server + PG CPU-s per POST), i.e. what {cores} cores would do "
        f"with nothing else running (+client: the client's CPU counted too):"
    )
    header = (
        f"{'backend':<9} {'GET server':>10} {'GET PG':>6} {'POST server':>11} {'POST PG':>7} "
        f"{'POST total':>10} {'client':>6} {'implied reg/s':>13} {'+client':>7} "
        f"{'measured reg/s':>14} {'load':>5}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        n = r["attempts"]
        total = r["server_cpu_s"] + (r["db_cpu_s"] or 0.0)
        print(
            f"{r['backend']:<9} {ms(r['get_server_cpu_s'], n):>10} {ms(r['get_db_cpu_s'], n):>6} "
            f"{ms(r['server_cpu_s'], n):>11} {ms(r['db_cpu_s'], n):>7} {ms(total, n):>10} "
            f"{ms(r['client_cpu_s'], n):>6} {cores * n / total:>13.0f} "
            f"{cores * n / (total + r['client_cpu_s']):>7.0f} {r['per_second']:>14.1f} "
            f"{r['load']:>5.1f}"
        )
    load = os.getloadavg()
    print(
        f"({os.cpu_count()} cores on this machine, load average now {load[0]:.2f} {load[1]:.2f} "
        f"{load[2]:.2f}; Redis counts the rate limits: its CPU is not in the table)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.registration", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--only", choices=sorted(SCENARIOS))
    parser.add_argument("--server", choices=SERVER_KINDS, default="gunicorn")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--attempts", type=int)
    parser.add_argument("--seats", type=int)
    parser.add_argument(
        "--clients", type=int, default=CLIENTS, help="connections open at once (asyncio)"
    )
    parser.add_argument(
        "--cores", type=int, default=2, help="cores for the capacity implied by CPU (default 2)"
    )
    args = parser.parse_args(argv if argv is not None else [])
    rows = []
    for kind, sizes in SCENARIOS.items():
        if args.only and kind != args.only:
            continue
        row = run_scenario(
            kind,
            attempts=args.attempts or sizes["attempts"],
            seats=args.seats or sizes["seats"],
            clients=args.clients,
            server=args.server,
            workers=args.workers,
        )
        if row is not None:
            rows.append(row)
    print_table(rows, args.cores)
    return 0 if all(passed(r) for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
