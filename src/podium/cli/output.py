"""Shared Rich consoles and output helpers for the CLI (the engine never prints)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

console = Console()
err_console = Console(stderr=True)


def write_output(text: str, output: Path | None) -> None:
    """Write `text` to `output`, or to standard output when no file is given."""
    if output is None:
        console.file.write(text if text.endswith("\n") else text + "\n")
        console.file.flush()
    else:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        err_console.print(f"wrote {output}", highlight=False, soft_wrap=True)
