"""Word lists the engine matches text against, read from ``engine/data/*.txt``.

Each list is a plain text file in ``src/podium/engine/data/`` or one of its
subfolders (a name like ``"write/open_verbs"`` reads ``data/write/open_verbs.txt``;
the writer keeps its lists there): one word or phrase a line, ``#`` starts a comment (a whole line or the rest of one), blank
lines are ignored, and the file's header says where the list comes from. Lists
are read once per process (`functools.cache`) with `importlib.resources`, so
they work from an installed wheel as well as from a checkout.

- `load_words(name)` -> the entries as a frozenset (case kept as written);
- `load_word_list(name)` -> the entries in file order, duplicates dropped;
- `words_pattern(name)` -> a regex alternation ``(?:…|…)`` of the entries,
  escaped, longest first (so ``Professor`` is tried before ``Prof``).

A missing list is a packaging bug, not bad input: it raises `FileNotFoundError`.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

_DATA = "podium.engine.data"


@functools.cache
def load_word_list(name: str) -> tuple[str, ...]:
    """The entries of ``engine/data/<name>.txt`` in file order, without comments.

    `name` may hold a subfolder: ``"write/open_verbs"``.
    """
    *folders, stem = name.split("/")
    text = resources.files(_DATA).joinpath(*folders, f"{stem}.txt").read_text(encoding="utf-8")
    entries: dict[str, None] = {}
    for line in text.splitlines():
        entry = " ".join(line.split("#", 1)[0].split())
        if entry:
            entries[entry] = None
    return tuple(entries)


@functools.cache
def load_words(name: str) -> frozenset[str]:
    """The entries of ``engine/data/<name>.txt`` as a set, for membership tests."""
    return frozenset(load_word_list(name))


@functools.cache
def words_pattern(name: str) -> str:
    """A regex alternation of the list's entries, longest first: ``(?:Professor|Prof|…)``."""
    entries = sorted(load_word_list(name), key=lambda e: (-len(e), e))
    return "(?:" + "|".join(re.escape(e) for e in entries) + ")"
