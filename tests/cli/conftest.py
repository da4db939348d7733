"""The `podium` fixture: run the CLI in-process, as its entry point runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from podium.cli import main


@pytest.fixture
def podium(capsys, monkeypatch):
    """Run ``podium ARGS`` through `podium.cli.main`; returns (exit code, stdout, stderr).

    ``cwd=`` runs it from another folder; ``columns=`` sets the terminal width
    Rich wraps at (reports with long lines are easier to assert on wide).
    """

    def run(
        *args: str | Path, cwd: Path | None = None, columns: int | None = None
    ) -> subprocess.CompletedProcess:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if columns is not None:
            monkeypatch.setenv("COLUMNS", str(columns))
        monkeypatch.setattr(sys, "argv", ["podium", *map(str, args)])
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exit_:
            code = exit_.code or 0
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return run


@pytest.fixture
def wide_terminal(monkeypatch):
    """A 200-column terminal for the whole test."""
    monkeypatch.setenv("COLUMNS", "200")
