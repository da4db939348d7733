"""CLI: ``podium render BRIEF --to txt|md|html|json`` (reads any brief layout the parser knows).

The engine (`podium.engine.brief`) parses and renders; this module only
reads options, prints the parser's repairs as warnings and writes the result.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from podium.cli.choices import BRIEF_FORMATS
from podium.cli.output import err_console, write_output
from podium.engine.errors import InputError

_SUFFIXES = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


def render(
    brief: Annotated[
        Path,
        typer.Argument(
            help="The brief: the seed's text page, Podium Markdown or Podium JSON (sniffed); - reads stdin.",
            show_default=False,
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            "-t",
            metavar="|".join(BRIEF_FORMATS),
            help="Output format. Default: from the -o file's extension, else md.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here instead of to standard output.", show_default=False
        ),
    ] = None,
    speakers: Annotated[
        Path | None,
        typer.Option(
            "--speakers",
            "-s",
            help="YAML/JSON file of the event's speakers, to resolve names such as 'Lee warned'.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Re-render a program brief as text, Markdown, standalone HTML or JSON.

    Section speakers come from the names in each summary, resolved against
    the --speakers file, the page's "About the Speakers" bios and the
    moderator line. Repairs the parser made are printed as warnings.

    [bold]Examples[/]

      podium render page.txt --to md
      podium render page.txt --to html -o brief.html
      podium render brief.md --to json --speakers speakers.yaml
      cat brief.json | podium render - --to txt
    """
    from podium.engine.brief import parse_brief, read_brief, render_brief
    from podium.engine.speakers import load_speakers

    if to is None:
        format = _SUFFIXES.get(output.suffix.lower(), "md") if output is not None else "md"
    elif to.lower() in BRIEF_FORMATS:
        format = to.lower()
    else:
        raise InputError(f"--to {to}: unknown format (choose one of {', '.join(BRIEF_FORMATS)})")
    people = load_speakers(speakers) if speakers is not None else None
    if str(brief) == "-":
        parsed = parse_brief(sys.stdin.read(), speakers=people, source="<stdin>")
    else:
        parsed = read_brief(brief, speakers=people)
    for warning in parsed.warnings:
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    write_output(render_brief(parsed, format), output)


def register(app: typer.Typer) -> None:
    """Add ``podium render`` to the `podium` app."""
    app.command("render", no_args_is_help=True)(render)
