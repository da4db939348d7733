"""Template tags of the briefs app: the recording and published brief of an event."""

from __future__ import annotations

from django import template

from podium.briefs.domain.queries.public import event_recording
from podium.engine.timefmt import format_time

register = template.Library()


@register.simple_tag
def recording_for(event):
    """`{% recording_for event as rec %}`: player + published brief (never a draft)."""
    return event_recording(event)


@register.filter
def clock(seconds) -> str:
    """Seconds as ``m:ss`` / ``h:mm:ss`` (the brief's ▶ times)."""
    if seconds in (None, ""):
        return ""
    return format_time(float(seconds))


@register.filter
def whole_seconds(seconds) -> str:
    """Seconds rounded down, for ``data-seek`` and ``#t=`` (the ▶ label truncates the same way)."""
    if seconds in (None, ""):
        return "0"
    return str(max(0, int(float(seconds))))
