"""Site commands: `podium serve`, `podium demo`, `podium worker`, `podium manage`.

`podium serve` is the production server: it migrates, collects the static
files (WhiteNoise's compressed, hashed copies) and hands the process over to
gunicorn with N worker processes. `podium demo` keeps Django's development
server and turns DEBUG on for itself. They wrap Django: each sets DJANGO_SETTINGS_MODULE and calls django.setup()
only when it runs (`_django()`), so the engine commands never import Django.
`podium demo` migrates the database (SQLite under ./var by default), loads the
demo content (`podium.demo.load.load_demo`), prints the staff logins, starts a
task worker beside the web server and stops it on exit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Annotated

import typer

from podium.cli.output import console, err_console

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _django() -> None:
    """Configure and start Django (lazily: only site commands pay for it)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "podium.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        console.print("Bringing the database up to date (migrate)…")
        call_command("migrate", interactive=False, verbosity=0)


def _database_label() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"SQLite {db['NAME']}"
    return (
        f"PostgreSQL {db.get('NAME')} on {db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"
    )


def _runserver(host: str, port: int) -> None:
    from django.core.management import call_command

    console.print(f"Serving on [bold]http://{host}:{port}/[/]  (Ctrl+C to stop)", highlight=False)
    call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=False)


def default_workers() -> int:
    """gunicorn's rule of thumb: two workers per core, plus one."""
    return 2 * (os.cpu_count() or 1) + 1


