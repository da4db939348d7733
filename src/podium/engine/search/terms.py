"""From what someone typed to search terms, database queries and highlights.

A question ("what did anyone say about export controls?") becomes its content
words, OR-ed, so that ranking (BM25 in SQLite FTS5, `ts_rank_cd` in
PostgreSQL) decides rather than an all-words match; "quoted phrases" are
required. Stop words are spaCy's English list (`engine/data/write/english_stop_words.txt`,
the writer's too) plus a few words of asking. Highlighting marks
the words of a passage that share a stem-like prefix with a term.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from podium.engine.wordlists import load_words

_PHRASE = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"[\w'’]+", re.UNICODE)


@functools.cache
def stop_words() -> frozenset[str]:
    return load_words("write/english_stop_words") | {
        "say",
        "said",
        "says",
        "talk",
        "talked",
        "think",
        "did",
        "does",
        "doing",
        "anyone",
        "what's",
    }


@dataclass(slots=True)
class SearchTerms:
    """The parts of a query: required phrases and optional words."""

    phrases: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.phrases and not self.words

    def all_words(self) -> list[str]:
        out = [w for phrase in self.phrases for w in _words(phrase)]
        return out + [w for w in self.words if w not in out]

    def fts5(self) -> str:
        """An SQLite FTS5 MATCH expression (every term quoted, so no FTS syntax leaks in)."""
        required = [_fts_string(phrase) for phrase in self.phrases]
        optional = " OR ".join(_fts_string(word) for word in self.words)
        if required and optional:
            return " AND ".join(required) + f" AND ({optional})"
        return " AND ".join(required) if required else optional

    def websearch(self) -> tuple[str, str]:
        """(required, optional) strings for PostgreSQL's ``websearch_to_tsquery``."""
        required = " ".join(f'"{_clean(phrase)}"' for phrase in self.phrases)
        optional = " or ".join(_clean(word) for word in self.words)
        return required, optional


def parse_terms(query: str) -> SearchTerms:
    """Quoted phrases (required) and the remaining content words (any of them), lower-case."""
    query = query.replace("“", '"').replace("”", '"')
    phrases = [p.strip().lower() for p in _PHRASE.findall(query) if _words(p)]
    rest = _PHRASE.sub(" ", query)
    stops = stop_words()
    words: list[str] = []
    for word in _words(rest):
        if word not in stops and len(word) > 1 and word not in words:
            words.append(word)
    if not words and not phrases:  # only stop words: search them rather than nothing
        words = list(dict.fromkeys(_words(rest)))
    return SearchTerms(phrases=phrases, words=words)


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'").strip("'") for w in _WORD.findall(text) if w.strip("'’")]


def _clean(text: str) -> str:
    return " ".join(_words(text))


def _fts_string(text: str) -> str:
    return '"' + _clean(text).replace('"', "") + '"'


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def highlight_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Character spans of `text` whose word shares a stem with one of `words` (lower-case)."""
    stems = {_stem(w) for w in words if w}
    if not stems:
        return []
    spans = []
    for match in _WORD.finditer(text):
        word = match.group(0).lower().replace("’", "'")
        stem = _stem(word)
        if stem in stems or any(
            len(s) >= 4 and (word.startswith(s) or s.startswith(stem) and len(stem) >= 4)
            for s in stems
        ):
            spans.append(match.span())
    return spans


_HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "baroness",
        "hon",
        "rt",
        "right",
        "minister",
        "deputy",
        "chair",
    ]
)


def name_words(name: str) -> list[str]:
    """The words of a person's name that identify them (honorifics and initials left out)."""
    return [w for w in _words(name) if len(w) > 1 and w not in _HONORIFICS]


def mentioned_speakers(query: str, speakers: list[str]) -> list[str]:
    """The speakers `query` names: their full name, or a surname no other speaker shares.

    "What did Bill Blair say about…", "according to Meilyr Rowlands", "where
    Panda talked about the nuclear threshold" each name one speaker.
    """
    words = set(_words(query))
    surnames: dict[str, list[str]] = {}
    for speaker in speakers:
        parts = name_words(speaker)
        if parts:
            surnames.setdefault(parts[-1], []).append(speaker)
    found = []
    for speaker in speakers:
        parts = name_words(speaker)
        if not parts or speaker in found:
            continue
        full = len(parts) > 1 and all(p in words for p in parts)
        surname = parts[-1] in words and len(parts[-1]) >= 4 and len(surnames[parts[-1]]) == 1
        if full or surname:
            found.append(speaker)
    return found
