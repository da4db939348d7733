"""docs/cli.md is the commands' own --help; it must not drift from the code."""

from pathlib import Path

from podium.cli import app
from podium.cli.reference import command_paths, reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_cli_reference_matches_help():
    assert DOC.read_text(encoding="utf-8") == reference(app), (
        "docs/cli.md is stale: run  .venv/bin/python -m podium.cli.reference > docs/cli.md"
    )


def test_reference_covers_every_command():
    names = {" ".join(p) for p in command_paths(app)}
    for expected in (
        "render",
        "brief",
        "verify",
        "transcribe",
        "serve",
        "demo",
        "worker",
        "transcript convert",
    ):
        assert expected in names
