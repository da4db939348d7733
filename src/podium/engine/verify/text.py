"""Word normalisation and the transcript word index that every check matches against.

Owns what "the same words" means for verification: case, punctuation, curly
quotes, hyphens and dashes, abbreviations with dots ("U.S." = "US"), thousands
separators ("100,000"), a lower-case word run into a number ("losing29%" =
"losing 29%"), numbers written as words ("one hundred thousand" =
"100000"; `text2num` reads the words), "per cent" = "percent" = "%", fillers
("um", "uh", "you know", "I mean," as an aside) and stutters ("the the",
"I think I think"). Brief text and transcript text go through the same
`normalise`, so what is ignored on one side is ignored on the other.

`TranscriptIndex` lays every word of a transcript end to end, ignoring segment
(cue) boundaries so a quote may span cues, and maps word positions back to
segments, times, speakers and turns. Matching happens on a space-joined string
of normalised words with regular expressions (`re`), which is fast enough for
a two-hour event.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from text_to_num import text2num

from podium.engine.transcript.model import Segment, Transcript, Turn
from podium.engine.verify.wordlists import word_list

FILLERS = word_list("fillers")
"""Single words dropped everywhere."""

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_NUMBER_WORDS = frozenset(_UNITS + _TENS + list(_SCALES))

NEGATORS = word_list("negators")
"""Normalised words that negate (apostrophes are removed: "don't" -> "dont")."""

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2032": "'",
        "\u00a0": " ",
    }
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212/]|(?<=\w)-(?=\w)|\s-+\s|--+")
_ABBREVIATION = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_PIECE = re.compile(r"[^\W\d_]+\d[^\W_]*|\d+(?:[.,]\d+)*|[^\W\d_]+|%|\d+")
_NAMED_NUMBER = re.compile(r"\b([A-Za-z]+)-(\d+)\b")
_GLUED_NUMBER = re.compile(r"\b([a-z]{2,})(?=\d)")
"""A lower-case word run into the number after it, a typing slip of transcripts
("losing29%", "since2015", "section91"); names keep their digits ("COVID19", "iPhone15")."""
_CONTRACTION_S = re.compile(r"'s\b")
_DIGITS = re.compile(r"^\d+(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class Token:
    """One normalised word and where it came from."""

    norm: str
    """Lower case, no punctuation; numbers as digits."""
    surface: str
    """The written word(s) it came from, punctuation included."""
    offset: int = 0
    """Index of the written word in its text (for mapping back)."""
    number: bool = False
    """True when the word is a number (written as digits or as words)."""
    from_words: bool = False
    """True when the number was written in words ("five")."""


def _raw_words(text: str) -> list[str]:
    text = text.translate(_QUOTES)
    text = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", "") + " ", text)
    text = _GLUED_NUMBER.sub(r"\1 ", text)  # "losing29%": "losing 29%"
    text = _NAMED_NUMBER.sub(r"\1\2", text)  # "COVID-19", "AR-15": a name, not a number
    text = _DASHES.sub(" ", text)
    return text.split()


def _pieces(raw: str) -> list[str]:
    lowered = _CONTRACTION_S.sub("", raw.lower()).replace("'", "")
    out = []
    for piece in _PIECE.findall(lowered):
        if piece == "%":
            out.append("percent")
        elif piece[0].isdigit():
            out.append(piece.replace(",", ""))
        else:
            out.append(piece)
    return out


def _number_run_value(words: list[str]) -> str | None:
    """The digits of a run of number words, or None when text2num cannot read it."""
    try:
        return str(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def _merge_numbers(tokens: list[Token]) -> list[Token]:
    """Turn runs of number words, and digits followed by a scale word, into digits."""
    out: list[Token] = []
    i = 0
    n = len(tokens)
    while i < n:
        token = tokens[i]
        # "5 million", "1.5 billion"
        if _DIGITS.match(token.norm) and i + 1 < n and tokens[i + 1].norm in _SCALES:
            scale = _SCALES[tokens[i + 1].norm]
            value = float(token.norm) * scale
            text = str(int(value)) if value == int(value) else str(value)
            out.append(Token(text, token.surface + " " + tokens[i + 1].surface, token.offset, True))
            i += 2
            continue
        starts_run = token.norm in _NUMBER_WORDS or (
            token.norm == "a" and i + 1 < n and tokens[i + 1].norm in _SCALES
        )
        if starts_run:
            j = i + 1
            while (
                j < n
                and not tokens[j - 1].surface.endswith((",", ";"))
                and (
                    tokens[j].norm in _NUMBER_WORDS
                    or (
                        tokens[j].norm == "and"
                        and j + 1 < n
                        and tokens[j + 1].norm in _NUMBER_WORDS
                        and tokens[j - 1].norm in _SCALES
                    )
                )
            ):
                j += 1
            words = ["one" if t.norm == "a" else t.norm for t in tokens[i:j]]
            value = _number_run_value(words)
            while value is None and j - i > 1:  # "three four": read the longest prefix
                j -= 1
                value = _number_run_value(words[: j - i])
            if value is not None:
                surface = " ".join(t.surface for t in tokens[i:j])
                out.append(Token(value, surface, token.offset, True, True))
                i = j
                continue
        if _DIGITS.match(token.norm):
            token = Token(token.norm, token.surface, token.offset, True)
        out.append(token)
        i += 1
    return out


def _merge_percent(tokens: list[Token]) -> list[Token]:
    """ "per cent" -> "percent"."""
    out: list[Token] = []
    for token in tokens:
        if token.norm == "cent" and out and out[-1].norm == "per":
            previous = out.pop()
            token = Token("percent", previous.surface + " " + token.surface, previous.offset)
        out.append(token)
    return out


def _drop_fillers(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    n = len(tokens)
    while i < n:
        token = tokens[i]
        if token.norm in FILLERS:
            i += 1
            continue
        if token.norm == "you" and i + 1 < n and tokens[i + 1].norm == "know":
            after = tokens[i + 1].surface
            # "you know," / "you know —" / "you know" ending a clause is an aside
            if after.endswith((",", "...", "\u2026")) or (
                i > 0 and tokens[i - 1].surface.endswith(",")
            ):
                i += 2
                continue
        if (
            token.norm == "i"
            and i + 1 < n
            and tokens[i + 1].norm == "mean"
            and tokens[i + 1].surface.endswith((",", "...", "\u2026"))
        ):
            i += 2
            continue
        out.append(token)
        i += 1
    return out


def collapse_repeats(tokens: list[Token]) -> list[Token]:
    """Drop immediate repetitions of one to three words ("the the", "I think I think")."""
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        for size in (1, 2, 3):
            if len(out) >= 2 * size and all(
                out[-k].norm == out[-k - size].norm for k in range(1, size + 1)
            ):
                del out[-size:]
                break
    return out


def normalise(text: str, *, repeats: bool = True) -> list[Token]:
    """The normalised words of `text` (see the module docstring for what is ignored)."""
    tokens: list[Token] = []
    for offset, raw in enumerate(_raw_words(text)):
        for piece in _pieces(raw):
            tokens.append(Token(piece, raw, offset))
    tokens = _merge_percent(_merge_numbers(_drop_fillers(tokens)))
    return collapse_repeats(tokens) if repeats else tokens


def words(text: str) -> list[str]:
    """Just the normalised word strings of `text`."""
    return [t.norm for t in normalise(text)]


def surface_text(tokens: Iterable[Token]) -> str:
    """The written words behind `tokens`, each written word once, in order.

    Punctuation left dangling by a dropped filler ("by, [uh,] two") is removed.
    """
    out: list[str] = []
    offsets: list[int] = []
    for token in tokens:
        if offsets and token.offset == offsets[-1]:
            continue
        if offsets and token.offset > offsets[-1] + 1:
            out[-1] = out[-1].rstrip(",;:")
        out.append(token.surface)
        offsets.append(token.offset + token.surface.count(" "))
    return " ".join(out)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def split_sentences_fast(text: str) -> list[str]:
    """A cheap sentence splitter for transcript text (pysbd is used for brief prose)."""
    return [s for s in (p.strip() for p in _SENTENCE_END.split(text)) if s]


@dataclass(slots=True)
class Passage:
    """A few consecutive sentences of one turn: the unit claims are checked against."""

    index: int
    speaker: str
    start_token: int
    end_token: int
    """Exclusive."""
    start: float
    end: float
    text: str


@dataclass(slots=True)
class TranscriptIndex:
    """Every normalised word of a transcript, end to end, with its way back to the segments."""

    transcript: Transcript
    tokens: list[Token]
    segment_of: list[int]
    """Segment index of each token."""
    time_of: list[float]
    """Estimated time at which each token is spoken."""
    joined: str
    """``" ".join(norms)`` with a leading and trailing space."""
    char_starts: list[int]
    """Offset in `joined` of each token's first character."""
    turns: list[Turn]
    turn_of_segment: list[int]
    passages: list[Passage] = field(default_factory=list)

    @classmethod
    def build(cls, transcript: Transcript, *, passage_words: int = 60) -> TranscriptIndex:
        segments = transcript.segments
        tokens: list[Token] = []
        segment_of: list[int] = []
        time_of: list[float] = []
        # Normalise a turn at a time so numbers and fillers split over two cues still merge.
        number = 0
        for turn in transcript.turns():
            first = number
            owners: list[int] = []
            counts: list[int] = []
            for segment in turn.segments:
                raw = _raw_words(segment.text)
                owners.extend([number] * len(raw))
                counts.append(max(len(raw), 1))
                number += 1
            starts = [0]
            for count in counts[:-1]:
                starts.append(starts[-1] + count)
            text = " ".join(s.text for s in turn.segments)
            for token in normalise(text, repeats=False):
                owner = owners[min(token.offset, len(owners) - 1)] if owners else first
                segment = segments[owner]
                local = token.offset - starts[owner - first]
                tokens.append(token)
                segment_of.append(owner)
                time_of.append(segment.start + segment.duration * local / counts[owner - first])
        keep = _repeat_mask([t.norm for t in tokens], segment_of, segments)
        tokens = [t for t, k in zip(tokens, keep, strict=True) if k]
        segment_of = [s for s, k in zip(segment_of, keep, strict=True) if k]
        time_of = [s for s, k in zip(time_of, keep, strict=True) if k]
        char_starts = []
        position = 1
        for token in tokens:
            char_starts.append(position)
            position += len(token.norm) + 1
        joined = " " + " ".join(t.norm for t in tokens) + " "
        turns = transcript.turns()
        turn_of_segment = [0] * len(segments)
        position = 0
        for t_index, turn in enumerate(turns):
            for _ in turn.segments:
                turn_of_segment[position] = t_index
                position += 1
        index = cls(
            transcript, tokens, segment_of, time_of, joined, char_starts, turns, turn_of_segment
        )
        index.passages = index._make_passages(passage_words)
        return index

    # --- positions -----------------------------------------------------------------
    def token_at_char(self, char: int) -> int:
        """Index of the token whose text starts at or before `char` in `joined`."""
        return max(bisect.bisect_right(self.char_starts, char) - 1, 0)

    def find_all(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        """Token spans ``[start, end)`` of every match of `pattern` in `joined`."""
        spans = []
        for match in pattern.finditer(self.joined):
            first = bisect.bisect_left(self.char_starts, match.start())
            last = bisect.bisect_left(self.char_starts, match.end())
            if first < last:
                spans.append((first, last))
        return spans

    def segment(self, token: int) -> Segment:
        return self.transcript.segments[self.segment_of[token]]

    def speaker(self, token: int) -> str:
        return self.segment(token).speaker

    def turn(self, token: int) -> Turn:
        return self.turns[self.turn_of_segment[self.segment_of[token]]]

    def speakers_between(self, start: int, end: int) -> dict[str, int]:
        """How many of the tokens in ``[start, end)`` each speaker said."""
        counts: dict[str, int] = {}
        for token in range(start, end):
            speaker = self.speaker(token)
            counts[speaker] = counts.get(speaker, 0) + 1
        return counts

    def time(self, token: int) -> float:
        return self.time_of[min(max(token, 0), len(self.time_of) - 1)] if self.time_of else 0.0

    def wording(self, start: int, end: int) -> str:
        """The transcript's own words for tokens ``[start, end)`` (fillers left out)."""
        return surface_text(self.tokens[start:end]).strip(" ,;:")

    def segments_between(self, start: int, end: int) -> list[Segment]:
        seen: list[int] = []
        for token in range(start, end):
            number = self.segment_of[token]
            if not seen or seen[-1] != number:
                seen.append(number)
        return [self.transcript.segments[n] for n in seen]

    # --- passages ----------------------------------------------------------------
    def _make_passages(self, size: int) -> list[Passage]:
        """Chunks of about `size` words inside each turn, cut at segment ends, overlapping by half."""
        passages: list[Passage] = []
        if not self.tokens:
            return passages
        # token ranges per turn
        ranges: list[tuple[int, int, int]] = []  # (turn, start, end)
        start = 0
        for token in range(1, len(self.tokens) + 1):
            if (
                token == len(self.tokens)
                or self.turn_of_segment[self.segment_of[token]]
                != self.turn_of_segment[self.segment_of[start]]
            ):
                ranges.append((self.turn_of_segment[self.segment_of[start]], start, token))
                start = token
        half = max(size // 2, 1)
        for turn, begin, end in ranges:
            speaker = self.turns[turn].speaker
            cursor = begin
            while True:
                stop = min(cursor + size, end)
                passages.append(self._passage(len(passages), speaker, cursor, stop))
                if stop >= end:
                    break
                cursor += half
        return passages

    def _passage(self, number: int, speaker: str, start: int, end: int) -> Passage:
        segment_first = self.segment(start)
        segment_last = self.segment(end - 1)
        return Passage(
            index=number,
            speaker=speaker,
            start_token=start,
            end_token=end,
            start=max(self.time(start), segment_first.start),
            end=min(max(self.time(end - 1) + 0.5, self.time(start)), segment_last.end),
            text=self.wording(start, end),
        )


def _repeat_mask(norms: list[str], segment_of: list[int], segments: list[Segment]) -> list[bool]:
    """Which tokens to keep once stutters are collapsed (only within one speaker)."""
    speakers = [segments[number].speaker for number in segment_of]
    keep = [True] * len(norms)
    kept: list[str] = []  # norms of the kept tokens
    kept_at: list[int] = []
    for i, norm in enumerate(norms):
        kept.append(norm)
        kept_at.append(i)
        length = len(kept)
        for size in (1, 2, 3):
            if length < 2 * size:
                break
            if kept[length - size :] == kept[length - 2 * size : length - size] and (
                speakers[kept_at[length - size]] == speakers[kept_at[length - 2 * size]]
            ):
                for t in kept_at[length - size :]:
                    keep[t] = False
                del kept[length - size :]
                del kept_at[length - size :]
                break
    return keep
