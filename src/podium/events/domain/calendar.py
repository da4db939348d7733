"""The "Add to calendar" file of an event, built with the `icalendar` library.

Times are written in the event's own time zone with a VTIMEZONE block
(`Calendar.add_missing_timezones`), so calendar programs show the right local
time; the UID is stable across downloads so re-importing updates the entry.
"""

from __future__ import annotations

from datetime import timedelta

import icalendar
from django.utils import timezone

from podium.common.domain.urls import site_host
from podium.events.models import Event

DEFAULT_DURATION = timedelta(hours=1, minutes=30)


def event_uid(event: Event) -> str:
    return f"podium-event-{event.pk}@{site_host()}"


def calendar_status(event: Event) -> str:
    """STATUS of the VEVENT: CANCELLED, TENTATIVE while the new date is to be announced, else CONFIRMED."""
    if event.status == Event.Status.CANCELLED:
        return "CANCELLED"
    if event.date_to_be_announced:
        return "TENTATIVE"
    return "CONFIRMED"


def event_calendar(event: Event, *, url: str) -> bytes:
    """An iCalendar (RFC 5545) file with one VEVENT for `event`; `url` is its public page."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Podium//Event calendar//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", timezone.now())
    start = event.local_start
    end = event.local_end or start + DEFAULT_DURATION
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    vevent.add("summary", event.title)
    vevent.add("description", f"{event.lead}\n\n{url}".strip())
    vevent.add("url", url)
    location = ", ".join(
        line.strip()
        for line in [event.venue_name, *event.venue_address.splitlines()]
        if line.strip()
    )
    vevent.add("location", location or event.online_url or "Online")
    vevent.add("sequence", event.calendar_sequence)
    vevent.add("status", calendar_status(event))
    vevent.add("last-modified", event.updated_at or timezone.now())
    cal.add_component(vevent)
    cal.add_missing_timezones()
    return cal.to_ical()
