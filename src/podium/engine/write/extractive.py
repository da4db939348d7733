"""The extractive writer: a program brief built from the speakers' own sentences.

Steps, all deterministic:

1. segment the transcript into discussions (`podium.engine.segment`);
2. for every (topic, speaker) pair count the speaker's *substantive* words
   (no questions, no housekeeping: greetings, thanks, procedure, sound checks);
3. choose the sections: first the best topic of each main speaker, then the
   most substantive remaining topics, up to the number asked for;
4. for each section: a key-phrase title, the speaker, two or three lines
   compressed from the speaker's sentences (reported speech "<Name> warned
   that …" when the clause has no "I"/"you" to flip, a verbatim quote
   otherwise), and the ▶ time of the turn where the quote was said;
5. parts: sections whose sentences are prescriptive ("should", "must",
   "recommend") form Part II "The Treatment Plan", the others Part I "The
   Diagnosis"; within a part sections follow a thematic chain (each next to
   the one closest in meaning), starting from the earliest;
6. intro (what was examined, who took part, co-organisers) and closing
   (disclosure, sponsor line).

Prose is rendered last (`render_drafts`) so that each person is named in full
at their first mention in the brief and by surname afterwards, also after
the repair loop (writers/__init__.py) has dropped or rebuilt sections.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from podium.engine.brief.model import Brief, EventDetails, Part, Quote, Section
from podium.engine.segment import Segmentation, Sentence, TopicSpan
from podium.engine.speakers import Speaker
from podium.engine.transcript.model import Transcript
from podium.engine.write import language as lang
from podium.engine.write.keyphrases import STOP, title_case, title_from, topic_phrases

DIAGNOSIS = "Part I: The Diagnosis"
TREATMENT = "Part II: The Treatment Plan"
DEFAULT_DISCLOSURE = (
    "This brief was generated using artificial intelligence technology from the program "
    "transcript. All quotations, attributions and timestamps have been verified against the "
    "program transcript."
)
SPREAD_BASE = 0.5
"""In `choose`: how much substance counts against spread over the meeting (lower: more spread)."""
QUOTE_WORDS = (8, 30)
CLAUSE_WORDS = (6, 32)
_ROLE_LABEL = re.compile(
    r"^(?:the |acting |deputy )*(?:chair|speaker|moderator|host|unknown)\b|^$", re.I
)
"""Transcript labels that name a role, not a person ("The Chair")."""
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


@dataclass(slots=True)
class Candidate:
    """A possible section: one speaker's part of one topic."""

    topic: TopicSpan
    speaker: str
    sentences: list[Sentence]
    words: int
    prescriptive: float
    vector: np.ndarray


@dataclass(slots=True)
class Line:
    """One sentence of a section's summary, before names are filled in."""

    span: Span
    form: str
    """"clause" (reported speech) or "quote" (the span in quotation marks)."""
    verb: str


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
    """The topic's best key phrase as the transcript writes it (for the intro)."""


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


# --- reading the transcript -------------------------------------------------------


def substantive(sentence: Sentence, asking: set[int] | frozenset[int] = frozenset()) -> bool:
    """Worth reporting: not a question or its preamble, not housekeeping, not a fragment."""
    return not (
        sentence.turn in asking
        or lang.is_question(sentence.text)
        or lang.is_housekeeping(sentence.text)
        or sentence.words < 6
    )


def asking_turns(sentences: list[Sentence]) -> set[int]:
    """Turns that end in a question and are short: a question and its preamble."""
    last: dict[int, Sentence] = {}
    words: Counter[int] = Counter()
    for sentence in sentences:
        last[sentence.turn] = sentence
        words[sentence.turn] += sentence.words
    return {t for t, s in last.items() if lang.is_question(s.text) and words[t] < 120}


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
            and lang.is_clean_clause(words)
            and finished
            and count <= CLAUSE_WORDS[1]
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


def split_parts(candidates: list[Candidate]) -> set[int]:
    """ids of the candidates that go to Part II (prescriptive), at most half of them."""
    if len(candidates) < 2:
        return set()
    ranked = sorted(candidates, key=lambda c: (-c.prescriptive, c.topic.start_time))
    limit = math.ceil(len(candidates) / 2)
    return {id(c) for c in ranked[:limit] if c.prescriptive >= 0.12}


# --- building sections --------------------------------------------------------------


