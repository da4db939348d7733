"""CLI: ``podium verify BRIEF TRANSCRIPT`` — prove a program brief against its transcript.

The engine (`podium.engine.verify`) does the checking; this module reads the
files (brief parser, transcript readers, speakers file), shows progress on a
terminal, and prints the report: a Rich report section by section (text) or
the JSON shape documented in docs/verification.md. Exit 0 when nothing
fails, 1 when a finding is `fail`; bad input raises an engine error that
`podium.cli.main` prints as one red line with exit code 2.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from podium.cli.options import SpeakersOption, TranscriptArgument
from podium.cli.output import console, err_console, write_output

if TYPE_CHECKING:  # the engine is imported inside the command, so --help stays instant
    from podium.engine.verify import Finding, Report

FORMATS = ("text", "json")
_COLOURS = {"ok": "green", "warn": "yellow", "fail": "bold red"}
_LABELS = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}


def verify_command(
    brief: Annotated[
        Path, typer.Argument(help="The brief: seed page layout, Podium Markdown or JSON.")
    ],
    transcript: TranscriptArgument,
    speakers: SpeakersOption = None,
    format: Annotated[
        str,
        typer.Option("--format", "-F", metavar="text|json", help="Report format."),
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file.", show_default=False),
    ] = None,
    only_problems: Annotated[
        bool,
        typer.Option("--problems", help="Text report: show only warn and fail findings."),
    ] = False,
) -> None:
    """Check every quote, attribution, ▶ time, summary sentence and name of BRIEF against TRANSCRIPT.

    Exit code 0 when no finding is a fail, 1 when at least one is, 2 on bad input.
    """
    if format not in FORMATS:
        raise typer.BadParameter(
            f"unknown format {format!r} (known: text, json)", param_hint="--format"
        )
    from podium.engine.brief.parse import parse_brief_and_page, read_text
    from podium.engine.speakers import load_speakers
    from podium.engine.transcript import read_transcript

    people = load_speakers(speakers) if speakers else None
    parsed, page = parse_brief_and_page(read_text(brief), speakers=people, source=str(brief))
    if people is None and page.speakers:
        people = list(page.speakers)
    spoken = read_transcript(transcript)
    report = _run(parsed, spoken, people)
    if format == "json":
        write_output(json.dumps(report.to_dict(), indent=2, ensure_ascii=False), output)
    elif output is not None:
        file_console = Console(record=True, width=100, file=io.StringIO())
        print_report(report, file_console, only_problems=only_problems)
        write_output(file_console.export_text(), output)
    else:
        print_report(report, console, only_problems=only_problems)
    if report.failed:
        # SystemExit, not typer.Exit: `podium.cli.main` runs click with standalone_mode=False,
        # which turns typer.Exit into a return value that would be lost.
        raise SystemExit(1)


def _run(brief, transcript, speakers) -> Report:
    from rich.progress import Progress as RichProgress

    from podium.engine.verify import verify

    if not sys.stderr.isatty():
        return verify(brief, transcript, speakers=speakers)
    with RichProgress(console=err_console, transient=True) as bar:
        task = bar.add_task("verifying", total=1.0)

        def progress(fraction: float, stage: str) -> None:
            bar.update(task, completed=fraction, description=stage)

        return verify(brief, transcript, speakers=speakers, progress=progress)


def print_report(report: Report, out: Console, *, only_problems: bool = False) -> None:
    """The text report: one block per section, findings with status, evidence and fix."""
    for section, findings in report.by_section().items():
        shown = [f for f in findings if not only_problems or f.status != "ok"]
        if not shown:
            continue
        worst = _worst(findings)
        heading = "Title, intro and closing" if section == 0 else f"Section {section}"
        out.print(f"\n[bold]{heading}[/]  [{_COLOURS[worst]}]{worst}[/]", highlight=False)
        for finding in shown:
            _print_finding(finding, out)
    summary = report.summary
    out.print(
        f"\n[bold]{summary['fail']} fail[/], {summary['warn']} warn, {summary['ok']} ok",
        style="red" if summary["fail"] else "green",
        highlight=False,
    )


def _print_finding(finding: Finding, out: Console) -> None:
    from podium.engine.timefmt import format_time

    colour = _COLOURS[finding.status]
    subject = finding.subject if len(finding.subject) <= 90 else finding.subject[:87] + "…"
    out.print(
        f"  [{colour}]{_LABELS[finding.status]}[/] [dim]{finding.check:<11}[/] {escape(subject)}",
        highlight=False,
    )
    out.print(f"       {escape(finding.message)}", highlight=False)
    if finding.status != "ok":
        for evidence in finding.evidence[:2]:
            text = evidence.text if len(evidence.text) <= 160 else evidence.text[:157] + "…"
            out.print(
                f"       [cyan]{format_time(evidence.start)}[/] [dim]{escape(evidence.speaker)}:[/] "
                f"{escape(text)}",
                highlight=False,
            )
        if finding.suggestion:
            out.print(f"       [green]suggestion:[/] {escape(finding.suggestion)}", highlight=False)


def _worst(findings: list[Finding]) -> str:
    statuses = {f.status for f in findings}
    return "fail" if "fail" in statuses else "warn" if "warn" in statuses else "ok"


def register(app: typer.Typer) -> None:
    """Add ``podium verify`` to the `podium` app."""
    app.command("verify")(verify_command)
