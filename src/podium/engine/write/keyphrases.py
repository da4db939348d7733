"""Key phrases of a topic, for section titles ("Deterrence Risks") and the intro.

Candidates are runs of one to three content words inside a sentence (no stop
word, filler or speaker name in them). Each is scored by how often the topic
uses it against how many other topics use it too (tf-idf with topics as the
documents, scikit-learn's English stop words plus conversational ones), with a
bonus for two- and three-word phrases, which name things better than single
words. The printed form is the one the transcript uses most (so "PPE" and
"Cardiff" keep their capitals).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
SPOKEN_STOP_WORDS = frozenset(
    [
        "yes",
        "yeah",
        "okay",
        "ok",
        "oh",
        "um",
        "uh",
        "er",
        "erm",
        "actually",
        "basically",
        "obviously",
        "really",
        "just",
        "think",
        "thought",
        "know",
        "known",
        "going",
        "gone",
        "got",
        "get",
        "gets",
        "getting",
        "say",
        "said",
        "saying",
        "says",
        "mean",
        "means",
        "meant",
        "want",
        "wanted",
        "wants",
        "lot",
        "lots",
        "thing",
        "things",
        "stuff",
        "kind",
        "sort",
        "bit",
        "way",
        "ways",
        "look",
        "looking",
        "looked",
        "need",
        "needs",
        "needed",
        "make",
        "makes",
        "making",
        "made",
        "take",
        "taking",
        "took",
        "come",
        "coming",
        "came",
        "like",
        "would",
        "could",
        "should",
        "might",
        "must",
        "will",
        "shall",
        "also",
        "well",
        "sure",
        "right",
        "time",
        "times",
        "today",
        "yesterday",
        "tomorrow",
        "year",
        "years",
        "people",
        "person",
        "point",
        "points",
        "question",
        "questions",
        "answer",
        "issue",
        "issues",
        "number",
        "numbers",
        "work",
        "working",
        "worked",
        "good",
        "great",
        "important",
        "clear",
        "clearly",
        "certainly",
        "absolutely",
        "exactly",
        "quite",
        "certain",
        "particular",
        "particularly",
        "able",
        "chair",
        "minister",
        "members",
        "member",
        "committee",
        "cabinet",
        "secretary",
        "colleague",
        "colleagues",
        "thank",
        "thanks",
        "welcome",
        "morning",
        "afternoon",
        "evening",
        "hon",
        "honourable",
        "gentleman",
        "lady",
        "madam",
        "sir",
        "mr",
        "mrs",
        "ms",
        "dr",
        "terms",
        "term",
        "moment",
        "place",
        "case",
        "cases",
        "different",
        "difference",
        "example",
        "examples",
        "sense",
        "fact",
        "start",
        "started",
        "area",
        "areas",
        "aspect",
        "aspects",
        "level",
        "levels",
        "part",
        "parts",
        "whole",
        "end",
        "side",
        "sides",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "let",
        "tell",
        "told",
        "talk",
        "talking",
        "talked",
        "ask",
        "asked",
        "asking",
        "doing",
        "does",
        "did",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "can't",
        "couldn't",
        "won't",
        "wouldn't",
        "shouldn't",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "we're",
        "we've",
        "we'd",
        "we'll",
        "you're",
        "you've",
        "they're",
        "they've",
        "that's",
        "there's",
        "it's",
        "what's",
        "let's",
        "here",
        "there",
        "where",
        "hope",
        "hoping",
        "happy",
        "glad",
        "try",
        "trying",
        "tried",
        "use",
        "used",
        "using",
        "ensure",
        "put",
        "puts",
        "given",
        "give",
        "gives",
        "giving",
        "went",
        "goes",
        "best",
        "better",
        "big",
        "small",
        "little",
        "new",
        "old",
        "long",
        "high",
        "low",
    ]
)
STOP = frozenset(ENGLISH_STOP_WORDS) | SPOKEN_STOP_WORDS
_SMALL = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "but",
    "by",
    "for",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "vs",
}


@dataclass(frozen=True, slots=True)
class Phrase:
    key: str
    """Lower-cased words joined by spaces."""
    surface: str
    """The form the transcript uses most."""
    score: float


def candidates(sentence: str, banned: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(key, surface) of every 1–3-word run of content words in `sentence`."""
    out: list[tuple[str, str]] = []
    run: list[str] = []
    for chunk in re.split(r"[,.;:!?()\"“”—–]|\s-\s", sentence):
        run = []
        for word in chunk.split():
            token = _WORD.fullmatch(word.strip("'’"))
            low = word.strip("'’").lower()
            if token and low not in STOP and low not in banned and len(low) > 2:
                run.append(word.strip("'’"))
            else:
                out.extend(_ngrams(run))
                run = []
        out.extend(_ngrams(run))
    return out


