"""What an after-event page holds around the brief, as in seed ``000_…``.

After the brief's closing lines the page repeats the event title, gives the
date line (``Tuesday, February 3, 2026 | 6:30 PM (EST)``), the venue lines
and "About the Speakers:" with one bio per paragraph. `PageInfo` keeps that,
and the speakers named by the bios (``Keith Luse is the Executive Director…``
-> ``Keith Luse``), which the brief parser resolves section speakers against.

Also here: the wording rules that sort the brief's own paragraphs into
context lines (moderator, co-organisers) and closing lines (AI disclosure,
acknowledgement), and reading the moderator out of a context line.
pysbd splits sentences; `datetime.strptime` reads the date line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import pysbd

from podium.engine.brief.names import HONORIFIC, NAME, NAME_TOKEN, PARTICLES, strip_honorific
from podium.engine.speakers import Speaker

CONTEXT = re.compile(
    r"\b(?:moderated\s+by|[Mm]oderator:|in\s+(?:collaboration|partnership|cooperation|association|conjunction)\s+with"
    r"|co-?organi[sz]ed|co-?hosted|co-?sponsored|co-?presented|organi[sz]ed\s+(?:by|with)|hosted\s+by)\b"
)
"""A sentence that says who ran or co-organised the event (a context line)."""

CLOSING = re.compile(
    r"^(?:(?:This|The|Our)\s+(?:brief|summary|program|programme|event|report|page|discussion|series)\b.*"
    r"(?:artificial\s+intelligence|\bAI\b|generated|made\s+possible|support|sponsored|funded|underwritten)"
    r"|(?:We\s+(?:thank|are\s+grateful)|Special\s+thanks|With\s+thanks|Thanks\s+to)\b)",
    re.DOTALL,
)
"""A paragraph that is the AI disclosure or an acknowledgement (a closing line)."""

SPEAKERS_HEADING = re.compile(
    r"^(?:About\s+the\s+)?(?:Speakers|Panelists|Participants)\s*:?\s*$", re.I
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
DATE_LINE = re.compile(
    rf"^(?P<date>(?:{_WEEKDAY},\s+)?[A-Z][a-z]+\.?\s+\d{{1,2}},\s+\d{{4}})"
    r"(?:\s*[|•·,–—-]\s*(?P<time>\d{1,2}(?::\d{2})?\s*[AaPp]\.?[Mm]\.?)"
    r"(?:\s*[-–—]\s*\d{1,2}(?::\d{2})?\s*[AaPp]\.?[Mm]\.?)?\s*(?:\((?P<tz>[^)]+)\))?)?\s*$"
)
_MODERATOR = re.compile(
    rf"(?:moderated\s+by|[Mm]oderator:)\s+(?P<name>(?:{HONORIFIC}\s+)?{NAME})"
    r"(?:\s*,\s*(?P<rest>.+?))?\s*(?:\.\s*$|\.\s+[A-Z]|;|$)"
)
_BIO_NAME = re.compile(
    rf"^(?P<name>{NAME_TOKEN}(?:\s+(?:{PARTICLES}\s+)*{NAME_TOKEN}){{0,5}}?)"
    r"(?:\s*\((?P<role>[^)]{1,40})\))?"
    r"(?=\s+(?:is|was|serves|served|has|holds|leads|directs|joined|works)\b|\s*,|\s*$)"
)


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs of `text`, whitespace kept at their ends.

    A fresh pysbd segmenter per call: it keeps state while segmenting, so a
    shared one would not be thread-safe, and building one is cheap.
    """
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return [(span.start, span.sent) for span in segmenter.segment(text)]


def split_context(paragraph: str) -> tuple[str, str]:
    """(intro part, context part) of an intro paragraph; either may be empty.

    A paragraph whose sentences all say who ran the event is a context line;
    trailing such sentences after ordinary ones are split off into one.
    """
    if not CONTEXT.search(paragraph):
        return paragraph, ""
    spans = sentences(paragraph)
    cut = len(spans)
    while cut > 0 and CONTEXT.search(spans[cut - 1][1]):
        cut -= 1
    if cut == len(spans):
        return paragraph, ""
    offset = spans[cut][0] if cut < len(spans) else len(paragraph)
    return paragraph[:offset].strip(), paragraph[offset:].strip()


