"""The "ask" answer: a framing sentence and 2–5 verbatim, attributed, verified quotes.

From the best passages of a search (already fused, best first) it takes, per
passage, the sentence closest in meaning to the question (MiniLM, via
`podium.engine.embed`), and keeps it only if the verifier's quote check finds
it verbatim in that passage's transcript and its attribution check agrees the
named speaker said it (`podium.engine.verify`). The ▶ time of a quote is where
the verifier found it. When the best passages come from three events or
more, at most `PER_SOURCE` quotes come from one, so an answer spans the
archive rather than one meeting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from podium.engine.brief.model import Quote, Section
from podium.engine.search.passages import Passage, sentences
from podium.engine.search.terms import parse_terms
from podium.engine.transcript.model import Transcript
from podium.engine.verify.attribution import check_quote_attribution
from podium.engine.verify.context import Context
from podium.engine.verify.pipeline import build_context
from podium.engine.verify.quote import check_quotes

MAX_QUOTES = 5
MIN_QUOTES = 2
PER_SOURCE = 2
CANDIDATES = 12
"""How many of the best passages are read for quotes."""
MIN_SIMILARITY = 0.3
"""A sentence less similar than this to the question (cosine) is never quoted…"""
RELATIVE_SIMILARITY = 0.7
"""…nor one less similar than this share of the best sentence's similarity."""
MAX_QUOTE_WORDS = 45
MIN_QUOTE_WORDS = 6


@dataclass(slots=True)
class Candidate:
    """A passage the search found, with what is needed to verify and attribute a quote."""

    passage: Passage
    transcript: Transcript
    source: str
    """The event's title, or the file's name."""
    date: str = ""
    key: object = None
    """The caller's handle (a database id, a file path), passed through to the answer."""


@dataclass(slots=True)
class AnsweredQuote:
    text: str
    speaker: str
    source: str
    date: str
    start: float
    """Seconds: where the verifier found the words."""
    key: object = None
    checks: list[str] = field(default_factory=list)
    """The verifier's messages (quote, attribution), all ok."""


@dataclass(slots=True)
class Answer:
    question: str
    framing: str
    quotes: list[AnsweredQuote] = field(default_factory=list)
    rejected: int = 0
    """Sentences considered but not shown because a check did not pass."""
    framed_by: str = "fixed"
    """``"fixed"`` (the builder's sentence) or ``"llm"`` (a model's, verified: `engine.write.framing`)."""

    @property
    def answered(self) -> bool:
        return len(self.quotes) >= MIN_QUOTES

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "framing": self.framing,
            "framed_by": self.framed_by,
            "quotes": [
                {
                    "text": q.text,
                    "speaker": q.speaker,
                    "source": q.source,
                    "date": q.date,
                    "start": round(q.start, 2),
                    "checks": q.checks,
                }
                for q in self.quotes
            ],
        }


ContextCache = dict[int, Context]


def build_answer(
    question: str,
    candidates: list[Candidate],
    *,
    embed: Callable[[list[str]], np.ndarray] | None = None,
    contexts: ContextCache | None = None,
    max_quotes: int = MAX_QUOTES,
) -> Answer:
    """Quotes from `candidates` (best first) that answer `question`, each verified.

    `embed` encodes texts into unit vectors (default: `podium.engine.embed.embed`);
    `contexts` caches the verifier's index per transcript (keyed by ``id()``)
    across calls.
    """
    if embed is None:
        from podium.engine.embed import embed as default_embed

        embed = default_embed
    contexts = contexts if contexts is not None else {}
    pool = candidates[:CANDIDATES]
    options = [_sentences(c.passage.text) for c in pool]
    flat = [s for choices in options for s in choices]
    if not flat:
        return Answer(question, _framing(question, []))
    vectors = embed([question, *flat])
    question_vector, sentence_vectors = vectors[0], vectors[1:]
    floor = max(
        MIN_SIMILARITY, RELATIVE_SIMILARITY * float((sentence_vectors @ question_vector).max())
    )
    words = set(parse_terms(question).all_words())
    quotes: list[AnsweredQuote] = []
    per_source: dict[str, int] = {}
    sources = len({c.source for c in pool})
    source_limit = max(PER_SOURCE, -(-max_quotes // max(sources, 1)))
    rejected = 0
    position = 0
    for candidate, choices in zip(pool, options, strict=True):
        scores = sentence_vectors[position : position + len(choices)] @ question_vector
        position += len(choices)
        if len(quotes) >= max_quotes or per_source.get(candidate.source, 0) >= source_limit:
            continue
        ranked = sorted(
            range(len(choices)),
            key=lambda i: -(scores[i] + 0.05 * _overlap(choices[i], words)),
        )
        for choice in ranked[:2]:
            if scores[choice] < floor:
                break
            verified = _verify(candidate, choices[choice], contexts)
            if verified is None:
                rejected += 1
                continue
            quotes.append(verified)
            per_source[candidate.source] = per_source.get(candidate.source, 0) + 1
            break
    if len(quotes) < MIN_QUOTES:
        return Answer(question, _framing(question, []), [], rejected)
    return Answer(question, _framing(question, quotes), quotes, rejected)


def _sentences(text: str) -> list[str]:
    """Quotable sentences: statements (not questions) of a sensible length, long ones cut at a word."""
    out = []
    for sentence in sentences(text):
        if sentence.rstrip("\"'”’)").endswith("?"):
            continue  # a question asked is not an answer
        words = sentence.split()
        if len(words) < MIN_QUOTE_WORDS:
            continue
        if len(words) > MAX_QUOTE_WORDS:
            sentence = " ".join(words[:MAX_QUOTE_WORDS]).rstrip(",;:") + "…"
        out.append(sentence)
    return out


def _overlap(sentence: str, words: set[str]) -> int:
    return len(words & set(parse_terms(sentence).words))


def _verify(candidate: Candidate, sentence: str, contexts: ContextCache) -> AnsweredQuote | None:
    """The quote if the verifier finds it verbatim and said by the passage's speaker."""
    ctx = contexts.get(id(candidate.transcript))
    if ctx is None:
        ctx = contexts[id(candidate.transcript)] = build_context(candidate.transcript)
    speaker = ctx.people.name_of(candidate.passage.speaker)
    text = sentence.rstrip("…").strip()
    section = Section(
        number=1,
        title=candidate.source,
        start=candidate.passage.start,
        speakers=[speaker],
        summary=[f'{speaker} said "{text}"'],
        quotes=[Quote(text, speaker)],
    )
    findings, matches = check_quotes(section, ctx)
    findings += check_quote_attribution(section, ctx, matches)
    checks = {f.check for f in findings}
    if checks != {"quote", "attribution"} or any(f.status != "ok" for f in findings):
        return None
    match = matches[0][1]
    return AnsweredQuote(
        text=sentence,
        speaker=speaker,
        source=candidate.source,
        date=candidate.date,
        start=ctx.index.time(match.start),
        key=candidate.key,
        checks=[f.message for f in findings],
    )


def _framing(question: str, quotes: list[AnsweredQuote]) -> str:
    question = " ".join(question.split()).rstrip("?")
    if not quotes:
        return f"Nothing in the archive answers “{question}” closely enough to quote."
    people = len({q.speaker for q in quotes})
    sources = len({q.source for q in quotes})
    who = "one speaker" if people == 1 else f"{people} speakers"
    where = "one event" if sources == 1 else f"{sources} events"
    return f"On “{question}”, {who} at {where}, in their own words:"
