"""Stop words and title casing for section titles and the intro.

`STOP` is spaCy's English stop-word list plus the words of conversation that
name nothing ("yeah", "thing", "going"), both read from
``data/write/*.txt`` (read with `podium.engine.wordlists.load_words("write/…")`); `title_case` writes a
headline the way the seed does ("The Childcare Offer and PPE"). The titles
themselves come from noun chunks (`podium.engine.write.titles`).
"""

from __future__ import annotations

from podium.engine.wordlists import load_words

STOP = load_words("write/english_stop_words") | load_words("write/spoken_stop_words")
_SMALL = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs"]
)


def title_case(text: str) -> str:
    """ "the childcare offer and PPE" -> "The Childcare Offer and PPE"."""
    words = text.split()
    out = []
    for i, word in enumerate(words):
        if "-" not in word and (
            any(ch.isupper() for ch in word[1:]) or word[:1].isupper() or i and word in _SMALL
        ):
            out.append(word)
        else:
            parts = word.split("-")
            out.append(
                "-".join(
                    p
                    if j and p in _SMALL or any(c.isupper() for c in p[1:])
                    else p[:1].upper() + p[1:]
                    for j, p in enumerate(parts)
                )
            )
    return " ".join(out)
