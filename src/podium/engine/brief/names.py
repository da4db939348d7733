"""Who a section is about, and who said each quote: names in the prose -> event speakers.

Rules (docs/briefs.md, "Speaker resolution"):

- A person is named by their full name ("Rachel Minyoung Lee outlined"), by
  first and last name without middle names or initials ("Susan Thornton" ->
  "Susan A. Thornton"), by surname alone ("Lee warned"), or by an alias from
  the speakers file. A short form that fits two people is not used.
- "Panelists", "the panel", "the speakers" and the like, as the subject of a
  reporting verb ("Panelists emphasized", "The panel acknowledged"), name
  every panelist: every known speaker but the moderator.
- A section's speakers are the people it names, in the order first named
  (the main speaker first); a group word then adds the remaining panelists,
  ordered by where the brief first names them, then in event order.
- A quote's speaker is the person named last before it in the same
  paragraph, else the section's main speaker.
- Names inside quotation marks do not count: they are the speaker's words.
- When the event's speakers are not known (no speakers given, no bios on
  the page), names are learnt from the brief itself: a capitalised name of
  two to five words opening a paragraph and followed by a reporting verb
  ("Ankit Panda identified"), unless it already names someone known (the
  moderator, names a JSON brief carries). So a brief resolves with no
  speakers file at all, but once the speakers are known, "Kim Jong Un
  warned" does not make Kim Jong Un a speaker.

Plain `re` does the matching; rapidfuzz is not needed since names are
spelled as given (the verifier's names check reports misspellings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from podium.engine.brief.model import Quote, Section
from podium.engine.brief.quotes import QuoteSpan, find_quotes, inside_quotes
from podium.engine.speakers import Speaker
from podium.engine.wordlists import load_words, words_pattern

PARTICLES = words_pattern("name_particles")
NAME_TOKEN = r"(?:[A-Z][\w’'\-]*[\w]|[A-Z]\.|[A-Z])"
NAME = rf"{NAME_TOKEN}(?:\s+(?:{PARTICLES}\s+)*{NAME_TOKEN}){{1,4}}"
"""A person's name: two to five capitalised words or initials (particles allowed)."""
HONORIFIC = rf"{words_pattern('honorifics')}\.?(?!\w)"
"""A title before a name: ``Dr.``, ``Prof``, ``Ambassador`` (data/honorifics.txt)."""

REPORTING_VERBS = load_words("reporting_verbs")
"""Verbs that make the name before them a speaker ("Rachel Lee outlined")."""
_GROUP = re.compile(
    r"(?<![\w])(?:(?:[Tt]he|[Aa]ll(?:\s+the)?|[Bb]oth|[Oo]ther|[Ff]ellow|[Tt]he\s+other)\s+)?"
    r"(?:(?:[Tt]he\s+)?(?:three|four|five|six)\s+)?"
    r"(?P<noun>[Pp]anelists|[Pp]anel|[Ss]peakers|[Pp]articipants|[Dd]iscussants)"
    r"\s+(?:(?:all|also|both|each|largely|broadly|generally|then)\s+)?(?P<verb>[a-z]+)\b"
)
"""A group word as the subject of a reporting verb: "Panelists emphasized", "The panel acknowledged"."""
_LEARN = re.compile(rf"^(?:{HONORIFIC}\s+)?(?P<name>{NAME})\s+(?P<verb>[a-z]+)\b")
"""A name opening a paragraph before a verb: "Rachel Minyoung Lee outlined …"."""
_HONORIFICS = re.compile(rf"^{HONORIFIC}\s+")


