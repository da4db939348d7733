"""The extractive writer: a program brief built from the speakers' own sentences.

Steps, all deterministic:

1. segment the transcript into discussions (`podium.engine.segment`);
2. for every (topic, speaker) pair count the speaker's *substantive* words
   (no questions, no housekeeping: greetings, thanks, procedure, sound checks),
   and gather each speaker's recommendations ("should", "we recommend");
3. choose the sections: recommendations (up to a third), then the best topic
   of each main speaker, then the most substantive remaining topics;
4. for each section: a framing claim and a supporting detail in reported
   speech (`speech.reported`: third person, hedges dropped, a minister's "we"
   named "the Government"), one quote that is a complete clause, the ▶ time
   of the quote's turn, and a noun-phrase title (`titles.section_titles`);
   in a committee the member's question frames it ("Asked by … about …");
5. parts: the analysis in Part I, the recommendations in Part II (none, no
   Part II), each titled from its content; thematic order inside a part;
6. intro (two or three themes, who spoke and who asked, who moderated) and
   closing (disclosure, sponsor line).

Only the best dozen spans of a section are parsed by spaCy (two dozen when
none of the first can be reported or quoted)
(`podium.engine.nlp`). Prose is rendered last (`render_drafts`) so that each
person is named in full at their first mention in the brief and by surname
afterwards, and reporting verbs vary over the brief, also after the repair
loop (write/__init__.py) has dropped or rebuilt sections.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from podium.engine.brief.model import Brief, EventDetails, Part, Quote, Section
from podium.engine.segment import Segmentation, Sentence, TopicSpan
from podium.engine.segment.tiling import MIN_EMBED_WORDS
from podium.engine.speakers import Speaker
from podium.engine.transcript.model import Transcript
from podium.engine.wordlists import load_words
from podium.engine.write import language as lang
from podium.engine.write import speech
from podium.engine.write.keyphrases import STOP, title_case
from podium.engine.write.speech import Voice
from podium.engine.write.titles import is_good_title, section_titles

DEFAULT_DISCLOSURE = (
    "This brief was generated using artificial intelligence technology from the program "
    "transcript. All quotations, attributions and timestamps have been verified against the "
    "program transcript."
)
SPREAD_BASE = 0.5
"""In `choose`: how much substance counts against spread over the meeting (lower: more spread)."""
QUOTE_WORDS = speech.QUOTE_WORDS
CLAUSE_WORDS = (6, 36)
MAIN_CLAUSE_ONLY = True
"""A reported line must be a clause (`language.has_main_clause`), not a noun phrase with a
relative clause ("argued that the important role that the programme plays …")."""
SHORTLIST = 12
"""Spans per section whose parse is looked at (reported form, quote, title); the claim and the
quote may look at the next `SHORTLIST` when none of these will do, the rest are never parsed."""
_ROLE_LABEL = re.compile(
    r"^(?:the |acting |deputy )*(?:chair|speaker|moderator|host|unknown)\b|^$", re.I
)
"""Transcript labels that name a role, not a person ("The Chair")."""
_DANGLING_THERE = re.compile(
    r"^there\s+(?!(?:is|are|was|were|has|have|had|will|would|could|should|may|might|must|can|"
    r"seems?|remains?|appears?|'s)\b)|^(?:one|another|the other|the latter|the former|"
    r"the first|the second)\s+(?:is|was|of them)\b",
    re.IGNORECASE,
)
"""Openings that point back at something the reader has not seen ("there Canadians can …",
"one is the bureaucracy …")."""
_VOCATIVE_START = re.compile(r"^[A-Z][a-z]+,\s+")
_VOCATIVE = re.compile(r",\s+([A-Z][a-z]+)[,.]")
_SPLIT_SPAN = re.compile(r"\s*(?:;|\s—\s|—|–|\s-\s)\s*")


@dataclass(slots=True)
class Span:
    """A usable stretch of one transcript sentence: the whole of it or a clause of it."""

    sentence: Sentence
    text: str
    """The words, leading fillers removed, exactly as in the transcript otherwise."""
    score: float
    clean: bool
    """Reads right after "<Name> argued that" (no I/you, no dangling pronoun)."""
    quotable: bool
    base: float = 0.0
    """The score before key words count (`rank_spans`): what the title's shortlist goes by."""


@dataclass(slots=True)
class Candidate:
    """A possible section: one speaker's part of one topic."""

    topic: TopicSpan
    speaker: str
    sentences: list[Sentence]
    words: int
    prescriptive: float
    vector: np.ndarray
    recommends: bool = False
    """A section of the speaker's recommendations (Part II), gathered over the meeting."""


@dataclass(slots=True)
class Line:
    """One sentence of a section's summary, before names are filled in."""

    span: Span
    form: str
    """"clause" (reported speech) or "quote" (the span in quotation marks)."""
    verb: str
    text: str = ""
    """For a clause: the span in the third person (`speech.reported`)."""


@dataclass(slots=True)
class Draft:
    """A section before rendering: what it is about and which spans it uses."""

    candidate: Candidate
    title: str
    start: float
    lines: list[Line]
    excluded: set[int] = field(default_factory=set)
    """Sentence indices the repair loop ruled out."""
    phrase: str = ""
    """The title in running text (for the intro)."""
    asker: str | None = None
    """Who asked the question the section answers (committees: "Asked by … about …")."""
    about: str = ""
    """What they asked about (a noun phrase of the question)."""


@dataclass(slots=True)
class Plan:
    """Everything the writer decided, kept so the repair loop can rebuild sections."""

    transcript: Transcript
    segmentation: Segmentation
    names: dict[str, Speaker]
    proper: set[str]
    drafts: list[Draft]
    part_two: set[int]
    """ids (id(draft.candidate)) of the drafts in Part II."""
    spans: dict[int, list[Span]]
    """Usable spans per candidate (keyed by id(candidate)), best first."""
    moderator: str | None = None
    voices: dict[str, Voice] = field(default_factory=dict)
    """Transcript label -> who the speaker's "we" is."""
    reason: str | None = None
    """Why there are fewer sections than asked for (None: as many as asked)."""
    asked: int = 0
    vocatives: frozenset[str] = frozenset()
    openings: dict[int, int] = field(default_factory=dict)
    """`answer_openings` of the transcript (sentence index -> place in its answer turn)."""
    _reported: dict[tuple[int, str], str | None] = field(default_factory=dict)
    _complete: dict[str, bool] = field(default_factory=dict)

    def reported(self, span: Span) -> str | None:
        """The span in the third person, ready after "argued that" (None: quote it instead)."""
        key = (span.sentence.index, span.text)
        if key not in self._reported:
            words = _VOCATIVE_START.sub("", span.text) if self.vocatives else span.text
            if words != span.text and words.split(" ", 1)[0].strip(",") not in self.vocatives:
                words = lang.upper_first(words)
            if _VOCATIVE_START.match(span.text) and span.text.split(",")[0] not in self.vocatives:
                words = span.text
            text = speech.reported(words, self.voices.get(span.sentence.speaker))
            if text is not None and (
                _DANGLING_THERE.match(text)
                or lang.LEADING_PRONOUN.match(text)
                or lang.bad_start(text)
                or len(text.split()) < CLAUSE_WORDS[0]
                or not lang.is_finished(text)
                or (MAIN_CLAUSE_ONLY and not lang.has_main_clause(text))
            ):
                text = None
            if text is not None:
                text = speech.backshift(text)  # "argued that it was", as the reporting verb
            self._reported[key] = text
        return self._reported[key]

    def complete(self, span: Span) -> bool:
        """The span reads as a quote on its own (`speech.complete_clause`)."""
        text = lang.upper_first(span.text.rstrip(";:, "))
        if text[-1:] not in ".!?":
            text += "."
        if text not in self._complete:
            self._complete[text] = speech.complete_clause(text)
        return self._complete[text]


