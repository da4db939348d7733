"""Highlighted passage text for the search page and the JSON API (spans from the engine)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from podium.engine.search.terms import highlight_spans


def highlight_html(text: str, words: list[str]) -> SafeString:
    """`text` escaped, with each matching word in ``<mark>``."""
    out, cursor = [], 0
    for start, end in highlight_spans(text, words):
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))
