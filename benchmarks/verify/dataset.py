"""The verification evaluation set, built from QMSum committee meetings (train and val).

For each meeting:

- a realistic transcript: the meeting with synthesized times
  (`podium.engine.transcript.qmsum.load_meeting`), then fillers ("um", "uh",
  "you know,"), repeated words and extra cue splits sprinkled in, also inside
  the passages the brief quotes;
- a faithful brief: one section per gold topic whose main speaker (most words
  in the topic's turns) is a named person; the section's ▶ time is the start
  of the turn it quotes; its summary is "<Speaker> said that <one of their own
  sentences>" plus "<Surname> noted that "<quote>"", the quote taken verbatim
  from their turn;
- single-error variants of each section (`VARIANTS`);
- paraphrase sections from the human-written answers of the specific queries
  (they name roles, "The Minister said…"), to measure false alarms on real
  paraphrase.

Deterministic (seeded `random.Random`).
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from podium.engine.brief.model import Brief, Part, Quote, Section
from podium.engine.transcript.model import Segment, Transcript
from podium.engine.transcript.qmsum import Meeting, load_meeting, normalise_speaker
from podium.engine.verify.text import words

from ..qmsum import qmsum_dir

REPO = Path(__file__).resolve().parents[2]
QMSUM = qmsum_dir()


VARIANTS = {
    "quote word changed": "quote",
    "quote fabricated": "quote",
    "quote by another speaker": "attribution",
    "time moved far away": "timestamp",
    "number changed": "claim",
    "speaker name misspelt": "names",
    "negation inserted": "claim",
}
"""Error type -> the check that must report it as `fail`."""

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
_AUX = re.compile(
    r"\b(is|are|was|were|will|would|can|could|should|has|have|had|must|may|might)\b(?! not\b| n't|['’]t)"
)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_SWAPS = {
    "increase": "decrease",
    "more": "less",
    "higher": "lower",
    "high": "low",
    "good": "bad",
    "important": "irrelevant",
    "support": "oppose",
    "first": "last",
    "new": "old",
    "always": "rarely",
    "all": "some",
    "many": "few",
    "better": "worse",
    "large": "small",
}
_NOT_PEOPLE = re.compile(r"(?i)\b(chair|clerk|unknown|speaker|member|minister|committee)\b")


@dataclass
class Case:
    """One meeting's transcript, faithful brief and error variants."""

    name: str
    transcript: Transcript
    brief: Brief
    variants: list[tuple[str, Section]] = field(default_factory=list)
    """(error type, the section with that one error)."""
    paraphrases: list[Section] = field(default_factory=list)


def meeting_files() -> list[Path]:
    return sorted((QMSUM / "train").glob("*.json")) + sorted((QMSUM / "val").glob("*.json"))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def _is_person(name: str) -> bool:
    return bool(name) and not _NOT_PEOPLE.search(name) and len(name.split()) >= 2