# --- reading the transcript -------------------------------------------------------


def substantive(sentence: Sentence, asking: set[int] | frozenset[int] = frozenset()) -> bool:
    """Worth reporting: not a question or its preamble, not housekeeping, not a fragment."""
    return not (
        sentence.turn in asking
        or lang.is_question(sentence.text)
        or lang.is_housekeeping(sentence.text)
        or sentence.words < MIN_EMBED_WORDS  # shorter ones have no vector either
    )


def asking_turns(sentences: list[Sentence]) -> set[int]:
    """Turns that end in a question and are short: a question and its preamble."""
    last: dict[int, Sentence] = {}
    words: Counter[int] = Counter()
    for sentence in sentences:
        last[sentence.turn] = sentence
        words[sentence.turn] += sentence.words
    return {t for t, s in last.items() if lang.is_question(s.text) and words[t] < 120}


def sentences_by_turn(sentences: list[Sentence]) -> dict[int, list[Sentence]]:
    """Turn number -> its sentences, in order."""
    by_turn: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_turn.setdefault(sentence.turn, []).append(sentence)
    return by_turn


def asked_turn(
    by_turn: dict[int, list[Sentence]], asking: set[int], turn: int, speaker: str
) -> int | None:
    """The asking turn (`asking_turns`) that `turn`, by `speaker`, answers: looking back at
    most `ASKED_WITHIN` turns, past the speaker's own turns and others' short
    interjections; None when someone else says something of substance first."""
    for earlier in range(turn - 1, max(turn - 1 - ASKED_WITHIN, -1), -1):
        own = by_turn.get(earlier)
        if not own or own[0].speaker == speaker:
            continue
        if earlier in asking:
            return earlier
        if sum(s.words for s in own) >= 15:
            return None  # someone else said something of substance: not an answer
    return None


def spans_of(
    sentence: Sentence, centrality: float, vocatives: frozenset[str] = frozenset()
) -> list[Span]:
    """The sentence itself and its clauses (split at ; and dashes), each scored.

    `vocatives` are first names of the people present: a span that addresses
    someone (", Llyr,") is neither reported nor quoted.
    """
    text = " ".join(sentence.text.split())
    pieces = [text] + [p for p in _SPLIT_SPAN.split(text) if p and p != text]
    spans = []
    for piece in pieces:
        words = lang.strip_leading(lang.tidy(piece))
        count = len(words.split())
        if count < CLAUSE_WORDS[0] or any(mark in words for mark in '"“”„«»[]'):
            continue
        if (
            vocatives
            and _VOCATIVE.search(words)
            and any(v in vocatives for v in _VOCATIVE.findall(words))
        ):
            continue
        dashed = any(dash in words for dash in ("—", "–", " - "))
        whole = piece is text
        finished = lang.is_finished(words) or not whole
        clean = (
            whole
            and ":" not in words
            and not dashed
            and finished
            and count <= CLAUSE_WORDS[1]
            and not lang.is_question(words)
            and not re.search(r"\blet(?:'s|’s| us)\b", words, re.IGNORECASE)
        )
        quotable = (
            QUOTE_WORDS[0] + (0 if whole else 2) <= count <= QUOTE_WORDS[1]
            and finished
            and not lang.LEADING_PRONOUN.match(words)
            and not lang.bad_start(words)
            and not lang.is_question(words)
            and ":" not in words
            and not dashed
            and not lang.META.search(words)
        )
        if not (clean or quotable):
            continue
        tokens = [w.lower().strip(".,;:!?\"'") for w in words.split()]
        content = sum(1 for w in tokens if w and w not in STOP) / max(len(tokens), 1)
        length = math.exp(-(((count - 18) / 12) ** 2))
        kind = 0.0 if lang.kind_of(words) == "statement" else 0.06
        meta = 0.15 if lang.META.search(words) else 0.0
        score = 0.55 * centrality + 0.3 * content + 0.15 * length + kind - meta
        spans.append(Span(sentence, words, score, clean, quotable))
    return spans


def procedural_speakers(sentences: list[Sentence]) -> set[str]:
    """Chairs and hosts: the speaker who does most of the housekeeping (if 30 % or more of
    their sentences are), and anyone whose sentences are 45 % or more housekeeping."""
    counts: Counter[str] = Counter()
    procedural: Counter[str] = Counter()
    for sentence in sentences:
        counts[sentence.speaker] += 1
        if lang.is_housekeeping(sentence.text):
            procedural[sentence.speaker] += 1
    top = max(procedural.values(), default=0)
    return {
        s
        for s, n in counts.items()
        if n >= 8
        and (procedural[s] / n >= 0.45 or procedural[s] == top and procedural[s] / n >= 0.3)
    }


def find_moderator(transcript: Transcript, sentences: list[Sentence]) -> str | None:
    """The speaker who asks and hands over: most questions + housekeeping, short turns."""
    turns = transcript.turns()
    if len(turns) < 6:
        return None
    per_turns = Counter(t.speaker for t in turns)
    words = Counter()
    steering = Counter()
    for sentence in sentences:
        words[sentence.speaker] += sentence.words
        if lang.is_housekeeping(sentence.text):
            steering[sentence.speaker] += 2
        elif lang.is_question(sentence.text):
            steering[sentence.speaker] += 1
    if not steering:
        return None
    speaker = max(steering, key=lambda s: (steering[s], s))
    share_turns = per_turns[speaker] / len(turns)
    share_words = words[speaker] / max(sum(words.values()), 1)
    first = turns[0].speaker == speaker
    if share_turns >= 0.15 and share_words < share_turns and (first or share_turns >= 0.25):
        return speaker
    return None


# --- choosing sections --------------------------------------------------------------


def build_candidates(
    seg: Segmentation, moderator: str | None, total_words: int = 10_000
) -> list[Candidate]:
    out = []
    asking = asking_turns(seg.sentences)
    chairs = procedural_speakers(seg.sentences)
    for topic in seg.topics:
        sentences = seg.topic_sentences(topic)
        total = sum(s.words for s in sentences) or 1
        housekeeping = sum(s.words for s in sentences if lang.is_housekeeping(s.text)) / total
        if housekeeping > 0.35:
            continue
        by_speaker: dict[str, list[Sentence]] = {}
        for sentence in sentences:
            if substantive(sentence, asking):
                by_speaker.setdefault(sentence.speaker, []).append(sentence)
        for speaker, own in by_speaker.items():
            words = sum(s.words for s in own)
            if (
                words < max(25, min(60, 0.03 * total_words))
                or (speaker == moderator and words < 0.5 * total)
                or speaker in chairs
                or _ROLE_LABEL.match(speaker)
            ):
                continue
            weights = np.array([s.words for s in own], dtype=np.float64)
            vector = (seg.sentence_vectors[[s.index for s in own]] * weights[:, None]).sum(0)
            vector /= max(np.linalg.norm(vector), 1e-9)
            prescriptive = sum(s.words for s in own if lang.is_prescriptive(s.text)) / words
            out.append(Candidate(topic, speaker, own, words, prescriptive, vector))
    return out


def _total_words(sentences: list[Sentence]) -> int:
    return sum(s.words for s in sentences)


