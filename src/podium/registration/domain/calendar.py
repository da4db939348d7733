"""The .ics invitation of a registration (icalendar does the format) and its QR code (segno).

The QR code is always a full QR symbol (`segno.make_qr`), never Micro QR.

One VEVENT per registration: UID ``registration-<id>-event-<id>@<host>`` stays
the same for the life of the registration, and SEQUENCE rises with each
change, so calendar clients replace the earlier entry (RFC 5546 REQUEST /
CANCEL, as Outlook and Google Calendar expect). Times are written in UTC.
"""

from __future__ import annotations

import datetime as dt
import io
from email.utils import parseaddr

import segno
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as CalendarEvent

from podium.common.domain.urls import absolute_url, site_host


def calendar_uid(registration) -> str:
    return f"registration-{registration.pk}-event-{registration.event_id}@{site_host()}"


def event_location(event) -> str:
    parts = [event.venue_name, " ".join(event.venue_address.split())]
    location = ", ".join(p for p in parts if p)
    return location or event.online_url or ""


def registration_ics(registration, *, manage_link: str = "", method: str = "") -> bytes:
    """The invitation for this registration: REQUEST while it holds a seat, CANCEL after.

    ``method="PUBLISH"`` gives a plain calendar file for download. A cancelled event
    cancels every invitation; one postponed to a date to be announced is TENTATIVE.
    """
    event = registration.event
    cancelled = registration.status in ("cancelled", "rejected") or event.is_cancelled
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
    item.add("url", absolute_url(event.get_absolute_url()))
    item.add(
        "status",
        "CANCELLED" if cancelled else "TENTATIVE" if event.date_to_be_announced else "CONFIRMED",
    )
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


def checkin_qr(registration) -> segno.QRCode:
    """A standard QR code of the check-in code: `make_qr`, never a Micro QR (which segno's
    `make` picks for short text and which common scanners and phones do not read)."""
    return segno.make_qr(registration.checkin_code, error="m")


def checkin_qr_png(registration, *, scale: int = 8) -> bytes:
    """A PNG of the check-in QR code, for emails (quiet zone of 4 modules, as the standard asks)."""
    buffer = io.BytesIO()
    checkin_qr(registration).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def checkin_qr_data_uri(registration, *, scale: int = 6) -> str:
    """The check-in QR code as an SVG data URI, for the manage page and the printable ticket."""
    return checkin_qr(registration).svg_data_uri(scale=scale, border=4)