def rank_spans(
    candidate: Candidate, seg: Segmentation, vocatives: frozenset[str] = frozenset()
) -> list[Span]:
    vectors = seg.sentence_vectors
    spans = []
    for sentence in candidate.sentences:
        centrality = float(vectors[sentence.index] @ candidate.vector)
        spans.extend(spans_of(sentence, centrality, vocatives))
    spans.sort(key=lambda s: (-s.score, s.sentence.index, s.text))
    return spans


def draft_section(candidate: Candidate, spans: list[Span], plan: Plan, title: str) -> Draft | None:
    """Pick the lines of a section from its ranked spans, avoiding excluded sentences."""
    return _draft(candidate, spans, plan, title, set())


def _draft(
    candidate: Candidate, spans: list[Span], plan: Plan, title: str, excluded: set[int]
) -> Draft | None:
    vectors = plan.segmentation.sentence_vectors
    usable = [s for s in spans if s.sentence.index not in excluded]
    used: list[Span] = []

    def distinct(span: Span) -> bool:
        return all(
            span.sentence.index != u.sentence.index
            and float(vectors[span.sentence.index] @ vectors[u.sentence.index]) < 0.8
            for u in used
        )

    lines: list[Line] = []
    verbs: set[str] = set()
    lead = next((s for s in usable if s.clean), None)
    if lead is not None:
        used.append(lead)
        verb = lang.reporting_verb(lead.text)
        verbs.add(verb)
        lines.append(Line(lead, "clause", verb))
    quote = next(
        (s for s in usable if s.quotable and distinct(s) and (lead is None or s is not lead)), None
    )
    if quote is not None:
        used.append(quote)
        verb = lang.reporting_verb(quote.text, avoid=verbs)
        verbs.add(verb)
        lines.append(Line(quote, "quote", verb))
    if candidate.words >= 250 and len(lines) == 2:
        extra = next((s for s in usable if s.clean and distinct(s)), None)
        if extra is not None:
            used.append(extra)
            lines.insert(1, Line(extra, "clause", lang.reporting_verb(extra.text, avoid=verbs)))
    if not lines:
        return None
    if not any(ln.form == "quote" for ln in lines):
        # Every section quotes the speaker once: the quotable line among the chosen ones.
        for line in reversed(lines):
            if line.span.quotable:
                line.form = "quote"
                break
    anchor = next((ln.span.sentence for ln in lines if ln.form == "quote"), lines[0].span.sentence)
    start = _turn_start(plan.transcript, anchor)
    return Draft(candidate, title, start, lines, set(excluded))


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
    text = line.span.text.rstrip()
    if line.form == "clause":
        clause = lang.lower_first(text, proper).rstrip(".!;:, ")
        if line.verb == "called for":
            return f"{subject} argued that {clause}.", None
        return f"{subject} {line.verb} that {clause}.", None
    quoted = text.rstrip(";:, ")
    if quoted[-1:] not in ".!?":
        quoted += "."
    quoted = lang.upper_first(quoted)
    return f'{subject} {line.verb}: "{quoted}"', Quote(quoted, None)


