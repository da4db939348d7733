"""CLI: ``podium transcript convert`` and ``podium transcript show``.

The engine (`podium.engine.transcript`) reads, repairs and writes; this
module reads options, applies a speaker map (`podium.engine.speakers`), prints
the readers' repairs as yellow warnings and the statistics as a Rich table.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from podium.cli.choices import TRANSCRIPT_FORMATS, TRANSCRIPT_READ_FORMATS
from podium.cli.output import console, err_console, write_output
from podium.engine.errors import TranscriptError

if TYPE_CHECKING:  # the engine is imported inside the commands, so --help stays instant
    from podium.engine.transcript import Transcript

transcript_app = typer.Typer(
    name="transcript",
    help="Read, convert and inspect transcripts (vtt, srt, json, txt, md; QMSum JSON).",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

_LINE_PREFIX = re.compile(r"^line (\d+): ")

FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        "-f",
        metavar="|".join(TRANSCRIPT_READ_FORMATS),
        help="Input format. Default: from the extension, else sniffed from the content.",
        show_default=False,
    ),
]
SpeakerMapOption = Annotated[
    Path | None,
    typer.Option(
        "--speaker-map",
        "-m",
        help="YAML/JSON file mapping transcript labels to people (SPEAKER_00: Dana Whitfield).",
        show_default=False,
    ),
]


def _load(path: Path, from_format: str | None, speaker_map: Path | None) -> Transcript:
    from podium.engine.speakers import label_map, load_speakers
    from podium.engine.transcript import read_transcript

    transcript = read_transcript(path, format=from_format)
    if speaker_map is not None:
        names = label_map(load_speakers(speaker_map))
        if not names:
            err_console.print(
                f"[yellow]warning:[/] {escape(str(speaker_map))}: no 'label' in the speaker map, "
                "nothing renamed",
                highlight=False,
                soft_wrap=True,
            )
        unused = [label for label in names if label not in transcript.speakers]
        if unused:
            err_console.print(
                f"[yellow]warning:[/] {escape(str(speaker_map))}: not in the transcript: "
                f"{escape(', '.join(unused))}",
                highlight=False,
                soft_wrap=True,
            )
        transcript = transcript.renamed(names)
    return transcript


def _print_warnings(transcript: Transcript) -> None:
    """Each repair as ``warning: file:line: what was done``, in yellow, on standard error."""
    for warning in transcript.warnings:
        match = _LINE_PREFIX.match(warning)
        where = f"{transcript.source}:{match[1]}" if match else transcript.source
        text = warning[match.end() :] if match else warning
        err_console.print(
            f"[yellow]warning: {escape(where)}: {escape(text)}[/]", highlight=False, soft_wrap=True
        )


@transcript_app.command()
def convert(
    source: Annotated[
        Path,
        typer.Argument(help="The transcript to read.", show_default=False, metavar="IN"),
    ],
    output: Annotated[
        str,
        typer.Argument(
            help="Where to write; the format comes from its extension. '-' writes to "
            "standard output (give --to).",
            show_default=False,
            metavar="OUT",
        ),
    ],
    from_format: FromOption = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            "-t",
            metavar="|".join(TRANSCRIPT_FORMATS),
            help="Output format. Default: from OUT's extension.",
            show_default=False,
        ),
    ] = None,
    speaker_map: SpeakerMapOption = None,
) -> None:
    """Convert a transcript from one format to another.

    Reads WebVTT, SRT, Podium JSON, faster-whisper / WhisperX JSON, QMSum
    meetings, plain-text exports and Podium Markdown; writes vtt, srt, json,
    txt and md. Unsorted or overlapping cues are repaired and reported as
    warnings; a bad file stops with [bold]error: file:line: reason[/] and exit code 2.

    [bold]Examples[/]

      podium transcript convert panel.vtt panel.srt
      podium transcript convert whisperx.json out.vtt -m speakers.yaml
      podium transcript convert export.txt - --to md
      podium transcript convert meeting.json meeting.vtt --from qmsum
    """
    from podium.engine.transcript import format_transcript
    from podium.engine.transcript.sniff import format_from_path

    transcript = _load(source, from_format, speaker_map)
    destination = None if output == "-" else Path(output)
    if to is not None:
        format = to
    elif destination is not None and format_from_path(destination) is not None:
        format = format_from_path(destination)
    else:
        raise TranscriptError(
            f"cannot tell the output format from {output!r}: give --to "
            f"({', '.join(TRANSCRIPT_FORMATS)}) or an OUT ending in "
            f"{', '.join('.' + f for f in TRANSCRIPT_FORMATS)}"
        )
    text = format_transcript(transcript, format)
    _print_warnings(transcript)
    try:
        write_output(text, destination)
    except OSError as exc:
        raise TranscriptError(
            f"cannot write: {exc.strerror or exc}", source=str(destination)
        ) from None


@transcript_app.command()
def show(
    source: Annotated[
        Path,
        typer.Argument(help="The transcript to inspect.", show_default=False, metavar="IN"),
    ],
    from_format: FromOption = None,
    speaker_map: SpeakerMapOption = None,
    turns: Annotated[
        bool,
        typer.Option("--turns", help="Also list every turn: time, speaker and its opening words."),
    ] = False,
) -> None:
    """Show who speaks how much: turns, words and speaking time per speaker.

    Also the total duration, turns and words, and any repairs the reader made
    (in yellow).

    [bold]Examples[/]

      podium transcript show panel.vtt
      podium transcript show whisperx.json -m speakers.yaml --turns
    """
    from rich.table import Table

    from podium.engine.timefmt import format_time

    transcript = _load(source, from_format, speaker_map)
    all_turns = transcript.turns()
    stats: dict[str, list[float]] = {}
    for turn in all_turns:
        row = stats.setdefault(turn.speaker, [0, 0, 0.0])
        row[0] += 1
        row[1] += sum(len(s.text.split()) for s in turn.segments)
        row[2] += sum(s.duration for s in turn.segments)
    spoken = sum(row[2] for row in stats.values()) or 1.0

    console.print(f"[bold]{escape(transcript.title or source.name)}[/]", highlight=False)
    table = Table(show_footer=True)
    table.add_column("Speaker", footer="Total")
    table.add_column("Turns", justify="right", footer=str(len(all_turns)))
    table.add_column("Words", justify="right", footer=str(transcript.word_count()))
    table.add_column("Speaking time", justify="right", footer=format_time(spoken))
    table.add_column("Share", justify="right", footer="100%")
    for speaker, (count, words, seconds) in stats.items():
        table.add_row(
            escape(speaker) if speaker else "[dim](unknown)[/]",
            str(int(count)),
            str(int(words)),
            format_time(seconds),
            f"{100 * seconds / spoken:.0f}%",
        )
    console.print(table)

    first = transcript.segments[0].start
    span = f" ({format_time(first)}–{format_time(transcript.duration)})" if first >= 1 else ""
    console.print(
        f"{escape(source.name)}: {len(stats)} speakers, {len(all_turns)} turns, "
        f"{len(transcript.segments)} segments, {transcript.word_count()} words, "
        f"duration {format_time(transcript.duration - first)}{span}"
        + (f", language {transcript.language}" if transcript.language else ""),
        highlight=False,
        soft_wrap=True,
    )
    if turns:
        listing = Table(show_header=True, box=None, pad_edge=False)
        listing.add_column("Time", justify="right", style="cyan")
        listing.add_column("Speaker", style="bold")
        listing.add_column("Said")
        for turn in all_turns:
            words = turn.text.split()
            opening = " ".join(words[:14]) + (" …" if len(words) > 14 else "")
            listing.add_row(format_time(turn.start), escape(turn.speaker), escape(opening))
        console.print(listing)
    _print_warnings(transcript)


def register(app: typer.Typer) -> None:
    """Add the ``transcript`` command group to the `podium` app."""
    app.add_typer(transcript_app, name="transcript")
