"""The quote check: the quoted words occur in the transcript.

Both sides are normalised by `verify.text` (case, punctuation, fillers,
stutters, numbers), and the quote is matched against the transcript's words
end to end, so a quote may span cues. Editorial ellipses ("…", "...") split a
quote into pieces that must occur in order, close together; a bracketed
insertion ("[the U.S.]") stands for a few transcript words.

A quote not found verbatim is aligned word by word (`rapidfuzz` Levenshtein
opcodes over word lists) with the closest passage; a close one is a near miss
reported with the exact difference and the transcript's wording as the
suggestion. `find_quote` is shared with the attribution check.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel, Levenshtein

from podium.engine.brief.model import Section
from podium.engine.verify.context import Context, Located
from podium.engine.verify.report import Finding
from podium.engine.verify.text import Token, normalise, surface_text
from podium.engine.verify.wordlists import word_list

_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\s?\.\s?\.)\s*")
_BRACKET = re.compile(r"\[[^\]]*\]")
WILD = None
"""A bracketed insertion inside a piece."""
_STOPWORDS = word_list("quote_stopwords")


@dataclass(slots=True)
class QuoteMatch:
    """Where a quote was found and how well it matched."""

    start: int
    end: int
    """Token span ``[start, end)`` in the transcript index."""
    exact: bool
    similarity: float = 1.0
    differences: list[tuple[str, str]] = field(default_factory=list)
    """(brief wording, transcript wording) of each place the two differ."""
    suggestion: str | None = None
    """The transcript's wording of the whole quote (near misses only)."""


@dataclass(slots=True)
class QuotePattern:
    """A quote split into pieces of normalised words (None = bracketed insertion)."""

    pieces: list[list[Token | None]]

    @property
    def tokens(self) -> list[Token]:
        return [t for piece in self.pieces for t in piece if t is not None]

    @property
    def has_ellipsis(self) -> bool:
        return len(self.pieces) > 1


def parse_quote(text: str) -> QuotePattern:
    """Split a printed quote into ellipsis pieces and bracket wildcards."""
    text = text.strip().strip("\"'\u201c\u201d\u2018\u2019")
    pieces = []
    for raw_piece in _ELLIPSIS.split(text):
        piece: list[Token | None] = []
        cursor = 0
        for match in _BRACKET.finditer(raw_piece):
            piece.extend(normalise(raw_piece[cursor : match.start()]))
            if piece and piece[-1] is not WILD or not piece:
                piece.append(WILD)
            cursor = match.end()
        piece.extend(normalise(raw_piece[cursor:]))
        while piece and piece[0] is WILD:
            piece.pop(0)
        while piece and piece[-1] is WILD:
            piece.pop()
        if piece:
            pieces.append(piece)
    return QuotePattern(pieces)


def _regex(pattern: QuotePattern, options) -> re.Pattern[str]:
    wild = rf"(?: \S+){{0,{options.insertion_words}}} "
    gap = rf"(?: \S+){{0,{options.ellipsis_gap_words}}} "
    parts = []
    for number, piece in enumerate(pattern.pieces):
        if number:
            parts.append(gap)
        previous_wild = False
        first = True
        for token in piece:
            if token is WILD:
                previous_wild = True
                continue
            if not first:
                parts.append(wild if previous_wild else " ")
            parts.append(re.escape(token.norm))
            previous_wild = False
            first = False
    return re.compile(r"(?<= )" + "".join(parts) + r"(?= )")


def find_quote(ctx: Context, text: str, *, prefer: set[str] | None = None) -> QuoteMatch | None:
    """Find `text` in the transcript: verbatim first, else the closest near miss (or None).

    `prefer` holds the transcript labels of the speaker the brief names; among
    several verbatim matches, theirs wins.
    """
    pattern = parse_quote(text)
    if not pattern.tokens:
        return None
    spans = ctx.index.find_all(_regex(pattern, ctx.options))
    if spans:
        return QuoteMatch(*_pick(ctx, spans, prefer), exact=True)
    return _near_miss(ctx, pattern, prefer)


def _pick(ctx: Context, spans: list[tuple[int, int]], prefer: set[str] | None) -> tuple[int, int]:
    def key(span: tuple[int, int]) -> tuple[int, int]:
        counts = ctx.index.speakers_between(*span)
        speaker = max(counts, key=counts.get)
        return (0 if prefer and speaker in prefer else 1, span[1] - span[0])

    return min(spans, key=key)


