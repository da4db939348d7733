"""CLI: ``podium brief TRANSCRIPT`` — write a verified program brief from a transcript.

Reads the transcript (any reader's format), the optional event file
(``--event``, YAML or JSON: title, description, date, venue, moderator,
co_organisers, sponsor, disclosure) and speakers file, runs
`podium.engine.write.write_brief` with a Rich progress bar on stderr,
prints what the repair loop did on stderr, and writes the brief (txt, md,
html or json, rendered by `podium.engine.brief.render_brief`) to stdout or
``-o FILE``. Exit 0 on success, 2 on bad input (one red line, no traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from podium.cli.choices import BRIEF_FORMATS, WRITERS
from podium.cli.options import SpeakersOption, TranscriptArgument
from podium.cli.output import err_console, write_output
from podium.engine.errors import InputError

if TYPE_CHECKING:  # the engine is imported inside the command, so --help stays instant
    from podium.engine.brief import EventDetails
    from podium.engine.write import WriteResult

EVENT_FIELDS = {
    "title": str,
    "description": str,
    "date": str,
    "venue": str,
    "moderator": str,
    "co_organisers": list,
    "sponsor": str,
    "disclosure": str,
}
_ALIASES = {
    "co_organizers": "co_organisers",
    "co-organisers": "co_organisers",
    "co-organizers": "co_organisers",
}


class EventFileError(InputError):
    """An event details file (``--event``) that cannot be read."""


def load_event(path: Path) -> EventDetails:
    """Read an event file (YAML or JSON) into `EventDetails`; errors name the file and field."""
    from podium.engine.brief import EventDetails
    from podium.engine.structured import load_yaml

    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EventFileError("no such file", source=source) from None
    except IsADirectoryError:
        raise EventFileError("is a directory, not an event file", source=source) from None
    except UnicodeDecodeError:
        raise EventFileError("not a UTF-8 text file", source=source) from None
    data = load_yaml(text, source=source, error=EventFileError)
    if data is None:
        return EventDetails()
    if not isinstance(data, dict):
        raise EventFileError(
            "expected a mapping of event fields (title, moderator, …)", source=source
        )
    values: dict[str, object] = {}
    for key, value in data.items():
        name = _ALIASES.get(str(key), str(key))
        if name not in EVENT_FIELDS:
            known = ", ".join(EVENT_FIELDS)
            raise EventFileError(f"unknown field {key!r} (known: {known})", source=source)
        if value is None:
            continue
        if name == "co_organisers":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise EventFileError(f"field {key!r}: expected a list of names", source=source)
        elif (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            or hasattr(value, "isoformat")
        ):
            value = str(value)  # a date YAML read as a date, a year read as a number
        elif not isinstance(value, str):
            raise EventFileError(f"field {key!r}: expected text", source=source)
        values[name] = value
    return EventDetails(**values)


def brief_command(
    transcript: TranscriptArgument,
    event: Annotated[
        Path | None,
        typer.Option(
            "--event",
            "-e",
            help="YAML/JSON event details: title, description, date, venue, moderator, "
            "co_organisers, sponsor, disclosure.",
            show_default=False,
        ),
    ] = None,
    speakers: SpeakersOption = None,
    sections: Annotated[
        int, typer.Option("--sections", "-n", min=1, max=30, help="How many sections to aim for.")
    ] = 8,
    to: Annotated[
        str, typer.Option("--to", "-t", metavar="|".join(BRIEF_FORMATS), help="Output format.")
    ] = "md",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the brief to this file.", show_default=False),
    ] = None,
    writer: Annotated[
        str,
        typer.Option(
            "--writer", "-w", metavar="|".join(WRITERS), help="Which writer drafts the prose."
        ),
    ] = "extractive",
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="LLM writer: OpenAI-compatible endpoint (else PODIUM_LLM_BASE_URL). "
            "The key comes only from PODIUM_LLM_API_KEY or OPENAI_API_KEY.",
            show_default=False,
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", help="LLM writer: model name (else PODIUM_LLM_MODEL).", show_default=False
        ),
    ] = None,
    temperature: Annotated[
        float | None,
        typer.Option("--temperature", help="LLM writer: sampling temperature.", show_default=False),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            "--concurrency", help="LLM writer: sections written at once.", show_default=False
        ),
    ] = None,
    max_requests: Annotated[
        int | None,
        typer.Option(
            "--max-requests", help="LLM writer: request budget per brief.", show_default=False
        ),
    ] = None,
    retries: Annotated[
        int | None,
        typer.Option(
            "--retries", help="LLM writer: further attempts after a failure.", show_default=False
        ),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout", help="LLM writer: seconds to wait for one answer.", show_default=False
        ),
    ] = None,
) -> None:
    """Write a program brief from TRANSCRIPT, verify it and repair what fails.

    The brief goes to standard output (or -o FILE); progress and the repair
    report go to standard error. Exit 0 on success, 2 on bad input.
    """
    from podium.engine.brief import render_brief
    from podium.engine.speakers import load_speakers
    from podium.engine.transcript import read_transcript

    if to not in BRIEF_FORMATS:
        raise typer.BadParameter(
            f"unknown format {to!r} (known: {', '.join(BRIEF_FORMATS)})", param_hint="--to"
        )
    if writer not in WRITERS:
        raise typer.BadParameter(
            f"unknown writer {writer!r} (known: {', '.join(WRITERS)})", param_hint="--writer"
        )
    llm_options = None
    if writer == "llm":
        from podium.engine.llm import LLMOptions

        llm_options = LLMOptions.from_env(
            base_url=base_url,
            model=model,
            temperature=temperature,
            concurrency=concurrency,
            max_requests=max_requests,
            retries=retries,
            timeout=timeout,
        )
    details = load_event(event) if event else None
    people = load_speakers(speakers) if speakers else None
    spoken = read_transcript(transcript)
    result = _run(spoken, details, people, sections, writer, llm_options)
    print_repairs(result)
    write_output(render_brief(result.brief, to), output)


def _run(transcript, event, speakers, sections, writer, llm_options) -> WriteResult:
    from rich.progress import Progress as RichProgress

    from podium.engine.write import write_brief

    kwargs = dict(event=event, speakers=speakers, sections=sections, writer=writer, llm=llm_options)
    if not sys.stderr.isatty():
        return write_brief(transcript, **kwargs)
    with RichProgress(console=err_console, transient=True) as bar:
        task = bar.add_task("writing", total=1.0)

        def progress(fraction: float, stage: str) -> None:
            bar.update(task, completed=fraction, description=stage)

        return write_brief(transcript, progress=progress, **kwargs)


def print_repairs(result: WriteResult) -> None:
    """One line per repair, then the verification summary, on stderr."""
    for line in result.repairs:
        err_console.print(f"[yellow]repaired:[/] {escape(line)}", highlight=False, soft_wrap=True)
    if result.llm is not None:
        err_console.print(f"LLM: {escape(result.llm.usage_line())}", highlight=False)
        err_console.print(f"LLM sections: {escape(result.llm.sources_line())}", highlight=False)
    summary = result.report.summary
    sections = sum(len(p.sections) for p in result.brief.parts)
    if result.reason:
        err_console.print(f"[yellow]fewer sections:[/] {escape(result.reason)}", soft_wrap=True)
    err_console.print(
        f"{sections} sections; verified: {summary['fail']} fail, {summary['warn']} warn, "
        f"{summary['ok']} ok; {len(result.repairs)} repair(s)",
        style="red" if summary["fail"] else "green",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``podium brief`` to the `podium` app."""
    app.command("brief", no_args_is_help=True)(brief_command)
