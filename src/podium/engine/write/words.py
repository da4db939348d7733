"""The writer's word lists, read from ``podium/engine/data/write/*.txt``.

One word or phrase a line, lower case, ``#`` starts a comment. Plain
`importlib.resources`; each list is read once per process. (The engine-wide
loader `podium.engine.wordlists` will take this over; the files stay.)
"""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """The entries of ``data/write/<name>.txt`` (comments and blank lines dropped)."""
    text = (
        resources.files("podium.engine")
        .joinpath("data", "write", f"{name}.txt")
        .read_text(encoding="utf-8")
    )
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(e for e in entries if e)