def choose(
    candidates: list[Candidate], count: int, total_words: int = 10_000, *, target: int | None = None
) -> list[Candidate]:
    """Cover every main speaker, then spread over the meeting; one section per topic first.

    After the main speakers' best topics, each next pick maximises
    sqrt(words) × (0.5 + distance to the nearest pick, in units of
    duration / `target`, capped at 1): substantive, and away from what is
    already covered. The word minimums scale down for short transcripts.
    """
    if count <= 0 or not candidates:
        return []
    least = max(40, min(120, int(0.04 * total_words)))
    totals = Counter()
    for c in candidates:
        totals[c.speaker] += c.words
    grand = sum(totals.values()) or 1
    main = [s for s in sorted(totals, key=lambda s: (-totals[s], s)) if totals[s] / grand >= 0.05]
    ranked = sorted(candidates, key=lambda c: (-c.words, c.topic.index, c.speaker))
    chosen: list[Candidate] = []
    used_topics: set[int] = set()
    for speaker in main:
        if len(chosen) >= count:
            break
        own = [c for c in ranked if c.speaker == speaker and c.topic.index not in used_topics]
        if own and own[0].words >= least / 2:  # a main speaker's best, even if short
            chosen.append(own[0])
            used_topics.add(own[0].topic.index)
    duration = max(c.topic.end_time for c in candidates) or 1.0
    spacing = duration / max(target or count, 1)

    def middle(c: Candidate) -> float:
        return (c.topic.start_time + c.topic.end_time) / 2

    def spread(c: Candidate) -> float:
        if not chosen:
            return 1.0
        nearest = min(abs(middle(c) - middle(o)) for o in chosen)
        return min(nearest / spacing, 1.0)

    while len(chosen) < count:
        pool = [c for c in ranked if c.topic.index not in used_topics and c.words >= least]
        if not pool:
            break
        best = max(
            pool, key=lambda c: (math.sqrt(c.words) * (SPREAD_BASE + spread(c)), -c.topic.index)
        )
        chosen.append(best)
        used_topics.add(best.topic.index)
    for c in ranked:
        if len(chosen) >= count:
            break
        if c not in chosen and c.words >= 1.6 * least:
            chosen.append(c)
    return chosen


def thematic_order(candidates: list[Candidate]) -> list[Candidate]:
    """Start with the earliest; then always the closest in meaning to the last one placed."""
    left = sorted(candidates, key=lambda c: (c.topic.start_time, c.speaker))
    if not left:
        return []
    order = [left.pop(0)]
    while left:
        last = order[-1].vector
        best = max(left, key=lambda c: (float(c.vector @ last), -c.topic.start_time))
        left.remove(best)
        order.append(best)
    return order


# --- building sections --------------------------------------------------------------


KEYWORD_WEIGHT = 0.2
"""In `rank_spans`: how much a span's share of the section's key words (`section_keywords`)
adds to its score; chosen on the 24 QMSum train meetings (0, 0.2, 0.3, 0.6 tried)."""
OPENING_WEIGHT = 0.0
"""In `_draft`: added to the score of a span, when the claim is chosen (not the quote or the
detail), if it is among the first `OPENING_SENTENCES` sentences of a turn that answers a
question (`answer_openings`)."""
OPENING_SENTENCES = 2
COURTESY_WORDS = 20
"""Longer sentences are not parsed for a polite opener (`language.is_courtesy`)."""
OPENING_FIRST = False
"""In `_draft`: the claim is the best reportable span among the answer turns' openings
(`answer_openings`) when there is one, the best reportable span otherwise. Off, like
`OPENING_WEIGHT`: chosen on train (specific ROUGE +0.003), it lowered val's specific ROUGE
(0.239 / 0.038 → 0.232 / 0.031 R-1 / R-2); docs/writing.md, "Fifth ROUGE round"."""
KEYWORDS = 12
_WORD = re.compile(r"[a-z][a-z'-]+")


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOP and len(w) > 2}


def topic_frequencies(seg: Segmentation) -> Counter[str]:
    """In how many of the meeting's topics each content word is said (`section_keywords`'s
    document frequencies: the same for every section, so a brief counts them once)."""
    documents: Counter[str] = Counter()
    for topic in seg.topics:
        documents.update(set().union(*(_content_words(s.text) for s in seg.topic_sentences(topic))))
    return documents


def section_keywords(
    candidate: Candidate, seg: Segmentation, documents: Counter[str] | None = None
) -> dict[str, float]:
    """The words that mark the section: frequent in its sentences, rare in the other topics.

    tf-idf with the meeting's topics as documents (`documents`: `topic_frequencies`,
    counted here when not given); the `KEYWORDS` best, weights summing to 1.
    """
    if documents is None:
        documents = topic_frequencies(seg)
    counts: Counter[str] = Counter()
    for sentence in candidate.sentences:
        counts.update(_content_words(sentence.text))
    n = len(seg.topics)
    scored = {
        w: c * (math.log((1 + n) / (1 + documents[w])) + 1) for w, c in counts.items() if c >= 2
    }
    best = sorted(scored, key=lambda w: (-scored[w], w))[:KEYWORDS]
    total = sum(scored[w] for w in best) or 1.0
    return {w: scored[w] / total for w in best}


def answer_openings(sentences: list[Sentence], asking: set[int]) -> dict[int, int]:
    """Sentence index -> its place (0, 1, …) in the turn, for the opening sentences of turns
    that answer someone else's question (the turn before, short interjections and the
    speaker's own turns skipped, is an asking turn).

    Only sentences worth reporting count (`substantive`) and a polite opener that says
    nothing ("Thank you for the question.": `language.is_courtesy`) is passed over, so
    place 0 is the first sentence that can say the answer.
    """
    by_turn = sentences_by_turn(sentences)
    places: dict[int, int] = {}
    for turn, own in by_turn.items():
        if turn in asking or asked_turn(by_turn, asking, turn, own[0].speaker) is None:
            continue
        place = 0
        for sentence in own:
            if place >= OPENING_SENTENCES:
                break
            if not substantive(sentence) or (
                sentence.words <= COURTESY_WORDS and lang.is_courtesy(sentence.text)
            ):
                continue
            places[sentence.index] = place
            place += 1
    return places


def rank_spans(
    candidate: Candidate,
    seg: Segmentation,
    vocatives: frozenset[str] = frozenset(),
    documents: Counter[str] | None = None,
) -> list[Span]:
    vectors = seg.sentence_vectors
    keywords = section_keywords(candidate, seg, documents) if KEYWORD_WEIGHT else {}
    spans = []
    for sentence in candidate.sentences:
        centrality = float(vectors[sentence.index] @ candidate.vector)
        for span in spans_of(sentence, centrality, vocatives):
            span.base = span.score
            if keywords:
                span.score += KEYWORD_WEIGHT * sum(
                    keywords.get(w, 0.0) for w in _content_words(span.text)
                )
            spans.append(span)
    spans.sort(key=lambda s: (-s.score, s.sentence.index, s.text))
    return spans


