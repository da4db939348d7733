"""Lexical ranking of passages with SQLite FTS5 (BM25, Porter stemming), in memory.

The same full-text engine the site uses on its default database, here on a
private in-memory database (stdlib `sqlite3`), so `podium ask` on files and
the benchmark rank exactly as the site does on SQLite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from podium.engine.search.terms import parse_terms

FTS5_TOKENIZE = "porter unicode61 remove_diacritics 2"


class LexicalIndex:
    """BM25 over a fixed list of texts; `search` returns (position, score) best first."""

    def __init__(self, texts: Sequence[str]):
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            f"CREATE VIRTUAL TABLE passage USING fts5(text, tokenize='{FTS5_TOKENIZE}')"
        )
        self._db.executemany(
            "INSERT INTO passage(rowid, text) VALUES (?, ?)",
            ((number, text) for number, text in enumerate(texts)),
        )
        self._db.commit()

    def search(self, query: str, *, limit: int = 100) -> list[tuple[int, float]]:
        terms = parse_terms(query)
        if terms.empty:
            return []
        rows = self._db.execute(
            "SELECT rowid, bm25(passage) FROM passage WHERE passage MATCH ? "
            "ORDER BY bm25(passage) LIMIT ?",
            (terms.fts5(), limit),
        ).fetchall()
        return [(int(rowid), -float(score)) for rowid, score in rows]
