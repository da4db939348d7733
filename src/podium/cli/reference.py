"""Writes the CLI reference (docs/cli.md) from the commands' own ``--help``.

``python -m podium.cli.reference > docs/cli.md`` regenerates it; a test fails
when the committed page and ``--help`` drift apart.
"""

from __future__ import annotations

import os

import typer
from typer.testing import CliRunner

WIDTH = 100


def command_paths(app: typer.Typer) -> list[list[str]]:
    """Every command and command group, as argument lists, in help order."""
    import typer.main

    root = typer.main.get_command(app)
    paths: list[list[str]] = [[]]

    def walk(command, prefix: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            if getattr(sub, "hidden", False):
                continue
            paths.append([*prefix, name])
            walk(sub, [*prefix, name])

    walk(root, [])
    return paths


def help_text(app: typer.Typer, path: list[str]) -> str:
    runner = CliRunner()
    env = {
        "COLUMNS": str(WIDTH),
        "NO_COLOR": "1",
        "TERM": "dumb",
        "_TYPER_FORCE_DISABLE_TERMINAL": "1",
    }
    result = runner.invoke(
        app, [*path, "--help"], env=env, prog_name="podium", terminal_width=WIDTH
    )
    return "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines())


def reference(app: typer.Typer) -> str:
    parts = [
        "# CLI reference",
        "",
        "Generated from `--help` by `python -m podium.cli.reference > docs/cli.md`;",
        "a test keeps it in step with the code. Exit codes: 0 ok, 1 findings",
        "(`podium verify` found a failure), 2 bad input.",
        "",
    ]
    for path in command_paths(app):
        title = " ".join(["podium", *path])
        parts += [f"## `{title}`", "", "```text", help_text(app, path), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    os.environ.setdefault("COLUMNS", str(WIDTH))
    from podium.cli import app

    print(reference(app), end="")
