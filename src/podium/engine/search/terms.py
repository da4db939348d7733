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
        "deputy",
        "minister",
        "chair",
        "am",  # Assembly Member, Member of Parliament…: post-nominal letters
        "mp",
        "ms",
        "msp",
        "mla",
        "mep",
        "td",
    ]
)
_TITLES = _HONORIFICS - {"right", "deputy", "minister", "chair"}
"""Honorifics and post-nominals that are never what a question is about ("Dr", "AM")."""
_NAME_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*", re.UNICODE)


def name_words(name: str) -> list[str]:
    """The words of a person's name that identify them (honorifics, post-nominals and initials
    left out); a hyphenated surname is one word ("finch-saunders")."""
    out = []
    for token in _NAME_TOKEN.findall(name):
        word = _possessive(token.lower().replace("’", "'").strip("'"))
        if len(word) > 1 and word not in _HONORIFICS:
            out.append(word)
    return out


def _possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


def _close(a: str, b: str) -> bool:
    """Equal, or one letter apart in a long word (a misspelt surname: "Dhillabeer")."""
    if a == b:
        return True
    if len(a) != len(b) or len(a) < 7:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


def mentioned_speakers(query: str, speakers: list[str]) -> list[str]:
    """The speakers `query` names: their full name, or a surname no other speaker shares.

    "What did Bill Blair say about…", "according to Meilyr Rowlands", "where
    Panda talked about the nuclear threshold", "what did Paul-Hus think",
    "JustinTrudeau" (written as one word) each name one speaker; honorifics
    and post-nominals ("Hon.", "AM") are not needed, and a long surname may be
    misspelt by one letter when the first name is given.
    """
    tokens = [
        _possessive(t.lower().replace("’", "'").strip("'")) for t in _NAME_TOKEN.findall(query)
    ]
    words = set(tokens) | {w for t in tokens for w in t.split("-")}
    text = " " + " ".join(tokens) + " "
    found = []
    names = {speaker: name_words(_PARENTHESES.sub(" ", speaker)) for speaker in speakers}
    surnames: dict[str, set[tuple[str, ...]]] = {}  # one person may speak under several labels
    for parts in names.values():
        if parts:
            surnames.setdefault(parts[-1], set()).add(tuple(parts))
    for speaker, parts in names.items():
        last = parts[-1] if parts else ""
        full = len(parts) > 1 and (
            all(p in words for p in parts)
            or "".join(parts) in words
            or (parts[-2] in words and any(_close(last, w) for w in words))
        )
        surname = bool(
            last and last in words and (len(last) >= 4 or "-" in last) and len(surnames[last]) == 1
        )
        # what a label's parentheses hold: a role ("Prime Minister") or the person ("Mrs. Carol Hughes")
        inner = False
        for held in _PARENTHESES.findall(speaker):
            raw = [t.lower() for t in _NAME_TOKEN.findall(held)]
            person = name_words(held)
            inner = inner or (
                (len(raw) > 1 and f" {' '.join(raw)} " in text)
                or (len(person) > 1 and all(p in words for p in person))
            )
        if full or surname or inner:
            found.append(speaker)
    return found


_PARENTHESES = re.compile(r"\(([^)]*)\)")


ASKING = frozenset(
    [
        "summarize",
        "summarise",
        "summary",
        "discussion",
        "discussions",
        "discuss",
        "discussed",
        "discussing",
        "debate",
        "debated",
        "debates",
        "questioning",
        "inquiries",
        "meeting",
        "group",
        "talk",
        "talked",
        "talking",
        "think",
        "thought",
        "thinks",
        "opinion",
        "opinions",
        "say",
        "said",
        "says",
        "speak",
        "spoke",
        "mention",
        "mentioned",
        "elaborate",
        "elaborated",
        "according",
        "respond",
        "responded",
        "happened",
        "when",
        "what",
        "why",
        "how",
        "did",
        "does",
        "do",
        "was",
        "were",
        "the",
        "about",
        "of",
        "on",
    ]
)
"""Question scaffolding ("Summarize the discussion about…", "What did X think of…"): words
that say how someone asks, not what about."""


def content_query(query: str, speakers: list[str]) -> str:
    """`query` without its question scaffolding (`ASKING`) and the names of the speakers it names.

    "What did Julie Morgan think about unforeseen costs?" becomes "unforeseen
    costs": the named speaker is a filter of its own (`mentioned_speakers`), and
    neither her name nor "think" is in what she said. With a named speaker,
    the honorifics and post-nominals around names go too ("Dr", "AM's"). Quoted
    phrases stay whole. When nothing is left, the query is returned unchanged.
    """
    query = query.replace("“", '"').replace("”", '"')
    named = mentioned_speakers(query, speakers)
    drop = {w for s in named for w in name_words(_PARENTHESES.sub(" ", s))}
    drop |= {part for w in drop for part in w.split("-")}
    drop |= {"".join(name_words(_PARENTHESES.sub(" ", s))) for s in named}
    if named:
        drop |= _TITLES
    pieces = []
    for number, piece in enumerate(query.split('"')):
        if number % 2:  # inside quotes
            pieces.append(f'"{piece}"')
            continue
        for token in _NAME_TOKEN.findall(piece):
            word = _possessive(token.lower().replace("’", "'").strip("'"))
            if word not in ASKING and word not in drop and word.replace("-", "") not in drop:
                pieces.append(token)
    cleaned = " ".join(pieces).strip()
    return cleaned if parse_terms(cleaned).words or parse_terms(cleaned).phrases else query
