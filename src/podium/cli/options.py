"""Arguments and options that several commands share, declared once (Typer `Annotated` aliases)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

TranscriptArgument = Annotated[
    Path,
    typer.Argument(help="The transcript: vtt, srt, json, txt or md (any reader's format)."),
]

SpeakersOption = Annotated[
    Path | None,
    typer.Option(
        "--speakers",
        "-s",
        help="YAML/JSON file of the event's speakers (names, transcript labels, aliases).",
        show_default=False,
    ),
]
