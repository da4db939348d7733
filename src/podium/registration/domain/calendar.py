"""The .ics invitation of a registration (icalendar does the format) and its QR code (segno).

One VEVENT per registration: UID ``registration-<id>-event-<id>@<host>`` stays
the same for the life of the registration, and SEQUENCE rises with each
change, so calendar clients replace the earlier entry (RFC 5546 REQUEST /
CANCEL, as Outlook and Google Calendar expect). Times are written in UTC.
"""

from __future__ import annotations

import datetime as dt
import io
from email.utils import parseaddr
from urllib.parse import urlparse

import segno
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as CalendarEvent


def calendar_uid(registration) -> str:
    host = urlparse(settings.SITE_URL).hostname or "podium"
    return f"registration-{registration.pk}-event-{registration.event_id}@{host}"


def event_location(event) -> str:
    parts = [event.venue_name, " ".join(event.venue_address.split())]
    location = ", ".join(p for p in parts if p)
    return location or event.online_url or ""


def registration_ics(registration, *, manage_link: str = "", method: str = "") -> bytes:
    """The invitation for this registration: REQUEST while it holds a seat, CANCEL after.

    ``method="PUBLISH"`` gives a plain calendar file for download.
    """
    event = registration.event
    cancelled = registration.status in ("cancelled", "rejected")
    cal = Calendar()
    cal.add("prodid", "-//Podium//Event registration//EN")
    cal.add("version", "2.0")
    cal.add("method", method or ("CANCEL" if cancelled else "REQUEST"))
    item = CalendarEvent()
    item.add("uid", calendar_uid(registration))
    item.add("sequence", registration.calendar_sequence)
    item.add("dtstamp", timezone.now().astimezone(dt.UTC))
    start = event.starts_at.astimezone(dt.UTC)
    end = (event.ends_at or event.starts_at + dt.timedelta(hours=1)).astimezone(dt.UTC)
    item.add("dtstart", start)
    item.add("dtend", end)
    item.add("summary", event.title)
    location = event_location(event)
    if location:
        item.add("location", location)
    description = [event.summary or ""]
    if manage_link and not cancelled:
        description.append(f"Manage or cancel your registration: {manage_link}")
    item.add("description", "\n\n".join(d for d in description if d))
    item.add("url", f"{settings.SITE_URL}{event.get_absolute_url()}")
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organiser_name, organiser_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{organiser_email or 'events@podium.example'}")
    organizer.params["cn"] = vText(
        organiser_name or getattr(settings, "PODIUM_SITE_NAME", "Podium")
    )
    item["organizer"] = organizer
    attendee = vCalAddress(f"mailto:{registration.email}")
    if registration.full_name:
        attendee.params["cn"] = vText(registration.full_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("DECLINED" if cancelled else "ACCEPTED")
    attendee.params["rsvp"] = vText("FALSE")
    item.add("attendee", attendee, encode=0)
    cal.add_component(item)
    return cal.to_ical()


def checkin_qr_png(registration, *, scale: int = 8) -> bytes:
    """A PNG QR code of the check-in code, for the door."""
    buffer = io.BytesIO()
    segno.make(registration.checkin_code, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
