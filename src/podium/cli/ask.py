"""CLI: ``podium ask "QUESTION" FILE…`` — answer a question from transcript files with verified quotes.

The engine (`podium.engine.search`) cuts the transcripts into passages, ranks
them (SQLite FTS5 BM25 fused with MiniLM similarity) and keeps only quotes
that pass the verifier's quote and attribution checks; this module prints the
answer (Rich text or JSON). Heavy imports happen inside the command so
``podium --help`` stays instant. Exit 0 with an answer, 1 when nothing in the
files answers the question, 2 on bad input.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from podium.cli.output import console, write_output

FORMATS = ("text", "json")


def ask_command(
    question: Annotated[str, typer.Argument(help="The question, in plain words.")],
    files: Annotated[
        list[Path],
        typer.Argument(help="Transcripts to search: vtt, srt, json, txt, md, QMSum JSON."),
    ],
    format: Annotated[
        str, typer.Option("--format", "-F", metavar="text|json", help="Answer format.")
    ] = "text",
    passages: Annotated[
        int,
        typer.Option(
            "--passages", "-n", min=0, help="Also list this many best passages (search results)."
        ),
    ] = 0,
    llm: Annotated[
        bool,
        typer.Option(
            "--llm",
            help="Let a language model write the framing sentence (PODIUM_LLM_BASE_URL, "
            "PODIUM_LLM_MODEL); it is shown only if it passes the verifier's claim and names "
            "checks against the quotes.",
        ),
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="With --llm: OpenAI-compatible endpoint (else PODIUM_LLM_BASE_URL).",
            show_default=False,
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", help="With --llm: model name (else PODIUM_LLM_MODEL).", show_default=False
        ),
    ] = None,
) -> None:
    """Answer QUESTION with 2–5 verbatim quotes from FILES, each verified and attributed.

    Exit code 0 with an answer, 1 when nothing answers closely enough, 2 on bad input.
    """
    if format not in FORMATS:
        raise typer.BadParameter(
            f"unknown format {format!r} (known: text, json)", param_hint="--format"
        )
    from podium.engine.search import FileArchive
    from podium.engine.timefmt import format_time

    llm_options = None
    if llm:
        from podium.engine.llm import LLMOptions

        llm_options = LLMOptions.from_env(base_url=base_url, model=model)
    archive = FileArchive.from_files(files)
    answer = archive.ask(question)
    framing_problems: list[str] = []
    if llm_options is not None and answer.answered:
        from podium.engine.write.framing import frame_answer

        framed = frame_answer(answer, llm_options)
        answer.framing, answer.framed_by, framing_problems = (
            framed.text,
            framed.source,
            framed.problems,
        )
    hits = archive.search(question, limit=passages) if passages else []
    if format == "json":
        data = answer.to_dict()
        if framing_problems:
            data["framing_problems"] = framing_problems
        if passages:
            data["passages"] = [
                {
                    "source": archive.names[hit.source],
                    "speaker": hit.passage.speaker,
                    "start": round(hit.passage.start, 2),
                    "text": hit.passage.text,
                }
                for hit in hits
            ]
        write_output(json.dumps(data, indent=2, ensure_ascii=False), None)
    else:
        if llm_options is not None and answer.framed_by != "llm" and framing_problems:
            console.print(
                "[dim]The model's framing did not pass the checks; the fixed sentence is shown.[/]",
                highlight=False,
            )
        console.print(escape(answer.framing), highlight=False, soft_wrap=True)
        for quote in answer.quotes:
            console.print()
            console.print(f"  “{escape(quote.text)}”", highlight=False, soft_wrap=True)
            console.print(
                f"  [dim]— {escape(quote.speaker)}, {escape(quote.source)} ▶ {format_time(quote.start)}[/]",
                highlight=False,
                soft_wrap=True,
            )
        if hits:
            console.print()
            console.print("[bold]Passages[/]", highlight=False)
            for hit in hits:
                console.print(
                    f"  {escape(archive.names[hit.source])} ▶ {format_time(hit.passage.start)} "
                    f"[bold]{escape(hit.passage.speaker)}[/]: {escape(hit.passage.text)}",
                    highlight=False,
                    soft_wrap=True,
                )
    if not answer.answered:
        raise SystemExit(1)


def register(app: typer.Typer) -> None:
    app.command("ask")(ask_command)