def _collectstatic() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def _gunicorn(host: str, port: int, workers: int, timeout: int) -> None:
    """Replace this process with gunicorn serving podium.wsgi (access log on stdout)."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    console.print(
        f"Serving on [bold]http://{bind}/[/] with {workers} gunicorn workers  (Ctrl+C to stop)",
        highlight=False,
    )
    sys.stdout.flush()
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "podium.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--timeout",
        str(timeout),
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
        # X-Forwarded-* are read by Django (PODIUM_BEHIND_TLS_PROXY), not gunicorn.
        "--forwarded-allow-ips",
        "127.0.0.1,::1",
    ]
    os.execv(sys.executable, argv)


def _start_worker() -> subprocess.Popen | None:
    """A `podium worker` child process for the database task backend (None for other backends)."""
    from django.conf import settings

    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        err_console.print(f"[yellow]no worker started: task backend is {backend}[/]")
        return None
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
    return subprocess.Popen([sys.executable, "-m", "podium", "worker", "--backend", "db"], env=env)


def _url_host(host: str) -> str:
    """`host` as it goes in a URL: 0.0.0.0/:: mean this machine; IPv6 addresses in brackets."""
    if host in {"0.0.0.0", ""}:
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `podium` app."""

    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = DEFAULT_HOST,
        port: Annotated[int, typer.Option(help="Port to listen on.")] = DEFAULT_PORT,
        workers: Annotated[
            int | None,
            typer.Option(help="gunicorn worker processes (default: 2 per CPU core + 1).", min=1),
        ] = None,
        timeout: Annotated[
            int, typer.Option(help="Seconds before a stuck worker is restarted.", min=5)
        ] = 60,
    ) -> None:
        """Run the web site with gunicorn, the production server (see docs/deploy.md).

        Migrates the database if needed and collects the static files
        (served by WhiteNoise, compressed, with hashed names) first. Settings
        come from PODIUM_* environment variables (docs/settings.md). Run the
        task worker beside it: `podium worker`.
        """
        _django()
        _migrate()
        _collectstatic()
        _gunicorn(host, port, workers or default_workers(), timeout)

    @app.command()
    def demo(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = DEFAULT_HOST,
        port: Annotated[int, typer.Option(help="Port to listen on.")] = DEFAULT_PORT,
        no_serve: Annotated[
            bool, typer.Option("--no-serve", help="Load the demo content and exit.")
        ] = False,
        reset_demo_passwords: Annotated[
            bool,
            typer.Option(
                "--reset-demo-passwords",
                help="Set the demo accounts' passwords back to the demo password.",
            ),
        ] = False,
    ) -> None:
        """Load the demo events and publications, print the staff logins, and serve the site.

        Safe to run again: nothing is duplicated, and existing accounts keep
        their passwords. Refuses a database it did not create. A task worker
        runs beside the server (for brief generation and emails) and stops with it.
        """
        # Demo emails go to files under the data folder, not over the console;
        # the development server serves with DEBUG on unless told otherwise.
        os.environ.setdefault("PODIUM_EMAIL", "file")
        os.environ.setdefault("PODIUM_DEBUG", "1")
        # Links in emails and calendar files point at the address this demo serves on.
        os.environ.setdefault("PODIUM_SITE_URL", f"http://{_url_host(host)}:{port}")
        _django()
        import logging

        logging.getLogger("podium").setLevel(logging.WARNING)
        console.print(f"Database: {_database_label()}", highlight=False)
        _migrate()
        from podium.demo.load import (
            DEMO_PASSWORD,
            DEMO_USERS,
            NotADemoDatabase,
            claim_demo_database,
            load_demo,
        )

        try:
            claim_demo_database()
        except NotADemoDatabase as error:
            err_console.print(f"[red]podium demo: {error}[/]", highlight=False)
            raise typer.Exit(2) from None
        console.print("Loading the demo content…")
        summary = load_demo(stdout=console.file, reset_passwords=reset_demo_passwords)
        _print_logins(host, port, DEMO_USERS, DEMO_PASSWORD, summary)
        if no_serve:
            return
        worker = _start_worker()
        # `kill`/`timeout` send SIGTERM: turn it into the same clean stop as Ctrl+C.
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            _runserver(host, port)
        except KeyboardInterrupt:
            console.print("Stopping.")
        finally:
            _stop(worker)

    @app.command()
    def worker(
        backend: Annotated[
            str, typer.Option(help="db: the database queue (default); rq: RQ workers on Redis.")
        ] = "db",
    ) -> None:
        """Run a background task worker (brief generation, transcription, emails)."""
        if backend not in {"db", "rq"}:
            raise typer.BadParameter("use db or rq", param_hint="--backend")
        if backend == "rq":
            os.environ["PODIUM_TASKS"] = "rq"
        _django()
        from django.core.management import call_command

        from podium.briefs.domain.jobs import requeue_stale_jobs

        # Brief jobs left `running` by a dead worker are queued again first, on
        # either backend, so a killed worker's job is never stuck.
        requeued = requeue_stale_jobs()
        if requeued:
            err_console.print(f"requeued stalled brief jobs: {', '.join(map(str, requeued))}")
        if backend == "db":
            call_command("db_worker", queue_name="*", reload=False)
            return
        # RQ: django-rq's `rqworker` on the queues of settings.RQ_QUEUES, with
        # django-tasks-rq's job class so RQ runs Django tasks.
        from django.conf import settings

        call_command("rqworker", *settings.RQ_QUEUES.keys(), job_class="django_tasks_rq.Job")

    @app.command(
        context_settings={
            "allow_extra_args": True,
            "ignore_unknown_options": True,
            "help_option_names": [],
        }
    )
    def manage(ctx: typer.Context) -> None:
        """Run a Django management command: `podium manage migrate`, `podium manage createsuperuser`…"""
        _django()
        from django.core.management import execute_from_command_line

        execute_from_command_line(["podium manage", *ctx.args])


def _print_logins(host: str, port: int, users, password: str, summary: dict) -> None:
    from django.conf import settings
    from rich.table import Table

    base = f"http://{host}:{port}"
    table = Table(title="Staff logins (local demo only)", show_lines=False)
    table.add_column("user", style="bold")
    table.add_column("password")
    table.add_column("role")
    for username, role, *_ in users:
        table.add_row(username, password, role.replace("_", " "))
    console.print(table)
    lines = [
        f"[bold]Site:[/]        {base}/",
        f"[bold]Staff area:[/]  {base}/staff/   (sign in at {base}/accounts/login/)",
        "[bold]Demo events:[/]",
        # the briefs loader adds the recorded demo event an editor takes from upload to publication
        *(
            f"  {base}/events/{slug}/"
            for slug in dict.fromkeys([*summary["events"], *summary.get("briefs", {})])
        ),
    ]
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        lines.append(f"[bold]Emails:[/]      written to {settings.EMAIL_FILE_PATH}/")
    for line in lines:
        console.print(line, highlight=False, soft_wrap=True)
