"""The verifier's word lists, read from data files (one entry a line, ``#`` comments).

The lists live in ``podium/engine/data/verify/*.txt`` so they can be read,
reviewed and extended without touching code; each file's header says where
its words come from. `word_list` reads one file once per process
(`functools.cache`); `word_pairs` reads a file of two-word lines (antonyms)
into a symmetric mapping. Plain `pathlib`, no other library.
"""

from __future__ import annotations

import functools
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "verify"
"""Where the lists are: ``podium/engine/data/verify``."""


def _lines(name: str) -> list[str]:
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """The entries of ``data/verify/NAME.txt`` (lower case as written)."""
    return frozenset(_lines(name))


@functools.cache
def word_pairs(name: str) -> dict[str, frozenset[str]]:
    """``data/verify/NAME.txt`` of lines ``word opposite`` -> word -> its opposites (both ways)."""
    pairs: dict[str, set[str]] = {}
    for line in _lines(name):
        parts = line.split()
        if len(parts) != 2:
            raise ValueError(f"data/verify/{name}.txt: expected two words a line, got {line!r}")
        a, b = parts
        pairs.setdefault(a, set()).add(b)
        pairs.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in pairs.items()}


@functools.cache
def word_map(name: str) -> dict[str, str]:
    """``data/verify/NAME.txt`` of lines ``key value`` -> {key: value}."""
    out: dict[str, str] = {}
    for line in _lines(name):
        parts = line.split()
        if len(parts) != 2:
            raise ValueError(f"data/verify/{name}.txt: expected two words a line, got {line!r}")
        out[parts[0]] = parts[1]
    return out
