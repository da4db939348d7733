"""The writer's lint: what an editor would send back, counted.

`lint_brief(brief, asked=None, reason=None)` lists every problem of these
kinds (each must be zero in a brief Podium publishes; benchmarks/brief counts
them on QMSum and the examples, and the LLM writer's answers are held to it):

- ``pronoun``: I, we, our, us, my or you outside quotation marks in a summary;
- ``title``: a title of one word, more than seven, opening with a verb, or
  without a noun;
- ``intro``: an intro sentence naming more than three themes ("examined A,
  B, C, D and E");
- ``quote``: a quote that is not a complete clause (`speech.complete_clause`);
- ``sections``: fewer sections than asked for without a reason given.

Plain Python over the brief plus the spaCy parse of titles and quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from podium.engine.brief.model import Brief
from podium.engine.brief.quotes import find_quotes
from podium.engine.write.speech import PERSON_1_2, complete_clause
from podium.engine.write.titles import is_good_title

_THEMES = re.compile(
    r"\b(?:examined|explored|discussed|considered|covered|addressed|focused on)\s+(.*)$", re.I
)


@dataclass(frozen=True, slots=True)
class LintIssue:
    kind: str
    """pronoun, title, intro, quote or sections."""
    section: int
    """Section number; 0 for the intro and the brief as a whole."""
    text: str

    def __str__(self) -> str:
        where = f"section {self.section}" if self.section else "brief"
        return f"{where}: {self.kind}: {self.text}"


def outside_quotes(text: str) -> str:
    """`text` with every quoted span removed."""
    spans, _ = find_quotes(text)
    out, last = [], 0
    for span in spans:
        out.append(text[last : span.start])
        last = span.end
    out.append(text[last:])
    return " ".join(out)


def pronouns_outside_quotes(text: str) -> list[str]:
    """The first/second-person words of `text` outside quotation marks."""
    return PERSON_1_2.findall(outside_quotes(text))


def themes_in(sentence: str) -> int:
    """How many themes a sentence lists after "examined" (0 when it lists none)."""
    match = _THEMES.search(sentence.rstrip(". "))
    if not match:
        return 0
    items = [i for i in re.split(r",\s*|;\s*", match.group(1)) if i.strip()]
    if not items:
        return 0
    last = re.sub(r"^and\s+", "", items[-1].strip())
    # "A, B and C": the final "and" joins two themes; an "and" inside a theme
    # ("real and alive counsellors") is not counted again
    return len(items) + (1 if re.search(r"\s+and\s+", last) else 0)


def lint_brief(
    brief: Brief, *, asked: int | None = None, reason: str | None = None
) -> list[LintIssue]:
    issues: list[LintIssue] = []
    for sentence in brief.intro:
        for piece in re.split(r"(?<=[.!?])\s+", sentence):
            if themes_in(piece) > 3:
                issues.append(LintIssue("intro", 0, piece))
    count = 0
    for section in brief.sections():
        count += 1
        for paragraph in section.summary:
            found = pronouns_outside_quotes(paragraph)
            if found:
                issues.append(
                    LintIssue("pronoun", section.number, f"{', '.join(found)}: {paragraph}")
                )
        if not is_good_title(section.title):
            issues.append(LintIssue("title", section.number, section.title))
        for quote in section.quotes:
            if not complete_clause(quote.text):
                issues.append(LintIssue("quote", section.number, quote.text))
    if asked is not None and count < asked and not reason:
        issues.append(LintIssue("sections", 0, f"{count} of {asked} sections and no reason given"))
    return issues
