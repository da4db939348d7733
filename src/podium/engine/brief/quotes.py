"""Finding the double-quoted spans of a brief's prose.

A quote is what stands between double quotation marks: straight ``"…"``,
curly ``“…”``, low-high ``„…“`` or guillemets ``«…»``. Single quotation marks
and apostrophes never open a quote (``Korea's``, ``Workers'``), so a nested
``'…'`` inside a quote stays part of its text. A straight mark that has no
partner is reported, not guessed at. Plain `re` does the scanning; the rules
are too small for a library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIRS = {"“": "”", "„": "“", "«": "»", '"': '"'}
_OPENERS = re.compile(r"[\"“„«]")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quoted span: ``text[start:end]`` includes the quotation marks."""

    start: int
    end: int
    text: str
    """The words between the marks, as printed (punctuation inside kept)."""


def find_quotes(text: str) -> tuple[list[QuoteSpan], list[int]]:
    """The quoted spans of `text` in order, and the offsets of unpaired marks."""
    spans: list[QuoteSpan] = []
    unpaired: list[int] = []
    position = 0
    while True:
        opener = _OPENERS.search(text, position)
        if opener is None:
            break
        close_char = _PAIRS[opener.group()]
        close = text.find(close_char, opener.end())
        if opener.group() == "„" and close < 0:
            close = text.find("”", opener.end())
        if close < 0:
            unpaired.append(opener.start())
            position = opener.end()
            continue
        inner = text[opener.end() : close]
        if inner.strip():
            spans.append(QuoteSpan(opener.start(), close + 1, inner.strip()))
        position = close + 1
    return spans, unpaired


def inside_quotes(offset: int, spans: list[QuoteSpan]) -> bool:
    """Whether `offset` falls within one of `spans` (marks included)."""
    return any(span.start <= offset < span.end for span in spans)