def build_case(path: Path, rng: random.Random, other_sentences: list[str]) -> Case | None:
    meeting = load_meeting(path)
    raw = json.loads(path.read_text(encoding="utf-8"))["meeting_transcripts"]
    turns = [(normalise_speaker(str(t.get("speaker") or "")), str(t["content"])) for t in raw]
    sections: list[Section] = []
    variants: list[tuple[str, Section]] = []
    used_speakers: list[str] = []
    for topic in meeting.topics:
        if len(sections) >= 8 or not topic.spans:
            continue
        first, last = topic.spans[0]
        span = range(first, min(last, len(turns) - 1) + 1)
        counts: dict[str, int] = {}
        for i in span:
            counts[turns[i][0]] = counts.get(turns[i][0], 0) + len(turns[i][1].split())
        people = [s for s in sorted(counts, key=counts.get, reverse=True) if _is_person(s)]
        if not people:
            continue
        speaker = people[0]
        own = [i for i in span if turns[i][0] == speaker]
        candidates = [
            (i, s) for i in own for s in _sentences(turns[i][1]) if 10 <= len(s.split()) <= 45
        ]
        if len(candidates) < 2:
            continue
        quote_turn, quote_sentence = rng.choice(candidates)
        quote_words = quote_sentence.split()
        length = min(len(quote_words), rng.randint(8, 16))
        begin = rng.randint(0, len(quote_words) - length)
        quote = " ".join(quote_words[begin : begin + length]).strip(" ,;:")
        if len(words(quote)) < 6:
            continue
        with_number = [(i, s) for i, s in candidates if _NUMBER.search(s) and s != quote_sentence]
        pool = with_number or [(i, s) for i, s in candidates if s != quote_sentence]
        if not pool:
            continue
        _, said = rng.choice(pool)
        surname = speaker.split()[-1]
        said_text = said[0].lower() + said[1:] if not said.startswith("I ") else said
        number = len(sections) + 1
        section = Section(
            number=number,
            title=topic.name[:60],
            start=meeting.turn_times[quote_turn][0],
            speakers=[speaker],
            summary=[f'{speaker} said that {said_text} {surname} noted that "{quote}".'],
            quotes=[Quote(text=quote, speaker=speaker)],
        )
        sections.append(section)
        used_speakers.append(speaker)
        variants.extend(
            _variants(section, rng, turns, speaker, said_text, quote, meeting, other_sentences)
        )
    if not sections:
        return None
    brief = Brief(title=meeting.transcript.title or path.stem, parts=[Part("", sections)])
    case = Case(path.stem, realistic(meeting.transcript, rng), brief, variants)
    case.paraphrases = _paraphrases(meeting, turns)
    return case


def _variants(
    section: Section, rng, turns, speaker, said_text, quote, meeting: Meeting, other_sentences
) -> Iterator[tuple[str, Section]]:
    surname = speaker.split()[-1]

    def with_summary(text: str, **changes) -> Section:
        new = copy.deepcopy(section)
        new.summary = [text]
        for key, value in changes.items():
            setattr(new, key, value)
        return new

    def summary(said: str, quoted: str, name: str = speaker, short: str = surname) -> str:
        return f'{name} said that {said} {short} noted that "{quoted}".'

    # a word of the quote changed
    quote_words = quote.split()
    places = [i for i, w in enumerate(quote_words) if len(w.strip(",.;:")) >= 4]
    if places:
        i = rng.choice(places)
        bare = quote_words[i].strip(",.;:").lower()
        replacement = _SWAPS.get(bare) or {v: k for k, v in _SWAPS.items()}.get(bare)
        if replacement is None:
            # not a neighbour's word: "that that" would be a stutter, which verification ignores
            neighbours = {w.strip(",.;:").lower() for w in quote_words[max(i - 1, 0) : i + 2]}
            vocabulary = [
                w
                for w in re.findall(r"\b[a-z]{4,}\b", " ".join(t for _, t in turns[:200]))
                if w not in neighbours
            ]
            replacement = rng.choice(vocabulary)
        changed = list(quote_words)
        changed[i] = replacement
        text = " ".join(changed)
        yield (
            "quote word changed",
            with_summary(summary(said_text, text), quotes=[Quote(text, speaker)]),
        )
    # a quote nobody said
    fabricated = " ".join(rng.choice(other_sentences).split()[:14]).strip(" ,;:.")
    yield (
        "quote fabricated",
        with_summary(summary(said_text, fabricated), quotes=[Quote(fabricated, speaker)]),
    )
    # someone else's words
    others = [(s, t) for s, t in turns if s != speaker and _is_person(s)]
    rng.shuffle(others)
    for _other, content in others:
        options = [s for s in _sentences(content) if 12 <= len(s.split()) <= 40]
        if options:
            sentence = rng.choice(options).split()
            theirs = " ".join(sentence[:14]).strip(" ,;:")
            yield (
                "quote by another speaker",
                with_summary(summary(said_text, theirs), quotes=[Quote(theirs, speaker)]),
            )
            break
    # the time moved far away
    duration = meeting.transcript.duration
    start = section.start or 0.0
    moved = start + 900 if start + 900 < duration else max(start - 900, 0.0)
    if abs(moved - start) >= 600:
        yield "time moved far away", with_summary(section.summary[0], start=moved)
    # a number changed
    match = _NUMBER.search(said_text)
    if match:
        value = match.group(0).replace(",", "")
        try:
            number = float(value)
            new_value = (
                str(int(number) + rng.choice([2, 3, 7, 11]))
                if number.is_integer()
                else f"{number + 1.5:g}"
            )
        except ValueError:
            new_value = None
        if new_value:
            changed = said_text[: match.start()] + new_value + said_text[match.end() :]
            yield "number changed", with_summary(summary(changed, quote))
    # the speaker's name misspelt
    if len(surname) >= 4:
        k = rng.randint(1, len(surname) - 2)
        misspelt = (
            surname[:k] + surname[k + 1 :]
            if rng.random() < 0.5
            else (surname[:k] + surname[k + 1] + surname[k] + surname[k + 2 :])
        )
        if misspelt != surname:
            name = speaker.replace(surname, misspelt)
            yield (
                "speaker name misspelt",
                with_summary(summary(said_text, quote, name, misspelt), speakers=[name]),
            )
    # a negation inserted
    aux = _AUX.search(said_text)
    if aux:
        negated = said_text[: aux.end()] + " not" + said_text[aux.end() :]
        yield "negation inserted", with_summary(summary(negated, quote))


