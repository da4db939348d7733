"""Small pieces every renderer shares: the ▶ time label and the speakers trailer."""

from __future__ import annotations

from podium.engine.brief.model import Brief, Section
from podium.engine.timefmt import format_time

PLAY = "▶"


def time_label(section: Section) -> str:
    """``▶ [35:24]`` (empty when the section has no time)."""
    return f"{PLAY} [{format_time(section.start)}]" if section.start is not None else ""


def head_text(section: Section) -> str:
    """``3. Deterrence Risks ▶ [35:24]``."""
    label = time_label(section)
    return f"{section.number}. {section.title}" + (f" {label}" if label else "")


def named_speakers(brief: Brief) -> list[str]:
    """Everyone the brief attributes a section or a quote to, in brief order.

    The text layouts end with this list ("About the Speakers:") so that a
    rendered brief re-reads to the same speakers without a speakers file.
    """
    names: list[str] = []
    for section in brief.sections():
        for name in [*section.speakers, *(q.speaker for q in section.quotes)]:
            if name and name not in names:
                names.append(name)
    return names
