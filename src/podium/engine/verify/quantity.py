"""Quantities with their units: what a number in a summary or a transcript stands for.

Works on the normalised words of `podium.engine.verify.text.normalise` (which
already reads spelled numbers, "per cent" and scale words: "seventy per
cent" = "70 percent", "1.5 billion" = 1500000000). On top of that it reads

- fractions and ratios: "one in five" = 0.2, "a third" = 1/3, "half a
  billion" = 500000000, "two and a half years" = 2.5 years, "70 percent" =
  0.7 (so "one in five" and "20 percent" are the same share);
- currency: "£4.50" = "four pounds fifty" = 4.5 pounds, "$45 million";
- the unit: the word after the number ("13 gigawatts", "49-year low", "30,000
  deaths"), shared along a range ("120,000 to 730,000 microfibres"); none
  when a function word follows ("as of 2021 and").

`same_quantity` compares two of them: equal values and compatible units (one
unit missing, or the same unit, singular and plural alike). Plain Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from podium.engine.verify.text import Token
from podium.engine.verify.wordlists import word_list

FRACTIONS = {
    "half": 0.5,
    "halves": 0.5,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 0.25,
    "quarters": 0.25,
    "fifth": 0.2,
    "fifths": 0.2,
    "tenth": 0.1,
    "tenths": 0.1,
}
"""Fraction words and their value."""

CURRENCY_SYMBOLS = {"£": "pound", "$": "dollar", "€": "euro", "¥": "yen"}
CURRENCY_WORDS = {
    "pound": "pound",
    "pounds": "pound",
    "quid": "pound",
    "dollar": "dollar",
    "dollars": "dollar",
    "euro": "euro",
    "euros": "euro",
    "yen": "yen",
}
RATIO = "ratio"
"""The unit of shares: percentages, "one in five", "a third"."""

_RANGE_WORDS = frozenset(["to", "or", "and"])


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, as said or written."""

    value: float
    unit: str | None
    """A singular unit word, a currency ("pound"), `RATIO`, or None when unknown."""
    surface: str
    """The written words ("one in five", "£4.50", "13 gigawatts")."""
    position: int
    """Index of its first token."""
    tokens: tuple[int, ...] = ()
    """Indices of every token it was read from."""


def _unit_word(token: Token) -> str | None:
    norm = token.norm
    if token.number or len(norm) < 2 or norm in word_list("quantity_non_units"):
        return None
    if norm in CURRENCY_WORDS:
        return CURRENCY_WORDS[norm]
    if norm == "percent":
        return RATIO
    for suffix, replacement in (("ies", "y"), ("s", "")):
        if norm.endswith(suffix) and len(norm) > len(suffix) + 2 and not norm.endswith("ss"):
            return norm[: -len(suffix)] + replacement
    return norm


def _currency_of(surface: str) -> str | None:
    stripped = surface.lstrip("([\"'")
    return CURRENCY_SYMBOLS.get(stripped[:1])