def _ngrams(run: list[str]) -> list[tuple[str, str]]:
    grams = []
    for n in (1, 2, 3):
        for i in range(len(run) - n + 1):
            words = run[i : i + n]
            grams.append((" ".join(w.lower() for w in words), " ".join(words)))
    return grams


_VERB_START = frozenset(
    [
        "add",
        "adding",
        "make",
        "provide",
        "ensure",
        "get",
        "give",
        "take",
        "keep",
        "help",
        "allow",
        "bring",
        "deliver",
        "build",
        "create",
        "support",
        "improve",
        "increase",
        "reduce",
        "develop",
        "set",
        "move",
        "turn",
        "see",
        "find",
        "know",
        "believe",
        "feel",
        "seem",
        "mean",
        "including",
        "regarding",
        "according",
    ]
)


def _verb_like(key: str) -> bool:
    """Phrases that are probably verbs or adverbs, not names of things."""
    words = key.split()
    return (
        words[-1].endswith(("ed", "ly"))
        or any(w.endswith("ly") for w in words)
        or words[0] in _VERB_START
    )


def topic_phrases(
    topics: list[list[str]],
    *,
    banned: frozenset[str] = frozenset(),
    top: int = 5,
    centroids: np.ndarray | None = None,
) -> list[list[Phrase]]:
    """For each topic (a list of sentences), its best `top` phrases, best first.

    With `centroids` (one unit vector per topic), the twelve best phrases by
    tf-idf are re-ranked half by tf-idf, half by how close their embedding is
    to the topic's (as KeyBERT does), which favours phrases that name the
    topic over phrases that are merely frequent in it.
    """
    counts: list[Counter[str]] = []
    surfaces: dict[str, Counter[str]] = {}
    for sentences in topics:
        counter: Counter[str] = Counter()
        for sentence in sentences:
            for key, surface in candidates(sentence, banned):
                counter[key] += 1
                surfaces.setdefault(key, Counter())[surface] += 1
        counts.append(counter)
    documents = Counter(key for counter in counts for key in counter)
    n = len(topics)
    result = []
    for counter in counts:
        scored = _score(counter, documents, surfaces, n, strict=True)
        if not scored:  # a short topic: take what there is
            scored = _score(counter, documents, surfaces, n, strict=False)
        scored.sort(key=lambda p: (-p.score, p.key))
        if centroids is not None and scored:
            scored = _rerank(scored[:12], centroids[len(result)])
        chosen: list[Phrase] = []
        for phrase in scored:
            words = set(phrase.key.split())
            if any(words & set(c.key.split()) for c in chosen):
                continue  # "childcare" after "childcare offer" adds nothing
            chosen.append(phrase)
            if len(chosen) == top:
                break
        result.append(chosen)
    return result


def _score(
    counter: Counter[str],
    documents: Counter[str],
    surfaces: dict[str, Counter[str]],
    n: int,
    *,
    strict: bool,
) -> list[Phrase]:
    scored = []
    for key, tf in counter.items():
        length = key.count(" ") + 1
        least = (2 if length > 1 else 3) if strict else 1
        if tf < least or _verb_like(key):
            continue
        idf = math.log((1 + n) / (1 + documents[key])) + 1
        score = (1 + math.log(tf)) * idf * (1 + 0.9 * (length - 1))
        surface = max(surfaces[key].items(), key=lambda kv: (kv[1], kv[0]))[0]
        scored.append(Phrase(key, surface, score))
    return scored


def _rerank(phrases: list[Phrase], centroid: np.ndarray) -> list[Phrase]:
    from podium.engine.embed import embed

    vectors = embed([p.surface for p in phrases])
    top = phrases[0].score or 1.0
    rescored = [
        Phrase(p.key, p.surface, 0.5 * p.score / top + 0.5 * float(v @ centroid))
        for p, v in zip(phrases, vectors, strict=True)
    ]
    rescored.sort(key=lambda p: (-p.score, p.key))
    return rescored


def title_case(text: str) -> str:
    """ "the childcare offer and PPE" -> "The Childcare Offer and PPE"."""
    words = text.split()
    out = []
    for i, word in enumerate(words):
        if any(ch.isupper() for ch in word[1:]) or word[:1].isupper() or i and word in _SMALL:
            out.append(word)
        else:
            parts = word.split("-")
            out.append(
                "-".join(
                    p if j and p in _SMALL else p[:1].upper() + p[1:] for j, p in enumerate(parts)
                )
            )
    return " ".join(out)


def title_from(phrases: list[Phrase], *, max_words: int = 6) -> str:
    """A section title from a topic's phrases: one, or two joined by "and"."""
    if not phrases:
        return ""
    first = phrases[0].surface
    if len(phrases) > 1:
        second = phrases[1].surface
        if (
            " " in second
            and (" " not in first or phrases[1].score >= 0.95 * phrases[0].score)
            and phrases[1].score >= 0.85 * phrases[0].score
            and len(first.split()) + len(second.split()) + 1 <= max_words
        ):
            return title_case(f"{first} and {second}")
    return title_case(first)