def _draft(
    candidate: Candidate, spans: list[Span], plan: Plan, title: str, excluded: set[int]
) -> Draft | None:
    """A framing claim, a supporting detail (a figure or example) and one quote.

    With no figure or example the section is two sentences, claim and quote
    (QMSum's answers are short: a third, filler sentence lowered ROUGE on
    train). The claim is the best span of the `SHORTLIST` that can be
    reported; when none can, the next `SHORTLIST` spans are tried before the
    section falls back to "<Name> addressed <subject>." The detail comes from
    the shortlist only. Claim and detail are reported in the third person
    (`Plan.reported`), the quote is a complete clause (`Plan.complete`).
    """
    vectors = plan.segmentation.sentence_vectors
    usable = [s for s in spans if s.sentence.index not in excluded][: SHORTLIST * 2]
    used: list[Span] = []

    def distinct(span: Span) -> bool:
        return all(
            span.sentence.index != u.sentence.index
            and float(vectors[span.sentence.index] @ vectors[u.sentence.index]) < 0.8
            for u in used
        )

    def clause_line(span: Span) -> Line:
        used.append(span)
        return Line(span, "clause", "", plan.reported(span) or span.text)

    shortlist = usable[:SHORTLIST]
    # the claim from the shortlist; failing that, from the next spans, before a bare
    # "<Name> addressed <subject>." frame (a claim further down says more than none)
    lead = None
    opening = [
        s for s in spans if s.sentence.index in plan.openings and s.sentence.index not in excluded
    ]
    if OPENING_FIRST:  # the answer's first reportable sentence, whatever its score
        opening.sort(key=lambda s: (plan.openings[s.sentence.index], -s.score))
        lead = next((s for s in opening if s.clean and plan.reported(s)), None)
    elif OPENING_WEIGHT and opening:  # the claim (only) gains the answer's opening prior
        seen = {id(s) for s in usable}
        pool = usable + [s for s in opening if id(s) not in seen]
        pool.sort(key=lambda s: -(s.score + OPENING_WEIGHT * (s.sentence.index in plan.openings)))
        lead = next((s for s in pool if s.clean and plan.reported(s)), None)
    if lead is None:
        lead = next((s for s in usable if s.clean and plan.reported(s)), None)
    lines: list[Line] = []
    if lead is not None:
        lines.append(clause_line(lead))
    quote = next((s for s in usable if s.quotable and distinct(s) and plan.complete(s)), None)
    if quote is None and lead is not None and lead.quotable and plan.complete(lead):
        quote, lead = lead, None  # the one good sentence is better quoted than reported
        lines = []
    if quote is not None:
        used.append(quote)
    detail = next(
        (
            s
            for s in shortlist
            if s.clean and distinct(s) and _is_detail(s.text) and plan.reported(s)
        ),
        None,
    )
    if detail is not None:
        lines.append(clause_line(detail))
    if quote is not None:
        lines.append(Line(quote, "quote", ""))
    if quote is None:
        return None  # every section quotes its speaker once, in a complete clause
    if not any(line.form == "clause" for line in lines):
        # nothing reportable: "<Name> addressed <the section's subject>."
        lines.insert(0, Line(quote, "frame", "addressed"))
    anchor = quote.sentence
    start = _turn_start(plan.transcript, anchor)
    return Draft(candidate, title, start, lines, set(excluded))


_DETAIL = re.compile(
    r"\d|\b(?:for example|for instance|such as|per ?cent|million|billion|thousand|hundred|"
    r"half|third|quarter|double|twice)\b",
    re.IGNORECASE,
)


def _is_detail(text: str) -> bool:
    """A supporting detail: a figure or an example."""
    return bool(_DETAIL.search(text))


def _with_phrase(new: Draft | None, old: Draft) -> Draft | None:
    if new is not None:
        new.phrase = old.phrase
    return new


def redraft(draft: Draft, plan: Plan, exclude: set[int]) -> Draft | None:
    """The same section rebuilt without the given sentences (for the repair loop)."""
    spans = plan.spans[id(draft.candidate)]
    new = _draft(draft.candidate, spans, plan, draft.title, draft.excluded | exclude)
    return _with_phrase(new, draft)


def _turn_start(transcript: Transcript, sentence: Sentence) -> float:
    """Start of the speaker's turn holding the sentence (its segment, deep into a long turn)."""
    turn = transcript.turns()[sentence.turn]
    return turn.start if sentence.start - turn.start <= 120 else sentence.start


# --- rendering ----------------------------------------------------------------------


def full_name(plan: Plan, speaker: str) -> str:
    person = plan.names.get(speaker)
    return person.name if person else speaker


def short_name(plan: Plan, speaker: str) -> str:
    name = full_name(plan, speaker)
    parts = name.split()
    if len(parts) < 2:
        return name
    surname = parts[-1]
    clash = sum(
        1 for other in {full_name(plan, s) for s in plan.names} if other.split()[-1:] == [surname]
    )
    return name if clash > 1 else surname


def render_line(line: Line, subject: str, proper: set[str]) -> tuple[str, Quote | None]:
    if line.form == "clause":
        clause = lang.lower_first(line.text.rstrip(), proper).rstrip(".!;:, ")
        if line.verb == "outlined":
            return f"{subject} outlined how {clause}.", None
        return f"{subject} {line.verb} that {clause}.", None
    quoted = line.span.text.rstrip().rstrip(";:, ")
    if quoted[-1:] not in ".!?":
        quoted += "."
    quoted = lang.upper_first(quoted)
    return f'{subject} {line.verb}: "{quoted}"', Quote(quoted, None)


def render_drafts(plan: Plan, drafts: list[Draft]) -> list[Part]:
    """Parts of numbered sections from drafts, names in full at first mention only.

    Reporting verbs are chosen here, in reading order, so the brief varies
    them (`language.reporting_verb` with the counts so far).
    """
    mentioned: set[str] = set()
    used: Counter[str] = Counter()
    analysis = Part("")
    recommendations = Part("")
    for number, draft in enumerate(drafts, start=1):
        speaker = draft.candidate.speaker
        name = full_name(plan, speaker)
        sentences, quotes = [], []
        verbs: set[str] = set()
        for line in draft.lines:
            subject = name if speaker not in mentioned else short_name(plan, speaker)
            if line.form == "frame":
                # a question frame says what the quote answers: no "addressed" before it
                if draft.phrase and not (FRAME_OVER_ADDRESSED and draft.asker and draft.about):
                    sentences.append(f"{subject} addressed {draft.phrase}.")
                    mentioned.add(speaker)
                continue
            mentioned.add(speaker)
            text = line.text if line.form == "clause" else line.span.text
            line.verb = lang.reporting_verb(text, avoid=verbs, used=used)
            if line.form == "quote" and line.verb == "outlined":
                line.verb = "said"
            verbs.add(line.verb)
            used[line.verb] += 1
            sentence, quote = render_line(line, subject, plan.proper)
            if not sentences and draft.asker:
                # "In reply to X" when no phrase of the question fits the answer
                asked = f"Asked by {draft.asker} about {draft.about}"
                sentence = f"{asked if draft.about else f'In reply to {draft.asker}'}, {sentence}"
            sentences.append(sentence)
            if quote is not None:
                quote.speaker = name
                quotes.append(quote)
        section = Section(
            number=number,
            title=draft.title,
            start=draft.start,
            speakers=[name],
            summary=[" ".join(sentences)],
            quotes=quotes,
        )
        part = recommendations if draft.candidate.recommends else analysis
        part.sections.append(section)
    analysis.title = "Part I: " + part_title(plan, analysis, "The Evidence on")
    parts = [analysis] if analysis.sections else []
    if recommendations.sections:
        numeral = "II" if parts else "I"
        recommendations.title = f"Part {numeral}: " + part_title(
            plan, recommendations, "Recommendations on"
        )
        parts.append(recommendations)
    return parts


_TITLE_LINKS = frozenset(["of", "for", "on", "in", "to", "and", "with"])


