"""The names check: every person the brief names is an event speaker, spelled as in the event.

Name candidates are runs of capitalised words in the brief's prose (regular
expressions; possessives and middle initials handled). Each is

- an event speaker (full name, surname, alias): `ok`;
- within `name_similarity` (`rapidfuzz` ratio) of a speaker's name, or of one
  part of it, but not a word the transcript uses: a misspelling, `fail` with the
  event's spelling as the suggestion ("Thorton" -> "Thornton");
- a person who is not a speaker ("Kim Jong Un", "President Trump"): `warn`;
- anything else (places, organisations, titles of things): no finding.

Telling people from places without a named-entity model takes care. A run
is taken for a person when a title stands before it ("President", "Senator",
"Mr."), or when it has two to four words none of which is a place,
organisation or role word (`NON_PERSON_WORDS`), a word the transcript uses in
lower case, or a place word the transcript itself puts after "in", "to",
"from", "at" (its own small gazetteer). A single word is a person only with a
title, or as the surname of such a multi-word person named elsewhere. Section
titles are title case: only speaker spellings are checked there.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from podium.engine.brief.model import Brief, Section
from podium.engine.verify.context import Context
from podium.engine.verify.people import name_key, name_parts
from podium.engine.verify.report import Finding
from podium.engine.verify.wordlists import word_list

_WORD = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*"
_INITIAL = r"[A-Z]\."
_PARTICLE = r"(?:de|da|di|del|van|von|der|bin|al|el|la|le|du)"
_CANDIDATE = re.compile(
    rf"(?<![\w'’])(?:{_WORD}|{_INITIAL})(?:\s+(?:{_PARTICLE}\s+)?(?:{_WORD}|{_INITIAL}))*"
)
_POSSESSIVE = re.compile(r"['’]s?$")

TITLES = word_list("titles")
NON_PERSON_WORDS = word_list("non_person_words") | TITLES
_PLACE_CUE = re.compile(r"\b(?:in|to|from|at|across|visit(?:ed|ing)?|towards?)\s+([A-Z][a-z]+)")
_SENTENCE_START = re.compile(r"[.!?:;\"“(]\s*$")


class NameFinder:
    """Knows the transcript's vocabulary; classifies the brief's capitalised runs."""

    def __init__(self, ctx: Context, brief: Brief):
        self.ctx = ctx
        self.prefer: list[str] = []
        """The speakers of the section being checked: a shared surname is theirs."""
        vocabulary = ctx.cache.get("names")
        if vocabulary is None:
            text = " ".join(s.text for s in ctx.index.transcript.segments)
            vocabulary = ctx.cache["names"] = _TranscriptNames(text)
        self.lower_words = vocabulary.lower_words
        self.places = vocabulary.places
        self.vocabulary = set(ctx.positions)
        self.speaker_parts = {p for s in ctx.people.speakers for p in name_parts(s.name)}
        for speaker in ctx.people.speakers:
            for alias in speaker.aliases:
                self.speaker_parts.update(name_parts(alias))
        # surnames of people named with a title or in full, in the brief or the transcript
        self.known_people: set[str] = set()
        if "known_people" not in vocabulary.__dict__:
            vocabulary.known_people = self._people_in(vocabulary.text)
        self.known_people |= vocabulary.known_people
        prose = [brief.title, *brief.intro, *brief.context, *brief.closing]
        prose += [p for section in brief.sections() for p in section.summary]
        for chunk in prose:
            self.known_people |= self._people_in(chunk)

    def _people_in(self, text: str) -> set[str]:
        found = set()
        for run, titled in self._runs(text):
            words = _words(run)
            if titled or self._multiword_person(words):
                found.add(words[-1].lower())
        return found

    # --- candidates ------------------------------------------------------------
    def _runs(self, text: str) -> list[tuple[str, bool]]:
        """Capitalised runs with leading titles / ordinary words stripped, and whether titled."""
        runs = []
        for match in _CANDIDATE.finditer(text):
            words = match.group(0).split()
            titled = False
            at_start = match.start() == 0 or bool(
                _SENTENCE_START.search(text[max(match.start() - 4, 0) : match.start()])
            )
            while words:
                bare = _POSSESSIVE.sub("", words[0]).rstrip(".").lower()
                if bare in TITLES:
                    titled = True
                    words.pop(0)
                    continue
                if (
                    (at_start or len(words) > 1)
                    and self._ordinary(bare)
                    and bare not in self.speaker_parts
                ):
                    words.pop(0)
                    at_start = False
                    continue
                break
            if not words or all(re.fullmatch(_INITIAL, w) for w in words):
                continue
            # "the Otto Warmbier case": a preceding lower-case title counts too
            before = text[max(match.start() - 30, 0) : match.start()].split()[-1:]
            before = before if not titled else []
            if before and before[0].lower().rstrip(".,") in TITLES:
                titled = True
            run = " ".join(words)
            run = _POSSESSIVE.sub("", run)
            runs.append((run, titled))
        return runs

    def _ordinary(self, word: str) -> bool:
        return word in self.lower_words or word in _COMMON

    def _multiword_person(self, words: list[str]) -> bool:
        bare = [w.lower() for w in words if not re.fullmatch(_INITIAL, w)]
        if not 2 <= len(bare) <= 4:
            return False
        for word in bare:
            for piece in word.replace("’", "'").split("-"):
                if piece in NON_PERSON_WORDS or piece.rstrip("s") in NON_PERSON_WORDS:
                    return False
                if piece in self.places or piece in self.lower_words:
                    return False
        return True

    # --- classification ----------------------------------------------------------
    def findings(self, section: int, text: str, *, title: bool = False) -> list[Finding]:
        out: list[Finding] = []
        seen: set[str] = set()
        for run, titled in self._runs(text):
            key = name_key(run)
            if key in seen:
                continue
            seen.add(key)
            finding = self._classify(section, run, titled, title=title)
            if finding is not None:
                out.append(finding)
        return out

    def _classify(self, section: int, run: str, titled: bool, *, title: bool) -> Finding | None:
        people = self.ctx.people
        words = _words(run)
        speaker = people.resolve(run, fuzzy=False, prefer=self.prefer)
        if speaker is not None:
            return Finding(section, "names", "ok", run, f"{run}: event speaker {speaker}.")
        shared = people.candidates(run)
        if len(shared) > 1:
            return Finding(
                section,
                "names",
                "warn",
                run,
                f"{run} may be {' or '.join(shared)}: use the full name.",
            )
        misspelt = self._misspelling(words)
        if misspelt is not None:
            correct, speaker = misspelt
            return Finding(
                section,
                "names",
                "fail",
                run,
                f'"{run}" is not how the event spells {speaker}: "{correct}".',
                [],
                correct,
            )
        # a speaker's name inside a longer run ("Susan Thornton Lecture"): part of a thing's name
        if title:
            return None
        bare = [w.lower() for w in words]
        if len(bare) == 1 and (
            bare[0] in NON_PERSON_WORDS
            or bare[0].rstrip("s") in NON_PERSON_WORDS
            or bare[0] in self.places
        ):
            return None  # "Canada", "Canadians", "April": never a person on its own
        if (
            titled
            or self._multiword_person(words)
            or (len(bare) == 1 and bare[0] in self.known_people)
        ):
            if any(w in self.speaker_parts for w in bare) and len(bare) > 1:
                return None
            return Finding(
                section,
                "names",
                "warn",
                run,
                f"{run} is not a speaker of this event: check the spelling and that the "
                "brief reports what was said about them.",
            )
        return None

    def _misspelling(self, words: list[str]) -> tuple[str, str] | None:
        """(corrected run, speaker) when a word of `words` is a near miss of a speaker's name."""
        threshold = self.ctx.options.name_similarity
        full = " ".join(words)
        for speaker in self.ctx.people.speakers:
            names = [speaker.name, *speaker.aliases]
            for name in names:
                if len(words) > 1 and fuzz.ratio(name_key(full), name_key(name)) >= threshold:
                    return name, speaker.name
        for position, word in enumerate(words):
            key = name_key(_POSSESSIVE.sub("", word))
            if len(key) < 4 or key in self.speaker_parts or key in self.vocabulary:
                continue
            for speaker in self.ctx.people.speakers:
                for part in name_parts(speaker.name):
                    if len(part) >= 4 and fuzz.ratio(key, part) >= threshold:
                        fixed = list(words)
                        original = next(w for w in speaker.name.split() if name_key(w) == part)
                        fixed[position] = original
                        return " ".join(fixed), speaker.name
        return None


