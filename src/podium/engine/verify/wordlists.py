"""The verifier's word lists, read from data files (one entry a line, ``#`` comments).

The lists live in ``podium/engine/data/verify/*.txt`` so they can be read,
reviewed and extended without touching code; each file's header says where
its words come from. The engine's one loader, `podium.engine.wordlists`, reads
them (once per process); this module only shapes them for the checks:
`word_list` as a set, `word_pairs` (two-word lines, e.g. antonyms) as a
symmetric mapping, `word_map` as a dictionary.
"""

from __future__ import annotations

import functools

from podium.engine.wordlists import load_word_list, load_words


def _lines(name: str) -> tuple[str, ...]:
    return load_word_list(f"verify/{name}")


def word_list(name: str) -> frozenset[str]:
    """The entries of ``data/verify/NAME.txt`` (lower case as written)."""
    return load_words(f"verify/{name}")


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