def part_title(plan: Plan, part: Part, lead: str) -> str:
    """ "The Evidence on Childcare Provision": the phrase most of the Part's titles share.

    The phrase must end where a title's noun phrase does (at its end, or before "of",
    "for", "and" …), so it is a head, not a modifier ("Canada Emergency"); one word
    counts when three titles share it. Nothing shared: the lead alone ("The Evidence"),
    or with the title of a Part's only section.
    """
    counts: Counter[str] = Counter()
    forms: dict[str, str] = {}
    generic = load_words("write/generic_title_words")
    subjects = [section.title.removeprefix(f"{lead} ") for section in part.sections]
    for subject in subjects:  # "Recommendations on X": X is what the section is about
        words = subject.split()
        seen: set[str] = set()
        for n in (2, 1):
            for i in range(len(words) - n + 1):
                gram = " ".join(words[i : i + n])
                key = gram.lower()
                after = words[i + n].lower() if i + n < len(words) else ""
                if after and after not in _TITLE_LINKS:
                    continue  # "Canada Emergency" of "Canada Emergency Student Benefit": no head
                if any(w.lower() in STOP for w in words[i : i + n]):
                    continue
                if key in seen or (n == 1 and key in generic):
                    continue
                seen.add(key)
                counts[key] += 1
                forms.setdefault(key, gram)
    from podium.engine.nlp import parse

    shared = [
        k
        for k, c in counts.items()
        if c >= (2 if " " in k else 3)  # one word shared by two titles is rarely the subject
        and parse(forms[k])[-1].pos_ in ("NOUN", "PROPN")
        and (" " in k or forms[k] not in plan.proper)
    ]
    if shared:
        best = max(shared, key=lambda k: (counts[k], k.count(" "), -len(k), k))
        return f"{lead} {title_case(forms[best])}"
    if len(subjects) == 1:
        return f"{lead} {subjects[0]}"
    return lead.removesuffix(" on")  # "The Evidence": one section's title would misname the rest


# --- the whole brief ----------------------------------------------------------------


