"""The event's own words, given to Whisper so names and organisations come out spelled right.

Owns turning what the staff already know about an event (speakers' names and
organisations, the title and description, a word list of their own) into the
text faster-whisper takes as ``initial_prompt``: Whisper reads it as the
words said just before the audio and prefers those spellings ("SunZia", not
"the sun's year"). The prompt is capped so it stays within the half of
Whisper's 448-token context that faster-whisper keeps for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from podium.engine.errors import InputError
from podium.engine.speakers import Speaker

MAX_PROMPT_CHARS = 600
"""About 150 tokens: within the 223 faster-whisper keeps, with room for the prompt's words."""

_PROPER = re.compile(r"\b[A-Z][\w'’-]*[A-Z0-9][\w'’-]*\b|\b[A-Z][a-z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
"""Capitalised words and runs of them (``SunZia``, ``New Mexico``), found in free text."""


_LEADING = {"the", "a", "an", "in", "on", "at", "of", "for", "and", "but", "our", "this", "that"}
"""Capitalised at the start of a sentence, never part of the name that follows."""


def speaker_terms(speakers: Iterable[Speaker]) -> list[str]:
    """Names, aliases and organisations of the event's speakers."""
    terms: list[str] = []
    for speaker in speakers:
        terms.append(speaker.name)
        terms.extend(speaker.aliases)
        if speaker.organisation:
            terms.append(speaker.organisation)
    return terms


def text_terms(text: str | None) -> list[str]:
    """Proper names in free text (an event title or description): capitalised words and runs."""
    if not text:
        return []
    found = []
    for match in _PROPER.finditer(text):
        parts = match.group(0).split()
        start = match.start()
        while len(parts) > 1 and parts[0].casefold() in _LEADING:
            start = text.index(parts[1], start + len(parts[0]))
            parts = parts[1:]
        phrase = " ".join(parts)
        first = parts[0]
        at_sentence_start = start == 0 or text[:start].rstrip().endswith((".", "!", "?", ":"))
        if at_sentence_start and " " not in phrase and first.istitle():
            continue  # an ordinary word capitalised because it starts a sentence
        found.append(phrase)
    return found


def read_word_list(path: str | Path) -> list[str]:
    """A staff word list: one term per line; blank lines and ``#`` comments are skipped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a word list", source=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("not a UTF-8 text file", source=str(path)) from None
    terms = []
    for line in text.splitlines():
        term = line.split("#", 1)[0].strip()
        if term:
            terms.append(term)
    return terms


def initial_prompt(terms: Iterable[str], *, limit: int = MAX_PROMPT_CHARS) -> str | None:
    """The terms, each once (first spelling wins), as Whisper's prompt; None when there are none.

    Terms that would push the prompt past `limit` characters are left out;
    earlier terms (speakers first, in the order the caller gives) are kept.
    """
    seen: set[str] = set()
    kept: list[str] = []
    size = 0
    for term in terms:
        term = " ".join(str(term).split())
        key = term.casefold()
        if not term or key in seen:
            continue
        if size + len(term) + 2 > limit:
            continue
        seen.add(key)
        kept.append(term)
        size += len(term) + 2
    if not kept:
        return None
    return ", ".join(kept) + "."
