"""The program brief model, as in the seed page ``000_…``.

A brief has a title, intro paragraphs, optional context lines (moderator,
co-organisers), parts ("Part I: The Diagnosis") holding numbered sections,
and closing lines (the AI disclosure, acknowledgements). Sections are in the
brief's thematic order, which need not be chronological.

Quotes are the double-quoted spans of a section's summary; `Section.quotes`
lists them with the speaker each is attributed to, so that verification can
check wording and attribution without re-reading the prose.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(slots=True)
class Quote:
    """A verbatim span the brief puts in quotation marks."""

    text: str
    """The words between the quotation marks, as printed."""
    speaker: str | None = None
    """The person the brief attributes the words to."""


@dataclass(slots=True)
class Section:
    """One numbered section: ``3. Deterrence Risks ▶ [35:24]`` and its paragraph(s)."""

    number: int
    title: str
    start: float | None = None
    """The ▶ time in seconds, or None when the section has none."""
    speakers: list[str] = field(default_factory=list)
    """Full names of the speakers the section is about, main speaker first."""
    summary: list[str] = field(default_factory=list)
    """Paragraphs of prose; quotes appear inside them in double quotation marks."""
    quotes: list[Quote] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.summary)


@dataclass(slots=True)
class Part:
    """A group of sections under a heading such as "Part I: The Diagnosis".

    A brief without parts has one Part whose title is ``""``.
    """

    title: str
    sections: list[Section] = field(default_factory=list)


@dataclass(slots=True)
class Brief:
    title: str
    intro: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    """Short lines about who took part: moderator, co-organisers, partners."""
    parts: list[Part] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    """The disclosure and acknowledgement lines at the end."""
    metadata: dict[str, str] = field(default_factory=dict)
    """How the brief was made: writer, model, prompt version, source transcript."""
    warnings: list[str] = field(default_factory=list, compare=False)
    """Repairs the parser made on the way in (renumbered sections, an unpaired
    quotation mark), each as ``source:line: what``. Not part of equality."""

    def sections(self) -> Iterator[Section]:
        for part in self.parts:
            yield from part.sections

    def section(self, number: int) -> Section:
        for section in self.sections():
            if section.number == number:
                return section
        raise KeyError(number)


@dataclass(slots=True)
class EventDetails:
    """What a writer may know about the event beyond the transcript (``--event FILE``)."""

    title: str | None = None
    description: str | None = None
    date: str | None = None
    venue: str | None = None
    moderator: str | None = None
    co_organisers: list[str] = field(default_factory=list)
    sponsor: str | None = None
    """The acknowledgement line: "This program was made possible by …"."""
    disclosure: str | None = None
    """Overrides the default AI disclosure line."""
