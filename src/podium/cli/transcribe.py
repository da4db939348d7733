"""CLI command `podium transcribe`: a recording in, a transcript file out.

The engine (`podium.engine.asr.transcribe`) does the work; this module reads
the options, shows a Rich progress bar (share of the audio done and the
speed as a multiple of real time), builds Whisper's prompt from the event's
own words (``--speaker-map``, ``--event``, ``--vocabulary``), applies
``--speaker-map`` to the labels, prints where the time went and writes the
result through the transcript writers.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from podium.cli.choices import TRANSCRIPT_FORMATS, WHISPER_MODELS
from podium.cli.output import err_console, write_output
from podium.engine.errors import InputError


def register(app: typer.Typer) -> None:
    """Add this module's commands to the `podium` app."""
    app.command("transcribe")(transcribe_command)


def transcribe_command(
    media: Annotated[
        Path, typer.Argument(help="Audio or video file (wav, mp3, m4a, mp4, mkv, webm, …).")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here; the format comes from the extension."),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help=f"Output format ({', '.join(TRANSCRIPT_FORMATS)}); default vtt."
        ),
    ] = None,
    model: Annotated[
        str, typer.Option("--model", "-m", help=f"Whisper model: {', '.join(WHISPER_MODELS)}.")
    ] = "base",
    language: Annotated[
        str | None,
        typer.Option("--language", "-l", help="Language code (en, fr, …); detected when left out."),
    ] = None,
    speakers: Annotated[
        int | None, typer.Option("--speakers", help="Exact number of speakers.")
    ] = None,
    min_speakers: Annotated[
        int, typer.Option("--min-speakers", help="Fewest speakers to consider.")
    ] = 1,
    max_speakers: Annotated[
        int, typer.Option("--max-speakers", help="Most speakers to consider.")
    ] = 8,
    speaker_map: Annotated[
        Path | None,
        typer.Option("--speaker-map", help="YAML/JSON file mapping SPEAKER_00… to names."),
    ] = None,
    event: Annotated[
        Path | None,
        typer.Option(
            "--event",
            "-e",
            help="YAML/JSON event details (as for podium brief): names in its title, "
            "description, moderator, co-organisers and sponsor are spelled as written.",
            show_default=False,
        ),
    ] = None,
    vocabulary: Annotated[
        Path | None,
        typer.Option(
            "--vocabulary",
            help="Text file of names and terms to spell as written, one per line (# comments).",
            show_default=False,
        ),
    ] = None,
    beam_size: Annotated[
        int | None,
        typer.Option("--beam-size", min=1, help="Whisper's beam width; default: the model's own."),
    ] = None,
    speaker_encoder: Annotated[
        str,
        typer.Option("--speaker-encoder", help="resemblyzer, voicefilter or auto."),
    ] = "auto",
    clustering: Annotated[
        str, typer.Option("--clustering", help="Speaker clustering: agglomerative or spectral.")
    ] = "agglomerative",
    resume: Annotated[
        bool,
        typer.Option(
            "--resume/--no-resume",
            help="Continue from the chunks an interrupted run of the same file finished.",
        ),
    ] = True,
    threads: Annotated[int, typer.Option("--threads", help="CPU threads; 0 uses all cores.")] = 0,
) -> None:
    """Transcribe a recording on the CPU, offline, with speaker turns."""
    from podium.engine.asr import TranscribeOptions, probe, transcribe
    from podium.engine.asr.transcribe import TranscribeStats
    from podium.engine.asr.vocabulary import (
        initial_prompt,
        read_word_list,
        speaker_terms,
        text_terms,
    )
    from podium.engine.speakers import label_map, load_speakers
    from podium.engine.transcript import format_transcript

    out_format = _output_format(output, format)
    people = load_speakers(speaker_map) if speaker_map is not None else []
    names = label_map(people)
    terms = speaker_terms(people)
    if event is not None:
        from podium.cli.brief import load_event

        details = load_event(event)
        for text in (details.moderator, details.sponsor, *details.co_organisers):
            if text:
                terms.append(text)
        terms += text_terms(details.title) + text_terms(details.description)
    if vocabulary is not None:
        terms += read_word_list(vocabulary)
    info = probe(media)
    options = TranscribeOptions(
        model=model,
        language=language,
        speakers=speakers,
        min_speakers=min_speakers,
        max_speakers=max_speakers,
        threads=threads,
        beam_size=beam_size,
        initial_prompt=initial_prompt(terms),
        speaker_encoder=speaker_encoder,
        clustering=clustering,
        resume=resume,
    )
    stats = TranscribeStats()
    started = time.perf_counter()
    with _ProgressBar(info.duration) as bar:
        transcript = transcribe(media, options, progress=bar.update, stats=stats)
    elapsed = time.perf_counter() - started
    if names:
        transcript = transcript.renamed(names)
    for warning in transcript.warnings:
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    duration = info.duration or transcript.duration
    err_console.print(
        f"{duration:.0f} s of audio in {elapsed:.1f} s "
        f"({duration / max(elapsed, 1e-9):.1f}× real time); "
        f"{len(transcript.speakers)} speaker(s), language {transcript.language or '?'}, "
        f"{transcript.word_count()} words",
        highlight=False,
    )
    err_console.print(f"time: {stats.summary()}", highlight=False, soft_wrap=True)
    write_output(format_transcript(transcript, out_format), output)


def _output_format(output: Path | None, format: str | None) -> str:
    from podium.engine.transcript.sniff import format_from_path

    if format is not None:
        name = format.lower().lstrip(".")
        if name not in TRANSCRIPT_FORMATS:
            raise InputError(f"unknown format {format!r} (known: {', '.join(TRANSCRIPT_FORMATS)})")
        return name
    if output is None:
        return "vtt"
    name = format_from_path(output)
    if name is None:
        raise InputError(
            f"cannot tell the format from the name {output.name!r}: use one of "
            f"{', '.join('.' + f for f in TRANSCRIPT_FORMATS)} or --format",
            source=str(output),
        )
    return name


class _ProgressBar:
    """A Rich bar fed by the engine's progress callback: percentage and real-time factor."""

    def __init__(self, duration: float | None):
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.duration = duration or 0.0
        self.started = time.perf_counter()
        self.bar = Progress(
            TextColumn("{task.description:<17}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[speed]}"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        )
        self.task = self.bar.add_task("starting", total=1.0, speed="")

    def __enter__(self) -> _ProgressBar:
        if err_console.is_terminal:
            self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if err_console.is_terminal:
            self.bar.stop()

    def update(self, fraction: float, stage: str) -> None:
        elapsed = time.perf_counter() - self.started
        done = fraction * self.duration
        speed = ""
        if done > 0 and elapsed > 0:
            speed = f"{done / elapsed:.1f}× real time (RTF {elapsed / done:.3f})"
        self.bar.update(self.task, completed=fraction, description=stage, speed=speed)
