"""How long-running engine work reports progress without printing.

A `Progress` callback receives the fraction done (0.0 to 1.0) and a short
stage label ("transcribing", "segmenting", "verifying"). The CLI turns the
calls into a Rich progress bar; the site's background jobs store them so the
page can show a live bar. Engine functions accept ``progress=None``.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]


def no_progress(fraction: float, stage: str) -> None:
    """The default callback: ignore progress."""