def quantities(tokens: list[Token]) -> list[Quantity]:
    """Every quantity in `tokens`, in order (see the module docstring)."""
    found: list[Quantity] = []
    n = len(tokens)
    i = 0
    while i < n:
        token = tokens[i]
        norm = token.norm
        # "a third", "half a billion", "a quarter of"
        article = bool(i) and tokens[i - 1].norm in ("a", "one")
        if (
            norm in FRACTIONS
            and not token.number
            and (i == 0 or not tokens[i - 1].number)
            and (norm.startswith("half") or article)
        ):
            start = i - 1 if article else i
            value = FRACTIONS[norm]
            used = list(range(start, i + 1))
            unit: str | None = RATIO
            j = i + 1
            if j < n and tokens[j].norm == "a":
                j += 1
            if j < n and tokens[j].number:  # "half a billion"
                value *= float(tokens[j].norm)
                used += list(range(i + 1, j + 1))
                unit = _currency_of(tokens[j].surface) or (
                    _unit_word(tokens[j + 1]) if j + 1 < n else None
                )
                j += 1
            surface = " ".join(dict.fromkeys(tokens[k].surface for k in used))
            found.append(Quantity(value, unit, surface, start, tuple(used)))
            i = j
            continue
        if not token.number:
            i += 1
            continue
        value = float(norm)
        used = [i]
        unit = _currency_of(token.surface)
        j = i + 1
        nxt = tokens[j] if j < n else None
        if nxt is not None and nxt.norm == "in" and j + 1 < n and tokens[j + 1].number:
            denominator = float(tokens[j + 1].norm)
            if denominator > value > 0:  # "one in five"
                used += [j, j + 1]
                found.append(
                    Quantity(value / denominator, RATIO, _surface(tokens, used), i, tuple(used))
                )
                i = j + 2
                continue
        if (
            nxt is not None
            and nxt.norm == "and"
            and j + 2 < n
            and tokens[j + 1].norm == "a"
            and tokens[j + 2].norm in FRACTIONS
        ):  # "two and a half years"
            value += FRACTIONS[tokens[j + 2].norm]
            used += [j, j + 1, j + 2]
            j += 3
            nxt = tokens[j] if j < n else None
        if nxt is not None and nxt.norm in FRACTIONS:  # "two thirds"
            value *= FRACTIONS[nxt.norm]
            used.append(j)
            unit = RATIO
            j += 1
            nxt = tokens[j] if j < n else None
        if nxt is not None and nxt.norm == "percent":
            value /= 100
            unit = RATIO
            used.append(j)
            j += 1
        elif nxt is not None and nxt.norm in CURRENCY_WORDS:
            unit = CURRENCY_WORDS[nxt.norm]
            used.append(j)
            j += 1
            # "four pounds fifty"
            if j < n and tokens[j].number and float(tokens[j].norm) < 100 and "." not in norm:
                value += float(tokens[j].norm) / 100
                used.append(j)
                j += 1
        elif unit is None and nxt is not None:
            unit = _unit_word(nxt)
            if unit is not None:
                used.append(j)  # shown with its unit ("13 gigawatts"), not consumed
        found.append(Quantity(value, unit, _surface(tokens, used), i, tuple(used)))
        i = j
    # a range shares its unit: "120,000 to 730,000 microfibres", "three or four years"
    for k in range(len(found) - 2, -1, -1):
        a, b = found[k], found[k + 1]
        gap = b.position - a.tokens[-1]
        if (
            a.unit is None
            and b.unit is not None
            and (gap == 1 or (gap == 2 and tokens[a.tokens[-1] + 1].norm in _RANGE_WORDS))
        ):
            found[k] = Quantity(a.value, b.unit, a.surface, a.position, a.tokens)
    return found


def _surface(tokens: list[Token], used: list[int]) -> str:
    words: list[str] = []
    for k in used:
        for word in tokens[k].surface.split():
            if not words or words[-1] != word:
                words.append(word)
    return " ".join(words).strip(",.;:?!")


def same_value(a: Quantity, b: Quantity) -> bool:
    """Equal values, to rounding; a share is compared only with a share."""
    if (a.unit == RATIO) != (b.unit == RATIO) and a.value < 1 and b.value < 1:
        return False
    return abs(a.value - b.value) <= 1e-6 * max(1.0, abs(a.value)) or _rounded(a.value, b.value)


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """Equal values (to rounding) and compatible units."""
    if not same_value(a, b):
        return False
    return a.unit is None or b.unit is None or a.unit == b.unit


def _rounded(a: float, b: float) -> bool:
    """A share said as "a third" and written "33 percent" (two digits of rounding)."""
    return 0 < a < 1 and 0 < b < 1 and abs(a - b) < 0.006


def same_unit(a: Quantity, b: Quantity) -> bool:
    """Both units known and equal."""
    return a.unit is not None and a.unit == b.unit
