"""The "Add to calendar" file of an event, built with the `icalendar` library.

Times are written in the event's own time zone with a VTIMEZONE block
(`Calendar.add_missing_timezones`), so calendar programs show the right local
time; the UID is stable across downloads so re-importing updates the entry.
"""

from __future__ import annotations

from datetime import UTC, timedelta
from urllib.parse import urlencode

import icalendar
from django.utils import timezone

from podium.common.domain.urls import site_host
from podium.events.models import Event

DEFAULT_DURATION = timedelta(hours=1, minutes=30)


def event_uid(event: Event) -> str:
    return f"podium-event-{event.pk}@{site_host()}"


def calendar_links(event: Event, *, url: str) -> dict[str, str]:
    """ "Add to Google Calendar" and "Add to Outlook" links (their documented URL templates),
    empty while the date is to be announced or after a cancellation."""
    if event.date_to_be_announced or event.status == Event.Status.CANCELLED:
        return {}
    start = event.starts_at.astimezone(UTC)
    end = (event.ends_at or event.starts_at + DEFAULT_DURATION).astimezone(UTC)
    location = (
        ", ".join(
            line.strip()
            for line in [event.venue_name, *event.venue_address.splitlines()]
            if line.strip()
        )
        or event.online_url
    )
    details = f"{event.lead}\n\n{url}".strip()
    google = urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}",
            "details": details,
            "location": location,
        }
    )
    outlook = urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "enddt": end.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "body": details,
            "location": location,
        }
    )
    return {
        "google": f"https://calendar.google.com/calendar/render?{google}",
        "outlook": f"https://outlook.live.com/calendar/0/deeplink/compose?{outlook}",
    }


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