def strip_honorific(name: str) -> str:
    """``Dr. Jane Smith`` -> ``Jane Smith``."""
    return _HONORIFICS.sub("", name.strip())


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of prose naming a person (`name`) or the panel as a group (`name` None)."""

    start: int
    end: int
    name: str | None


def _short_forms(speaker: Speaker) -> list[str]:
    forms = [speaker.name, *speaker.aliases]
    tokens = speaker.name.split()
    if len(tokens) >= 3:
        forms.append(f"{tokens[0]} {tokens[-1]}")
    if len(tokens) >= 2:
        forms.append(tokens[-1])
    for alias in speaker.aliases:
        alias_tokens = alias.split()
        if len(alias_tokens) >= 2:
            forms.append(alias_tokens[-1])
    return forms


class NameIndex:
    """The ways the prose may name each known speaker, and a matcher for them."""

    def __init__(self, speakers: list[Speaker]):
        self.speakers = list(speakers)
        owners: dict[str, set[str]] = {}
        for speaker in self.speakers:
            for form in _short_forms(speaker):
                owners.setdefault(form, set()).add(speaker.name)
        # A full name always means its owner; a short form only when unambiguous.
        full = {s.name for s in self.speakers}
        self.forms = {
            form: next(iter(names)) if len(names) == 1 else form
            for form, names in owners.items()
            if len(names) == 1 or form in full
        }
        alternatives = sorted(self.forms, key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"(?<![\w])(?:" + "|".join(re.escape(f) for f in alternatives) + r")(?![\w])"
            )
            if alternatives
            else None
        )

    @property
    def panelists(self) -> list[str]:
        return [s.name for s in self.speakers if (s.role or "").lower() != "moderator"]

    def mentions(self, text: str, quotes: list[QuoteSpan] | None = None) -> list[Mention]:
        """People and groups named in `text`, outside quotation marks, in order."""
        if quotes is None:
            quotes, _ = find_quotes(text)
        found: list[Mention] = []
        if self._pattern is not None:
            for match in self._pattern.finditer(text):
                if not inside_quotes(match.start(), quotes):
                    found.append(Mention(match.start(), match.end(), self.forms[match.group()]))
        for match in _GROUP.finditer(text):
            if match["verb"] in REPORTING_VERBS and not inside_quotes(match.start(), quotes):
                found.append(Mention(match.start(), match.end(), None))
        return sorted(found, key=lambda m: m.start)


def learn_speakers(paragraphs: list[str]) -> list[Speaker]:
    """Names that open a paragraph before a reporting verb, in order of first use.

    Only paragraph openings: briefs name the section's speaker first, and a
    name later in the prose ("… Kim Jong Un warned …") is often not a speaker.
    """
    names: list[str] = []
    for paragraph in paragraphs:
        match = _LEARN.match(paragraph.strip())
        if match is None or match["verb"] not in REPORTING_VERBS:
            continue
        name = strip_honorific(match["name"])
        if len(name.split()) >= 2 and name not in names:
            names.append(name)
    return [Speaker(name=name) for name in names]


def known_speakers(
    given: list[Speaker | str],
    *,
    page: list[Speaker] = (),
    moderator: Speaker | None = None,
    sections: list[Section] = (),
) -> list[Speaker]:
    """Everyone names may refer to, in event order, for `resolve_sections`.

    The given speakers first, then the page's bios, then the names sections
    already carry (JSON), then the moderator from the context line (who only
    gets the moderator role if no one gave them another). Only when neither
    speakers nor bios were given, names learnt from the summaries
    (`learn_speakers`) that none of these covers come last.
    """
    known: list[Speaker] = [Speaker(name=s) if isinstance(s, str) else s for s in given]
    names = {s.name for s in known}
    extra = [*page, *(Speaker(name=n) for s in sections for n in s.speakers)]
    for speaker in extra:
        if speaker.name not in names:
            known.append(speaker)
            names.add(speaker.name)
    if moderator is not None:
        if moderator.name in names:
            known = [
                replace(s, role="moderator") if s.name == moderator.name and not s.role else s
                for s in known
            ]
        else:
            known.append(moderator)
    if given or page:
        return known  # the event's speakers are known: names are not guessed
    index = NameIndex(known)
    for learnt in learn_speakers([p for s in sections for p in s.summary]):
        covered = [m for m in index.mentions(learnt.name, []) if m.name]
        if not (covered and covered[0].start == 0 and covered[0].end == len(learnt.name)):
            known.append(learnt)
    return known


def resolve_sections(sections: list[Section], speakers: list[Speaker]) -> None:
    """Fill each section's `speakers` and `quotes` from its summary (see module rules)."""
    index = NameIndex(speakers)
    analysed = []
    first_named: list[str] = []
    for section in sections:
        paragraphs = []
        for paragraph in section.summary:
            quotes, _ = find_quotes(paragraph)
            mentions = index.mentions(paragraph, quotes)
            paragraphs.append((quotes, mentions))
            for mention in mentions:
                if mention.name and mention.name not in first_named:
                    first_named.append(mention.name)
        analysed.append(paragraphs)

    brief_order = {name: i for i, name in enumerate(first_named)}
    event_order = {name: i for i, name in enumerate(index.panelists)}
    panel = sorted(
        index.panelists,
        key=lambda n: (n not in brief_order, brief_order.get(n, 0), event_order[n]),
    )
    for section, paragraphs in zip(sections, analysed, strict=True):
        named: list[str] = []
        group = False
        for _, mentions in paragraphs:
            for mention in mentions:
                if mention.name is None:
                    group = True
                elif mention.name not in named:
                    named.append(mention.name)
        if group:
            named += [n for n in panel if n not in named]
        section.speakers = named
        main = named[0] if named else None
        section.quotes = []
        for quotes, mentions in paragraphs:
            for span in quotes:
                before = [m.name for m in mentions if m.name and m.end <= span.start]
                section.quotes.append(Quote(span.text, before[-1] if before else main))
