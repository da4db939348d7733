"""The `podium` command (Typer builds it, Rich prints it).

Engine commands work on files with no database; site commands wrap Django.
Each command group lives in its own module and adds itself with
``register(app)``. Errors the engine raises on purpose (`PodiumError`) are
printed as one red line and exit with code 2; nothing shows a traceback.

Exit codes: 0 ok, 1 findings (``podium verify`` found a failure), 2 bad input.
"""

from __future__ import annotations

import sys

import typer
from rich.markup import escape

from podium import __version__
from podium.cli import ask, brief, render, site, transcribe, transcript, verify
from podium.cli.output import err_console
from podium.engine.errors import PodiumError

app = typer.Typer(
    name="podium",
    help="Podium: event pages, registration and program briefs verified against the transcript.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"podium {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Podium: event pages, registration and program briefs verified against the transcript."""


for module in (transcript, render, brief, verify, ask, transcribe, site):
    module.register(app)


FAST_EXIT_COMMANDS = frozenset({"verify"})
"""Commands whose process skips the interpreter's clean-up at exit (see `_end_process`)."""


def main() -> None:
    """Entry point of the `podium` script."""
    try:
        _main()
    except SystemExit as exit_:
        code = exit_.code
        if (code is None or isinstance(code, int)) and _ends_process_now():
            _end_process(code or 0)
        raise


def _ends_process_now() -> bool:
    """True when this process is the `podium` command itself (the console script or
    ``python -m podium``), not a caller running `main` in-process (the tests), it runs a
    command of `FAST_EXIT_COMMANDS`, and no other Python thread is alive."""
    import threading
    from pathlib import Path

    entry = sys.modules.get("__main__")
    spec = getattr(entry, "__spec__", None)
    script = Path(getattr(entry, "__file__", None) or "").stem
    is_entry = (spec is not None and spec.name == "podium.__main__") or script == "podium"
    return (
        is_entry
        and len(sys.argv) > 1
        and sys.argv[1] in FAST_EXIT_COMMANDS
        and threading.active_count() == 1
    )


def _end_process(code: int) -> None:
    """Run the exit handlers, flush, and end the process without tearing the interpreter down.

    Freeing every module and object at exit costs `podium verify` about 0.25 CPU seconds
    (spaCy's thousands of modules and classes, 0.15 of it; ONNX Runtime's session) and
    does nothing the operating system does not do when the process ends. `atexit`
    handlers (logging, temporary files) still run.
    """
    import atexit
    import contextlib
    import os

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed or broken pipe
            stream.flush()
    os._exit(code)


def _main() -> None:
    try:
        result = app(standalone_mode=False)
        sys.exit(result if isinstance(result, int) else 0)
    except PodiumError as error:
        err_console.print(
            f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True
        )
        sys.exit(2)
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
    except typer.Abort:
        err_console.print("[red]aborted[/]")
        sys.exit(130)
    except Exception as error:
        if _is_usage_error(error):
            error.show()
            sys.exit(2)
        raise


def _is_usage_error(error: Exception) -> bool:
    """Click's usage errors (Typer bundles its own copy of click as `typer._click`)."""
    classes = []
    try:
        from typer._click.exceptions import ClickException as TyperClickException

        classes.append(TyperClickException)
    except ImportError:
        pass
    import click

    classes.append(click.exceptions.ClickException)
    return isinstance(error, tuple(classes))