def _paraphrases(meeting: Meeting, turns) -> list[Section]:
    """Sections whose summary is a human-written answer, naming every person in its span."""
    out = []
    for number, query in enumerate(meeting.queries, start=1):
        answer = str(query.get("answer") or "").strip()
        spans = query.get("relevant_text_span") or []
        if not answer or not spans:
            continue
        first, last = int(spans[0][0]), int(spans[0][1])
        people = []
        for i in range(first, min(last, len(turns) - 1) + 1):
            if _is_person(turns[i][0]) and turns[i][0] not in people:
                people.append(turns[i][0])
        if not people:
            continue
        out.append(
            Section(
                number=100 + number,
                title=str(query.get("query", ""))[:60],
                start=meeting.turn_times[first][0],
                speakers=people,
                summary=[answer],
            )
        )
    return out


# --- a realistic transcript --------------------------------------------------------------
FILLERS = ["um,", "uh,", "you know,", "um", "uh"]


def realistic(transcript: Transcript, rng: random.Random) -> Transcript:
    """Fillers, stutters and extra cue splits, as captions of live speech have them."""
    segments: list[Segment] = []
    for segment in transcript.segments:
        out_words: list[str] = []
        for word in segment.text.split():
            roll = rng.random()
            if roll < 0.05:
                out_words.append(rng.choice(FILLERS))
            elif roll < 0.08 and word.isalpha():
                out_words.append(word)  # a stutter: "the the"
            out_words.append(word)
        if len(out_words) > 10 and rng.random() < 0.6:
            cut = rng.randint(3, len(out_words) - 3)
            middle = segment.start + segment.duration * cut / len(out_words)
            segments.append(replace(segment, end=middle, text=" ".join(out_words[:cut])))
            segments.append(replace(segment, start=middle, text=" ".join(out_words[cut:])))
        else:
            segments.append(replace(segment, text=" ".join(out_words)))
    return replace(transcript, segments=segments, warnings=[])


def build_cases(seed: int = 4) -> list[Case]:
    rng = random.Random(seed)
    files = meeting_files()
    cases = []
    for number, path in enumerate(files):
        other = files[(number + 7) % len(files)]
        other_raw = json.loads(other.read_text(encoding="utf-8"))["meeting_transcripts"]
        other_sentences = [
            s
            for t in other_raw
            for s in _sentences(str(t["content"]))
            if 12 <= len(s.split()) <= 40
        ]
        case = build_case(path, rng, other_sentences)
        if case is not None:
            cases.append(case)
    return cases