def plan_brief(
    transcript: Transcript,
    segmentation: Segmentation,
    *,
    sections: int,
    speakers: list[Speaker] | None,
    moderator: str | None = None,
) -> Plan:
    """Decide the sections (choice, order, parts, titles, lines) of a brief."""
    sentences = segmentation.sentences
    names = {s.name: s for s in (speakers or [])}
    for speaker in transcript.speakers:
        names.setdefault(speaker, Speaker(name=speaker))
    proper = lang.proper_words([s.text for s in sentences])
    if moderator is None:
        moderator = find_moderator(transcript, sentences)
    if moderator is None:  # a committee: the chair is whoever does the housekeeping
        chairs = procedural_speakers(sentences)
        moderator = next(
            (s for s in transcript.speakers if s in chairs and not _ROLE_LABEL.match(s)), None
        )
    plan = Plan(transcript, segmentation, names, proper, [], set(), {}, moderator, asked=sections)
    plan.voices = speaker_voices(transcript, sentences, names)
    vocatives = frozenset(
        n.split()[0] for n in list(names) + [p.name for p in names.values()] if len(n.split()) > 1
    )
    total = _total_words(sentences)
    plan.vocatives = vocatives
    candidates = build_candidates(segmentation, moderator, total)
    recommending = recommendation_candidates(segmentation, candidates, moderator)
    documents = topic_frequencies(segmentation)
    if OPENING_WEIGHT or OPENING_FIRST:
        plan.openings = answer_openings(sentences, asking_turns(sentences))
    drafts: list[Draft] = []
    taken: set[int] = set()
    no_quote = 0
    # Recommendations first (their own sections, Part II), at most a third of the brief.
    for candidate in recommending[: max(1, sections // 3) if sections >= 3 else 0]:
        spans = rank_spans(candidate, segmentation, vocatives, documents)
        draft = _draft(candidate, spans, plan, "", set())
        if draft is None:
            no_quote += 1
            continue
        plan.spans[id(candidate)] = spans
        drafts.append(draft)
        taken |= {line.span.sentence.index for line in draft.lines}
    single: list[Draft] = []
    chosen_candidates = choose(candidates, len(candidates), total, target=sections)
    for candidate in chosen_candidates:
        if len(drafts) >= sections:
            break
        spans = rank_spans(candidate, segmentation, vocatives, documents)
        draft = _draft(candidate, spans, plan, "", taken)
        if draft is None:
            no_quote += 1
            continue
        draft.excluded = set()
        plan.spans[id(candidate)] = spans
        (drafts if len(draft.lines) >= 2 else single).append(draft)
    # A one-line section only for a speaker who would otherwise have none.
    for draft in single:
        covered = {d.candidate.speaker for d in drafts}
        if len(drafts) < sections and draft.candidate.speaker not in covered:
            drafts.append(draft)
    if len(drafts) < sections:
        plan.reason = _shortfall(len(drafts), sections, len(candidates), no_quote, total)
    analysis = thematic_order([d.candidate for d in drafts if not d.candidate.recommends])
    advice = thematic_order([d.candidate for d in drafts if d.candidate.recommends])
    ordered = analysis + advice
    plan.part_two = {id(c) for c in advice}
    by_candidate = {id(d.candidate): d for d in drafts}
    banned = frozenset(
        part.lower() for name in list(names) + [moderator or ""] for part in name.split()
    )
    name_title(plan, [by_candidate[id(c)] for c in ordered], banned)
    frame_questions(plan, [by_candidate[id(c)] for c in ordered])
    plan.drafts = [by_candidate[id(c)] for c in ordered]
    return plan


def _shortfall(found: int, asked: int, candidates: int, no_quote: int, total: int) -> str:
    least = max(40, min(120, int(0.04 * total)))
    reason = (
        f"{found} of {asked} sections: the transcript holds {candidates} substantive "
        f"speaker-topics (a topic in which one speaker other than the chair says at least "
        f"{least} words that are not questions or housekeeping)"
    )
    if no_quote:
        reason += (
            f", and {no_quote} of them {'has' if no_quote == 1 else 'have'} no sentence "
            "that can be quoted whole"
        )
    return reason


def name_title(plan: Plan, drafts: list[Draft], banned: frozenset[str]) -> None:
    """Give every draft a noun-phrase title (`titles.section_titles`) never used twice."""
    from podium.engine.nlp import parse_many

    texts: list[list[str]] = []
    focus: list[int] = []
    for draft in drafts:
        # the shortlist as centrality ranks it: key words choose the lines, and a rare
        # word said twice ("a separate strain of money") should not name the section
        spans = sorted(
            plan.spans.get(id(draft.candidate), []),
            key=lambda s: (-s.base, s.sentence.index, s.text),
        )
        chosen = [line.span.sentence.text for line in draft.lines]
        focus.append(len(dict.fromkeys(chosen)))
        chosen += [s.sentence.text for s in spans[:SHORTLIST]]
        texts.append([lang.tidy(t) for t in dict.fromkeys(chosen)])
    docs = parse_many([t for group in texts for t in group])
    grouped, position = [], 0
    for group in texts:
        grouped.append(docs[position : position + len(group)])
        position += len(group)
    documents = topic_frequencies(plan.segmentation)
    marks = [section_keywords(d.candidate, plan.segmentation, documents) for d in drafts]
    options = section_titles(grouped, banned=banned, focus=focus, keywords=marks)
    used: set[str] = set()
    for draft, titles in zip(drafts, options, strict=True):
        chosen = next(
            (t for t in titles if t.text.lower() not in used and is_good_title(t.text)), None
        )
        if chosen is None:
            title, phrase = f"Remarks by {full_name(plan, draft.candidate.speaker)}", ""
        else:
            title, phrase = chosen.text, chosen.running
        if draft.candidate.recommends and chosen is not None and len(title.split()) < 3:
            title = f"Recommendations on {title}"
        used.add(title.lower())
        draft.title = title
        draft.phrase = phrase


def question_subject(
    question: str, title: str, answer: str = "", *, shared_only: bool = False
) -> str:
    """What a member's question is about, in running text: its best noun phrase.

    A phrase sharing a content word with the section's title or with the
    answer's own sentences (`answer`) names what the answer is about; among
    those, the one sharing most, then the longest, wins. When none shares one,
    the question's longest phrase (the first of equals): what the member
    asked, which the answer addresses in its own words. With `shared_only`
    (a member's preamble rather than the question itself) only a shared phrase
    will do, sharing a word that is not part of a name: "" otherwise, and no
    subject is taken from the answer.
    """
    from podium.engine.nlp import parse
    from podium.engine.write.titles import phrases_of

    if not question:
        return ""
    asked = parse(question)
    phrases = [p for p in phrases_of(asked) if " " in p.surface]
    if not phrases and shared_only:
        return ""
    if not phrases:
        return anchored_subject(asked, answer) or feared_subject(asked)
    title_words = {w for w in title.lower().split() if w not in STOP}
    answer_words = {w for w in re.findall(r"[\w'-]+", answer.lower()) if w not in STOP}

    def shared(phrase) -> tuple[int, int]:
        words = {w for w in phrase.surface.lower().split() if w not in STOP}
        return len(words & title_words), len(words & answer_words)

    short = [p for p in phrases if len(p.surface.split()) <= 7 and not p.place]
    fitting = [p for p in short if sum(shared(p)) > 0]
    if shared_only:  # a name in common ("Cardiff Met") is no sign the preamble says what was asked
        fitting = [p for p in fitting if _shares_common_word(p.surface, title_words, answer_words)]
    if fitting:
        best = max(fitting, key=lambda p: (sum(shared(p)), len(p.surface.split()), p.surface))
    elif shared_only:
        return ""
    elif short:  # what was asked, even in other words than the answer's
        lowered = question.lower()

        def first(phrase) -> int:
            at = lowered.find(phrase.surface.lower())
            return at if at >= 0 else len(lowered)

        best = max(short, key=lambda p: (len(p.surface.split()), -first(p)))
    else:
        return anchored_subject(asked, answer) or feared_subject(asked)
    return best.running or best.surface


def _shares_common_word(surface: str, *others: set[str]) -> bool:
    """A word of the phrase written in lower case (not part of a name) is in one of `others`."""
    common = {w.lower() for w in surface.split() if w.islower() and w not in STOP}
    return any(common & other for other in others)


_CONTENT_CLAUSE = ("acl", "relcl", "ccomp")


def feared_subject(asked) -> str:
    """A question about a possibility, in its own words: "do you think there's a risk that
    providers who maybe aren't charging … may start charging because of …?" -> "the risk
    that providers might start charging".

    From the parse: a noun whose "that" clause (spaCy reads it as ``acl``/``relcl``)
    has a noun for subject (a pronoun would point at what the frame cannot show: "a risk
    that they'll be left behind"); the clause is cut to its subject without its relative
    clause, its auxiliaries, verb, the verb it governs and that verb's object, shifted
    back (`speech.backshift`). "" when there is none.
    """
    from podium.engine.write.speech import backshift

    for noun in asked:
        if noun.pos_ != "NOUN" or noun.dep_ not in ("attr", "dobj", "nsubj"):
            continue
        for verb in noun.children:
            if verb.dep_ not in _CONTENT_CLAUSE or verb.pos_ not in ("VERB", "AUX"):
                continue
            if not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
                continue
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects or subjects[0].pos_ not in ("NOUN", "PROPN"):
                continue
            subject = subjects[0]

            def without_clauses(head, limit: int | None = None) -> list:
                cut = {
                    t.i
                    for c in head.children
                    if c.dep_ in ("relcl", "prep", "advcl", "acl")
                    for t in c.subtree
                }
                return [
                    t for t in head.subtree if t.i not in cut and (limit is None or t.i <= limit)
                ]

            keep = without_clauses(subject, subject.i)
            keep += [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
            keep.append(verb)
            for child in verb.children:
                if child.dep_ in ("xcomp", "dobj", "acomp", "attr"):
                    keep += without_clauses(child)
            words = sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)
            if any(t.pos_ == "PRON" for t in words) or len(words) > 10:
                continue
            clause = backshift(" ".join(t.text for t in words))
            return f"the {noun.lemma_.lower()} that {clause}"
    return ""


_ANCHORS = ("DATE", "MONEY", "PERCENT", "ORG", "GPE", "LAW", "EVENT", "PRODUCT", "FAC")


def anchored_subject(asked, answer: str) -> str:
    """What a question naming no phrase of its own asked about, from the answer's words.

    "How confident are you that you can achieve that by 2020?" names only a
    date; the answer says it too ("we'll have the full roll-out by 2020"), and
    what the answer's parse attaches it to is the subject: the noun it
    modifies, or the object of the verb it modifies, with the preposition
    ("the full roll-out by 2020"). The question's named entities, dates and
    amounts (spaCy NER) are the anchors; "" when the answer says none of them
    in a prepositional phrase on a noun.
    """
    from podium.engine.nlp import parse

    anchors = {ent.text.lower() for ent in asked.ents if ent.label_ in _ANCHORS}
    if not anchors or not answer:
        return ""
    doc = parse(answer)
    for ent in doc.ents:
        if ent.text.lower() not in anchors:
            continue
        target = ent.root
        prep = target.head
        if target.dep_ != "pobj" or prep.dep_ != "prep":
            continue
        head = prep.head
        if head.pos_ in ("VERB", "AUX"):
            objects = [c for c in head.children if c.dep_ == "dobj" and c.i < prep.i]
            head = objects[0] if objects else None
        if head is None or head.pos_ not in ("NOUN", "PROPN"):
            continue
        words = [t for t in head.subtree if t.i <= head.i]
        if any(t.pos_ == "PRON" or t.tag_ in ("PRP$", "CD") for t in words):
            continue
        article = ""
        if words[0].tag_ in ("DT", "PDT"):
            article = "the " if words[0].lower_ not in ("a", "an") else words[0].lower_ + " "
            words = words[1:]
        if not words or words[0].i > head.i:
            continue
        tail = [t for t in target.subtree]
        phrase = (
            doc[words[0].i : head.i + 1].text + f" {prep.text} " + " ".join(t.text for t in tail)
        )
        if len(phrase.split()) > 8:
            continue
        return article + phrase
    return ""


FRAME_WITNESS_ONLY = True
"""Frame only the sections of the witness who holds most of them (half or more). Framing
every answered section too was tried on QMSum train: longer briefs, general ROUGE-1 lower
(0.227 against 0.231), specific no better."""
FRAME_OVER_ADDRESSED = True
"""A section with no reported claim but a question frame opens on the frame ("Asked by X
about Y, Z said: …"), not on "Z addressed <title>." before it, which hid the frame."""
FRAME_PREAMBLE = True
"""When the question itself names nothing ("How would you respond to those findings?"),
the frame takes its subject from the member's preamble in the same turn, a phrase the
answer or the title shares, instead of a bare "In reply to X"."""
ASKED_WITHIN = 4
"""Turns looked back from a section's first line for the question it answers."""


def frame_questions(plan: Plan, drafts: list[Draft]) -> None:
    """Committees: the member's question frames the answer ("Asked by … about …").

    A committee is a meeting with questioners (`questioners`) other than the
    chair and, with `FRAME_WITNESS_ONLY`, one witness holding half or more of
    the sections. For each section of the witness (of anyone who is not a
    questioner, without it), the turn
    before its first line's (skipping the speaker's own turns and short
    interjections, at most `ASKED_WITHIN` turns back) must be a question by
    another named person; what they asked about is a noun phrase of that
    question and of the member's follow-ups just before it (`question_subject`:
    the one the answer or the title shares, else the longest; when the
    question names only a date, an amount or a name, the answer's phrase that
    holds it: `anchored_subject`); when the
    questions name nothing, the frame says only who asked ("In reply to Lynne
    Neagle, …").
    """
    members = set(questioners(plan))
    chair = full_name(plan, plan.moderator) if plan.moderator else None
    if not members - {chair}:
        return
    counts = Counter(d.candidate.speaker for d in drafts)
    witness, held = counts.most_common(1)[0] if counts else ("", 0)
    if FRAME_WITNESS_ONLY and held < max(3, len(drafts) // 2):
        return
    sentences = plan.segmentation.sentences
    asking = asking_turns(sentences)
    by_turn = sentences_by_turn(sentences)
    for draft in drafts:
        speaker = draft.candidate.speaker
        if draft.candidate.recommends or not draft.lines:
            continue
        if full_name(plan, speaker) in members:
            continue  # a member's own remarks answer nobody
        if FRAME_WITNESS_ONLY and speaker != witness:
            continue
        asked = asked_turn(by_turn, asking, draft.lines[0].span.sentence.turn, speaker)
        if asked is None:
            continue
        asker = by_turn[asked][0].speaker
        if _ROLE_LABEL.match(asker):
            continue
        exchange = [asked]  # the member's follow-ups: "Is it true that …?" "Absolutely." "Why?"
        for earlier in range(asked - 1, max(asked - 1 - ASKED_WITHIN, -1), -1):
            own = by_turn.get(earlier)
            if not own:
                continue
            if own[0].speaker == asker and earlier in asking:
                exchange.append(earlier)
            elif own[0].speaker == asker or sum(s.words for s in own) >= 15:
                break
        question = " ".join(
            s.text for t in sorted(exchange) for s in by_turn[t] if lang.is_question(s.text)
        )
        answer = " ".join(line.span.text for line in draft.lines)
        # no phrase of the question fits the answer: "In reply to X" (the title's words
        # would put a question in the member's mouth they never asked)
        draft.asker = full_name(plan, asker)
        draft.about = question_subject(question, draft.title, answer)
        if not draft.about and FRAME_PREAMBLE:
            # "How would you respond to those viewpoints?": what the member set out before
            # asking names the subject, when a phrase of it is the answer's or the title's
            preamble = " ".join(s.text for s in by_turn[asked] if not lang.is_question(s.text))
            draft.about = question_subject(preamble, draft.title, answer, shared_only=True)


_ADDRESSED = re.compile(
    r"(?:^|[.,!?]\s+|thank you,?\s+|thanks,?\s+)((?:Deputy |First )?Minister|Cabinet Secretary|"
    r"Secretary of State|Commissioner|Ombudsman)\b",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(
    r"\b(Welsh|Scottish|UK|British|Canadian|federal|Irish|US|Northern Ireland) Government\b"
)


def speaker_voices(
    transcript: Transcript, sentences: list[Sentence], names: dict[str, Speaker]
) -> dict[str, Voice]:
    """Who each speaker's "we" is: from the speakers file, or from how others address them.

    A speaker whom others call "Minister" ("Thank you, Minister.") at least
    twice speaks for the Government; the Government is "the Welsh
    Government" when the transcript says so at least three times.
    """
    governments = Counter(m.group(1) for s in sentences for m in _GOVERNMENT.finditer(s.text))
    government = "the Government"
    if governments:
        which, count = governments.most_common(1)[0]
        if count >= 3:
            government = f"the {which} Government"
    addressed: Counter[tuple[str, str]] = Counter()
    previous: dict[int, str] = {}
    by_turn = sentences_by_turn(sentences)
    turns = sorted(by_turn)
    for before, after in zip(turns, turns[1:], strict=False):
        speaker = by_turn[after][0].speaker
        text = " ".join(s.text for s in by_turn[before][-3:])
        for match in _ADDRESSED.finditer(text):
            addressed[(speaker, match.group(1).lower())] += 1
    del previous
    voices: dict[str, Voice] = {}
    for label in transcript.speakers:
        person = names.get(label)
        role = " ".join(filter(None, [person.role, person.title])) if person else ""
        heard = [r for (s, r), n in addressed.items() if s == label and n >= 2]
        if heard:
            role = f"{role} {heard[0]}".strip()
        voices[label] = speech.voice_for(role, government)
    return voices


def recommendation_candidates(
    seg: Segmentation, candidates: list[Candidate], moderator: str | None
) -> list[Candidate]:
    """Per speaker, the recommendations they made ("should", "we recommend"), when at least two.

    Only speakers who already carry a section of analysis are considered
    (not the chair, not someone asking); the most substantial come first.
    """
    speakers = {c.speaker for c in candidates}
    asking = asking_turns(seg.sentences)
    by_speaker: dict[str, list[Sentence]] = {}
    for sentence in seg.sentences:
        if (
            sentence.speaker in speakers
            and sentence.speaker != moderator
            and substantive(sentence, asking)
            and speech.is_recommendation(sentence.text)
        ):
            by_speaker.setdefault(sentence.speaker, []).append(sentence)
    topic_of = {
        s.index: number for number, t in enumerate(seg.topics) for s in seg.topic_sentences(t)
    }
    out = []
    for speaker, own in by_speaker.items():
        words = sum(s.words for s in own)
        if len(own) < 2 or words < 40:
            continue
        topics = Counter(topic_of[s.index] for s in own)
        topic = seg.topics[topics.most_common(1)[0][0]]
        weights = np.array([s.words for s in own], dtype=np.float64)
        vector = (seg.sentence_vectors[[s.index for s in own]] * weights[:, None]).sum(0)
        vector /= max(np.linalg.norm(vector), 1e-9)
        out.append(Candidate(topic, speaker, own, words, 1.0, vector, recommends=True))
    out.sort(key=lambda c: (-c.words, c.speaker))
    return out


INTRO_TOPICS = 3
"""At most this many themes are named in the intro's first sentence."""
INTRO_ASKERS = 3
"""At most this many questioners are named in the intro ("… and others")."""


def assemble(plan: Plan, drafts: list[Draft], event: EventDetails | None) -> Brief:
    """The brief: title, intro, context, parts, closing, metadata."""
    event = event or EventDetails()
    parts = render_drafts(plan, drafts)
    title = event.title or _title_from_transcript(plan.transcript) or _title_from_topics(drafts)
    intro = intro_sentences(plan, drafts, event)
    context = []
    if event.co_organisers:
        context.append(
            f"This program was organized in collaboration with {_join(event.co_organisers)}."
        )
    closing = [(event.disclosure or DEFAULT_DISCLOSURE).strip()]
    if event.sponsor:
        closing.append(event.sponsor.strip())
    metadata = {"writer": "extractive", "sections": str(sum(len(p.sections) for p in parts))}
    if plan.transcript.source:
        metadata["source"] = str(plan.transcript.source)
    if event.date:
        metadata["date"] = event.date
    if event.venue:
        metadata["venue"] = event.venue
    return Brief(
        title=title, intro=intro, context=context, parts=parts, closing=closing, metadata=metadata
    )


_GENERIC_ROLES = frozenset(
    ["panelist", "panellist", "speaker", "participant", "guest", "moderator", "host", "chair"]
)


def intro_sentences(plan: Plan, drafts: list[Draft], event: EventDetails) -> list[str]:
    """The seed's intro: what was examined (two or three themes), context, who spoke, who moderated.

    The themes are section titles ranked by how central they are
    (`theme_weight`: turns that say the phrase's words together, and the event
    description's words), a phrase said in one turn only (a phrase lifted from
    one sentence, "a separate strain of money") never a theme; with a
    committee (one witness, members asking) the questioners are named as such.
    """
    weights = theme_weights(plan, drafts, event.description or "")
    ranked = sorted(
        (d for d in drafts if weights.get(id(d), 0) >= THEME_TURNS),
        key=lambda d: (-weights[id(d)], -d.candidate.words, d.candidate.topic.start_time),
    )
    themes: list[str] = []
    for draft in ranked:
        if (
            draft.phrase
            and " and " not in draft.phrase  # one theme, read as one ("A, B and C")
            and "," not in draft.phrase
            and draft.phrase.lower() not in (t.lower() for t in themes)
        ):
            themes.append(generic_plural(draft.phrase))
        if len(themes) == INTRO_TOPICS:
            break
    intro: list[str] = []
    if themes:
        intro.append(f"This program examined {_join(themes)}.")
    if event.description:
        intro.append(event.description.strip())
    moderator = event.moderator or (full_name(plan, plan.moderator) if plan.moderator else None)
    with_section = []
    for draft in drafts:
        name = full_name(plan, draft.candidate.speaker)
        if name not in with_section:
            with_section.append(name)
    others = [
        full_name(plan, label)
        for label in participants(plan)
        if full_name(plan, label) not in with_section and full_name(plan, label) != moderator
    ]

    def described(name: str) -> str:
        person = next((p for p in plan.names.values() if p.name == name), None)
        role = person.title or person.role if person else None
        if role and role.strip().lower() in _GENERIC_ROLES:
            role = None  # "panelist" says nothing the intro does not
        extra = ", ".join(filter(None, [role, person.organisation])) if person else ""
        return f"{name} ({extra})" if extra else name

    witnesses = [described(n) for n in with_section if n != moderator]
    committee = any(d.asker for d in drafts)
    askers = questioners(plan)
    for draft in drafts:
        if draft.asker and draft.asker not in askers:
            askers.append(draft.asker)
    if committee:  # a member with a section of their own still asked, not answered
        members = set(askers)
        answering = [described(n) for n in with_section if n != moderator and n not in members]
        if answering:
            witnesses = answering
            with_section = [n for n in with_section if n not in members]
    askers = [n for n in askers if n not in with_section and n != moderator]
    if witnesses and committee and askers:
        also = [described(n) for n in others if n not in askers]
        framing = Counter(d.asker for d in drafts if d.asker)
        named = sorted(askers, key=lambda n: (-framing[n], askers.index(n)))[:INTRO_ASKERS]
        named = [n for n in askers if n in named]  # in order of first speaking
        if len(askers) > len(named):
            named.append("others")
        intro.append(f"{_join(witnesses + also)} answered questions from {_join(named)}.")
    elif witnesses:
        people = witnesses + [described(n) for n in others]
        verb = "spoke" if len(people) == 1 else "took part"
        intro.append(
            f"{_join(people)} {verb}."
            if len(people) <= 2
            else f"Speakers included {_join(people)}."
        )
    if moderator:
        intro.append(f"The discussion was moderated by {moderator}.")
    return intro


THEME_TURNS = 2
"""A title names a theme of the program only when it weighs this much (`theme_weights`)."""


def generic_plural(phrase: str) -> str:
    """A theme in the intro without "the" when it names a kind in general.

    A section's running phrase keeps the article the speaker's reference had
    ("the disadvantaged families"); in a list of what the program examined, a
    plural common noun with nothing after it reads as the kind in general and
    takes no article ("examined disadvantaged families, the hours of education
    and …"). A phrase whose head is followed by a modifier ("the hours of
    education"), a name ("the Children's Commissioners") or a singular keeps
    it. The parse is spaCy's (`podium.engine.nlp`).
    """
    if not phrase.lower().startswith("the "):
        return phrase
    from podium.engine.nlp import parse

    doc = parse(phrase)
    roots = [t for t in doc if t.head == t]
    if len(roots) != 1:
        return phrase
    head = roots[0]
    first = doc[0]
    if (
        first.dep_ != "det"
        or first.head != head
        or head.tag_ != "NNS"
        or head.i != len(doc) - 1  # something after the head: "the hours of education"
        or any(t.pos_ == "PROPN" for t in doc)
    ):
        return phrase
    return phrase[len(first.text_with_ws) :]


def theme_weights(plan: Plan, drafts: list[Draft], description: str) -> dict[int, int]:
    """How central each draft's title phrase is to the whole program (`theme_weight`, keyed
    by ``id(draft)``), against every sentence of the transcript."""
    from podium.engine.nlp import parse_many

    with_phrase = [d for d in drafts if d.phrase]
    if not with_phrase:
        return {}
    texts = [sentence.text.lower() for sentence in plan.segmentation.sentences]
    docs = parse_many([d.phrase for d in with_phrase])
    return {
        id(draft): theme_weight(doc, texts, description)
        for draft, doc in zip(with_phrase, docs, strict=True)
    }


def theme_weight(phrase, sentences: list[str], description: str = "") -> int:
    """How central a parsed title phrase is: the sentences saying its words together, plus
    one for each of its words the event description says.

    The content words are its nouns and adjectives (as spaCy lemmas or as said:
    "family" is no prefix of "families"), stop words dropped; `sentences` are
    lower case. A phrase lifted from a single sentence weighs 1 plus what the
    description gives it; a phrase headed by a generic noun
    (data/write/generic_title_words.txt) with no other noun outside a
    hyphenated modifier ("real-life examples") weighs 0 ("the early implementer
    areas" keeps its weight).
    """
    roots = [t for t in phrase if t.dep_ == "ROOT"]
    generic = load_words("write/generic_title_words")
    if roots and (roots[0].lower_ in generic or roots[0].lemma_.lower() in generic):
        naming = [
            t
            for t in phrase
            if t.pos_ in ("NOUN", "PROPN")
            and t.i != roots[0].i
            and not any(
                n.text == "-"
                for n in (t.nbor(-1) if t.i else t, t.nbor() if t.i + 1 < len(phrase) else t)
            )
        ]
        if not naming:
            return 0  # "real-life examples": what the talk gave, not what it was about
    words = {
        (t.lemma_.lower(), t.lower_)
        for t in phrase
        if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.lower_ not in STOP and len(t) > 2
    }
    if not words:
        return 0
    patterns = [re.compile(rf"\b(?:{re.escape(lemma)}|{re.escape(said)})") for lemma, said in words]
    said = sum(1 for text in sentences if all(p.search(text) for p in patterns))
    described = description.lower()
    return said + sum(1 for p in patterns if p.search(described))


def questioners(plan: Plan) -> list[str]:
    """Full names of the speakers most of whose turns are questions (committee members)."""
    sentences = plan.segmentation.sentences
    turns: dict[str, set[int]] = {}
    asking: set[int] = set()
    for sentence in sentences:
        turns.setdefault(sentence.speaker, set()).add(sentence.turn)
        if lang.is_question(sentence.text):
            asking.add(sentence.turn)
    out = []
    for label in plan.transcript.speakers:
        own = turns.get(label, set())
        if own and len(own & asking) / len(own) >= 0.25 and not _ROLE_LABEL.match(label):
            out.append(full_name(plan, label))
    return out


def participants(plan: Plan) -> list[str]:
    """Speakers with at least 3 % of the words or a section, in order of first speaking."""
    words: Counter[str] = Counter()
    for sentence in plan.segmentation.sentences:
        words[sentence.speaker] += sentence.words
    total = sum(words.values()) or 1
    with_section = {d.candidate.speaker for d in plan.drafts}
    return [
        s
        for s in plan.transcript.speakers
        if s and not _ROLE_LABEL.match(s) and (words[s] / total >= 0.03 or s in with_section)
    ]


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _title_from_transcript(transcript: Transcript) -> str | None:
    title = (transcript.title or "").strip()
    if len(title.split()) >= 3 and not re.fullmatch(r"[\w-]+ \d+", title):
        return title
    return None


def _title_from_topics(drafts: list[Draft]) -> str:
    """ "Capital Funding, Welsh-Language Provision and School Readiness" from the first topics."""
    phrases: list[str] = []
    for draft in drafts:
        phrase = draft.title if draft.phrase else ""  # a headline: no "A"/"The" inside the list
        if phrase and phrase not in phrases:
            phrases.append(phrase)
        if len(phrases) == 3:
            break
    return _join(phrases) if phrases else "Program Brief"