def _candidate_starts(ctx: Context, query: list[str], limit: int = 12) -> list[int]:
    """Token positions where `query` may start: diagonal votes of its rarer words."""
    votes: Counter[int] = Counter()
    positions = ctx.positions
    total = max(len(ctx.index.tokens), 1)
    for offset, word in enumerate(query):
        places = positions.get(word, ())
        if not places or (word in _STOPWORDS and len(places) > 0.002 * total + 20):
            continue
        weight = 1.0 / (1.0 + len(places) / 50.0)
        for place in places:
            votes[(place - offset) // 4] += 1 + weight
    return [bucket * 4 for bucket, _ in votes.most_common(limit)]


def _near_miss(ctx: Context, pattern: QuotePattern, prefer: set[str] | None) -> QuoteMatch | None:
    """The best word alignment of the quote's words with any passage of similar length."""
    query_tokens = pattern.tokens
    query = [t.norm for t in query_tokens]
    norms = [t.norm for t in ctx.index.tokens]
    n = len(query)
    best: tuple[float, int, int] | None = None
    for start in _candidate_starts(ctx, query):
        low = max(start - n // 2 - 4, 0)
        high = min(start + n + n // 2 + 8, len(norms))
        for a in range(low, max(high - 1, low + 1)):
            for length in range(max(n - 4, 1), n + 5):
                b = a + length
                if b > len(norms):
                    break
                score = Indel.normalized_similarity(query, norms[a:b])
                if prefer is not None and prefer and ctx.index.speaker(a) in prefer:
                    score += 0.02
                if best is None or score > best[0]:
                    best = (score, a, b)
    if best is None:
        return None
    score, a, b = best
    score = min(score, 1.0)
    if pattern.has_ellipsis:
        # pieces may be far apart: measure against the pieces found one by one
        return _pieces_miss(ctx, pattern, prefer, fallback=(score, a, b))
    if score < ctx.options.near_miss_similarity:
        return QuoteMatch(a, b, exact=False, similarity=score)
    a, b = _trim(query, norms, a, b)
    differences = _differences(query_tokens, ctx.index.tokens, a, b)
    return QuoteMatch(
        a,
        b,
        exact=False,
        similarity=score,
        differences=differences,
        suggestion=ctx.index.wording(a, b),
    )


def _pieces_miss(ctx, pattern, prefer, *, fallback) -> QuoteMatch:
    """An ellipsis quote not found as a whole: report the first piece that is not there."""
    last_end = None
    for piece in pattern.pieces:
        single = QuotePattern([piece])
        spans = ctx.index.find_all(_regex(single, ctx.options))
        if spans:
            a, b = _pick(ctx, spans, prefer)
            if last_end is not None and (
                a < last_end or a - last_end > ctx.options.ellipsis_gap_words
            ):
                return QuoteMatch(
                    a,
                    b,
                    exact=False,
                    similarity=0.9,
                    differences=[
                        (
                            "…",
                            "the pieces around the ellipsis are not in this order, close together",
                        )
                    ],
                )
            last_end = b
            continue
        miss = _near_miss(ctx, single, prefer)
        if miss is not None:
            return miss
    score, a, b = fallback
    return QuoteMatch(a, b, exact=False, similarity=score)


def _trim(query: list[str], norms: list[str], a: int, b: int) -> tuple[int, int]:
    """Drop transcript words at either end that the alignment does not need."""
    ops = Levenshtein.opcodes(query, norms[a:b])
    ops = [op for op in ops]
    while ops and ops[0].tag == "insert":
        a += ops[0].dest_end - ops[0].dest_start
        ops.pop(0)
    while ops and ops[-1].tag == "insert":
        b -= ops[-1].dest_end - ops[-1].dest_start
        ops.pop()
    return a, b


def _differences(query: list[Token], tokens: list[Token], a: int, b: int) -> list[tuple[str, str]]:
    """Each differing stretch, with one word of context on either side."""
    window = tokens[a:b]
    ops = Levenshtein.opcodes([t.norm for t in query], [t.norm for t in window])
    out = []
    for op in ops:
        if op.tag == "equal":
            continue
        q0, q1 = max(op.src_start - 1, 0), min(op.src_end + 1, len(query))
        t0, t1 = max(op.dest_start - 1, 0), min(op.dest_end + 1, len(window))
        out.append(
            (surface_text(query[q0:q1]).strip(" ,.;:"), surface_text(window[t0:t1]).strip(" ,.;:"))
        )
    return out


def check_quotes(section: Section, ctx: Context) -> tuple[list[Finding], list[tuple]]:
    """One finding per quote of `section`; also returns (quote, match, labels) for attribution."""
    findings: list[Finding] = []
    matches = []
    for quote in section.quotes:
        speakers = ctx.section_speakers(section)
        named = quote.speaker or (speakers[0] if speakers else None)
        labels = ctx.people.labels_of([named]) if named else set()
        match = find_quote(ctx, quote.text, prefer=labels)
        matches.append((quote, match, labels))
        subject = quote.text
        if match is not None and match.exact:
            ctx.located[section.number].append(Located(match.start, match.end, "quote"))
            findings.append(
                Finding(
                    section.number,
                    "quote",
                    "ok",
                    subject,
                    f"Found verbatim at {ctx.at(match.start)}.",
                    ctx.evidence(match.start, match.end),
                )
            )
        elif match is not None and match.differences:
            where = ctx.at(match.start)
            said = "; ".join(
                f'"{brief}" — transcript says "{heard}"' for brief, heard in match.differences[:3]
            )
            findings.append(
                Finding(
                    section.number,
                    "quote",
                    "fail",
                    subject,
                    f"Not verbatim: {said} at {where}.",
                    ctx.evidence(match.start, match.end),
                    match.suggestion,
                )
            )
            if match.similarity >= 0.8:
                ctx.located[section.number].append(
                    Located(match.start, match.end, "quote", match.similarity)
                )
        else:
            who = f" by {named} or anyone else" if named else ""
            findings.append(
                Finding(
                    section.number,
                    "quote",
                    "fail",
                    subject,
                    f"Not found in the transcript: these words were not said{who}.",
                    [],
                    None,
                )
            )
    return findings, matches