def is_closing(paragraph: str) -> bool:
    return bool(CLOSING.match(paragraph.strip()))


def moderator_from(context_line: str) -> Speaker | None:
    """``…moderated by Jonathan Corrado, Director of Policy Programs, The Korea Society.``"""
    match = _MODERATOR.search(context_line)
    if not match:
        return None
    title = organisation = None
    rest = (match["rest"] or "").strip().rstrip(".")
    if rest:
        head, _, tail = rest.rpartition(",")
        title, organisation = (head.strip(), tail.strip()) if head else (tail.strip(), None)
    return Speaker(
        name=strip_honorific(match["name"]),
        role="moderator",
        title=title,
        organisation=organisation,
    )


def bio_speaker(paragraph: str) -> Speaker | None:
    """The person a bio paragraph is about, or a bare ``Name`` / ``Name (role)`` line."""
    match = _BIO_NAME.match(strip_honorific(paragraph.strip()))
    if not match:
        return None
    name = match["name"].strip()
    if len(name.split()) < 2:
        return None
    return Speaker(name=name, role=(match["role"] or None))


@dataclass(slots=True)
class PageInfo:
    """The page around a brief: everything after its closing lines."""

    event_title: str | None = None
    date_line: str | None = None
    """As printed: ``Tuesday, February 3, 2026 | 6:30 PM (EST)``."""
    date: str | None = None
    """ISO date read from the date line: ``2026-02-03``."""
    time: str | None = None
    """24-hour start time read from the date line: ``18:30``."""
    timezone: str | None = None
    """As printed in the date line's brackets: ``EST``."""
    venue: list[str] = field(default_factory=list)
    """Venue and address lines: ``The Korea Society``, ``350 Madison Avenue, 24th Floor``, …"""
    speakers: list[Speaker] = field(default_factory=list)
    """The people the bios are about, in page order."""
    moderator: Speaker | None = None
    """The moderator, as a context line of the brief names them ("moderated by …")."""
    bios: dict[str, str] = field(default_factory=dict)
    """Name -> bio paragraph."""
    other: list[str] = field(default_factory=list)
    """Page paragraphs that fit none of the above."""


def read_date_line(line: str) -> tuple[str | None, str | None, str | None] | None:
    """(ISO date, HH:MM, time zone) of a date line, or None when it is not one."""
    match = DATE_LINE.match(line.strip())
    if not match:
        return None
    date_text = re.sub(rf"^{_WEEKDAY},\s+", "", match["date"]).replace(".", "")
    iso = None
    for pattern in ("%B %d, %Y", "%b %d, %Y"):
        try:
            iso = datetime.strptime(date_text, pattern).date().isoformat()
            break
        except ValueError:
            continue
    if iso is None:
        return None
    clock = None
    if match["time"]:
        raw = re.sub(r"[.\s]", "", match["time"]).upper()
        for pattern in ("%I:%M%p", "%I%p"):
            try:
                clock = datetime.strptime(raw, pattern).strftime("%H:%M")
                break
            except ValueError:
                continue
    return iso, clock, match["tz"]


def page_from_paragraphs(paragraphs: list[list[str]], *, title: str) -> PageInfo:
    """Read the page after a brief; each paragraph is its list of lines."""
    page = PageInfo()
    in_bios = False
    for lines in paragraphs:
        text = " ".join(line.strip() for line in lines)
        if SPEAKERS_HEADING.match(text):
            in_bios = True
            continue
        if in_bios:
            speaker = bio_speaker(text)
            if speaker is not None:
                page.speakers.append(speaker)
                page.bios[speaker.name] = text
                continue
        elif page.event_title is None and text.casefold() == title.casefold():
            page.event_title = text
            continue
        elif page.date_line is None and (when := read_date_line(text)):
            page.date_line = text
            page.date, page.time, page.timezone = when
            continue
        elif page.date_line is not None and not page.venue and len(lines) <= 6:
            page.venue = [line.strip() for line in lines]
            continue
        page.other.append(text)
    return page