class _TranscriptNames:
    """What the names check learns from the transcript once: its lower-case words and
    the capitalised words it puts after "in", "to", "from", "at" (places)."""

    def __init__(self, text: str):
        self.text = text
        self.lower_words = set(re.findall(r"\b[a-z][a-z'’]+\b", text))
        self.places = {m.group(1).lower() for m in _PLACE_CUE.finditer(text)}


def _words(run: str) -> list[str]:
    return [_POSSESSIVE.sub("", w) for w in run.split()]


_COMMON = word_list("name_common_words")


def check_names(brief: Brief, ctx: Context) -> list[Finding]:
    """Names findings for the brief's title/intro/context/closing (section 0) and every section."""
    finder = NameFinder(ctx, brief)
    findings = finder.findings(0, brief.title, title=True)
    for chunk in [*brief.intro, *brief.context, *brief.closing]:
        findings.extend(_dedupe(findings, finder.findings(0, chunk)))
    for section in brief.sections():
        findings.extend(check_section_names(section, finder))
    return findings


def check_section_names(section: Section, finder: NameFinder) -> list[Finding]:
    finder.prefer = list(section.speakers)
    out = finder.findings(section.number, section.title, title=True)
    for paragraph in section.summary:
        out.extend(_dedupe(out, finder.findings(section.number, paragraph)))
    finder.prefer = []
    return out


def _dedupe(existing: list[Finding], new: list[Finding]) -> list[Finding]:
    seen = {(f.section, name_key(f.subject)) for f in existing}
    return [f for f in new if (f.section, name_key(f.subject)) not in seen]