def render_drafts(plan: Plan, drafts: list[Draft]) -> list[Part]:
    """Parts of numbered sections from drafts, names in full at first mention only."""
    mentioned: set[str] = set()
    part_one, part_two = Part(DIAGNOSIS), Part(TREATMENT)
    for number, draft in enumerate(drafts, start=1):
        speaker = draft.candidate.speaker
        name = full_name(plan, speaker)
        sentences, quotes = [], []
        for line in draft.lines:
            subject = name if speaker not in mentioned else short_name(plan, speaker)
            mentioned.add(speaker)
            sentence, quote = render_line(line, subject, plan.proper)
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
        (part_two if id(draft.candidate) in plan.part_two else part_one).sections.append(section)
    parts = [p for p in (part_one, part_two) if p.sections]
    if len(parts) == 1 and parts[0] is part_two:
        parts[0].title = DIAGNOSIS
    return parts


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
    plan = Plan(transcript, segmentation, names, proper, [], set(), {}, moderator)
    vocatives = frozenset(
        n.split()[0] for n in list(names) + [p.name for p in names.values()] if len(n.split()) > 1
    )
    candidates = build_candidates(segmentation, moderator, _total_words(sentences))
    drafts: list[Draft] = []
    single: list[Draft] = []
    for candidate in choose(candidates, len(candidates), _total_words(sentences), target=sections):
        if len(drafts) >= sections:
            break
        spans = rank_spans(candidate, segmentation, vocatives)
        draft = draft_section(candidate, spans, plan, "")
        if draft is None or not any(line.form == "quote" for line in draft.lines):
            continue  # a section quotes its speaker at least once
        plan.spans[id(candidate)] = spans
        (drafts if len(draft.lines) >= 2 else single).append(draft)
    # A one-line section only for a speaker who would otherwise have none.
    for draft in single:
        covered = {d.candidate.speaker for d in drafts}
        if len(drafts) < sections and draft.candidate.speaker not in covered:
            drafts.append(draft)
    chosen = [d.candidate for d in drafts]
    plan.part_two = split_parts(chosen)
    ordered = thematic_order([c for c in chosen if id(c) not in plan.part_two])
    ordered += thematic_order([c for c in chosen if id(c) in plan.part_two])
    by_candidate = {id(d.candidate): d for d in drafts}
    banned = frozenset(
        part.lower() for name in list(names) + [moderator or ""] for part in name.split()
    )
    phrases = topic_phrases(
        [[s.text for s in c.sentences if not lang.is_housekeeping(s.text)] for c in ordered],
        banned=banned,
        centroids=np.array([c.vector for c in ordered]) if ordered else None,
    )
    titles: set[str] = set()
    for candidate, own_phrases in zip(ordered, phrases, strict=True):
        draft = by_candidate[id(candidate)]
        title = title_from(own_phrases)
        for skip in range(1, len(own_phrases)):
            if title.lower() not in titles:
                break
            title = title_from(own_phrases[skip:])  # the same title twice: use the next phrase
        if not title or title.lower() in titles:
            title = f"Remarks by {full_name(plan, candidate.speaker)}"
        titles.add(title.lower())
        draft.title = title
        draft.phrase = own_phrases[0].surface if own_phrases else ""
        plan.drafts.append(draft)
    return plan


INTRO_TOPICS = 6
"""At most this many themes are named in the intro's first sentence."""


def assemble(plan: Plan, drafts: list[Draft], event: EventDetails | None) -> Brief:
    """The brief: title, intro, context, parts, closing, metadata."""
    event = event or EventDetails()
    parts = render_drafts(plan, drafts)
    # The intro names the sections' themes in running text. Section titles read
    # better than the raw key phrases ("residents help choose") they came from;
    # "Remarks by …" stands for no theme.
    topics = []
    for draft in drafts:
        if draft.title.startswith("Remarks by "):
            continue
        # "Childcare Offer and Capital Development" names two themes
        for part in re.split(r"\s+and\s+", draft.title):
            phrase = _phrase_text(part, plan.proper)
            if phrase and phrase not in topics:
                topics.append(phrase)
    topics = topics[:INTRO_TOPICS]
    title = event.title or _title_from_transcript(plan.transcript) or _title_from_topics(drafts)
    intro: list[str] = []
    if topics:
        intro.append(f"This program examined {_join(topics)}.")
    if event.description:
        intro.append(event.description.strip())
    moderator = event.moderator or (full_name(plan, plan.moderator) if plan.moderator else None)
    people = []
    for label in participants(plan):
        name = full_name(plan, label)
        if name == moderator:
            continue
        person = plan.names.get(label)
        organisation = person.organisation if person is not None else None
        people.append(f"{name} ({organisation})" if organisation else name)
    if people:
        sentence = f"Speakers included {_join(people)}"
        if moderator:
            sentence += f"; the discussion was moderated by {moderator}"
        intro.append(sentence + ".")
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


def _phrase_text(phrase: str, proper: set[str] | frozenset[str] = frozenset()) -> str:
    """A phrase for running text: lower case but for acronyms and the transcript's proper words."""

    def running(word: str) -> str:
        if word in proper or (word.isupper() and len(word) > 1):
            return word
        if "-" in word:  # "Real-Life" -> "real-life", "U.S.-ROK" stays
            return "-".join(running(part) for part in word.split("-"))
        return word if any(c.isupper() for c in word[1:]) else word.lower()

    return " ".join(running(w) for w in phrase.split())


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
        phrase = title_case(draft.phrase) if draft.phrase else ""
        if phrase and phrase not in phrases:
            phrases.append(phrase)
        if len(phrases) == 3:
            break
    return _join(phrases) if phrases else "Program Brief"
