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


def main() -> None:
    """Entry point of the `podium` script."""
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
