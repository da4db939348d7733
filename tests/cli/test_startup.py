"""`podium --help` and `--version` stay instant: no heavy library is imported to answer them.

Each case runs the real entry point in a fresh interpreter under
``python -X importtime`` and reads the modules it imported from the report
(one line per module, indented by depth). The time target itself (< 0.5 s)
is measured in benchmarks/cli.py, not here.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = (
    "numpy",
    "scipy",
    "onnxruntime",
    "spacy",
    "sklearn",
    "django",
    "faster_whisper",
    "ctranslate2",
    "pysbd",
    "webvtt",
    "yaml",
    "podium.engine.write",
    "podium.engine.verify",
    "podium.engine.brief",
    "podium.engine.transcript",
    "podium.engine.asr",
    "podium.engine.segment",
    "podium.engine.nlp",
    "podium.engine.llm",
)
"""Packages (and their sub-modules) no help or version answer may import."""

RUN_MAIN = "import sys; sys.argv = ['podium', *sys.argv[1:]]; from podium.cli import main; main()"


def imported_modules(*args: str) -> tuple[set[str], subprocess.CompletedProcess]:
    """The modules ``podium ARGS`` imports, read from ``-X importtime``'s report on stderr."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", RUN_MAIN, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }
    return modules, result


def heavy_among(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("brief", "--help"),
        ("verify", "--help"),
        ("render", "--help"),
        ("transcribe", "--help"),
        ("transcript", "convert", "--help"),
        ("transcript", "show", "--help"),
    ],
    ids=" ".join,
)
def test_help_and_version_import_no_heavy_module(args):
    modules, result = imported_modules(*args)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "podium.cli" in modules  # the report was read
    assert heavy_among(modules) == []


def test_the_importtime_reader_sees_heavy_imports():
    # The same reader on a command that does load the engine: it must notice.
    modules, _ = imported_modules("render", "/nonexistent/brief.md")
    assert "podium.engine.brief" in heavy_among(modules)


def test_cli_choices_equal_the_engine_constants():
    from podium.cli import choices
    from podium.engine.asr import WHISPER_MODELS
    from podium.engine.brief import FORMATS as BRIEF_FORMATS
    from podium.engine.transcript import FORMATS, READ_FORMATS
    from podium.engine.write import WRITERS

    assert choices.TRANSCRIPT_FORMATS == FORMATS
    assert choices.TRANSCRIPT_READ_FORMATS == READ_FORMATS
    assert choices.BRIEF_FORMATS == BRIEF_FORMATS
    assert choices.WRITERS == WRITERS
    assert tuple(WHISPER_MODELS) == choices.WHISPER_MODELS
