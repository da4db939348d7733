"""Search-engine markup of an event page: schema.org `Event` as JSON-LD."""

from __future__ import annotations

import json

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from podium.events.models import Event

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script_body(data: dict) -> SafeString:
    """`data` as JSON safe to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


def event_json_ld(event: Event, *, url: str, image_url: str = "") -> dict:
    """The schema.org Event of `event` (https://schema.org/Event), ready for json_script."""
    status = {
        Event.Status.CANCELLED: "https://schema.org/EventCancelled",
        Event.Status.POSTPONED: (
            "https://schema.org/EventPostponed"
            if event.date_to_be_announced
            else "https://schema.org/EventRescheduled"
        ),
    }.get(event.status, "https://schema.org/EventScheduled")
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.local_start.isoformat(),
        "eventStatus": status,
        "url": url,
        "description": event.summary
        or (event.description_paragraphs[0] if event.description else ""),
    }
    if event.postponed_from:
        data["previousStartDate"] = timezone.localtime(event.postponed_from, event.tz).isoformat()
    if event.ends_at:
        data["endDate"] = event.local_end.isoformat()
    locations = []
    if event.venue_name:
        locations.append(
            {
                "@type": "Place",
                "name": event.venue_name,
                "address": ", ".join(
                    line.strip() for line in event.venue_address.splitlines() if line.strip()
                ),
            }
        )
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
        data["eventAttendanceMode"] = (
            "https://schema.org/MixedEventAttendanceMode"
            if len(locations) > 1
            else "https://schema.org/OnlineEventAttendanceMode"
            if event.online_url
            else "https://schema.org/OfflineEventAttendanceMode"
        )
    if image_url:
        data["image"] = [image_url]
    performers = [
        {
            "@type": "Person",
            "name": s.person.display_name,
            **({"jobTitle": s.affiliation} if s.affiliation else {}),
        }
        for s in event.speakers.all()
    ]
    if performers:
        data["performer"] = performers
    organisers = [p.organisation for p in event.partners.all() if p.kind == "co-organiser"]
    if organisers:
        data["organizer"] = [
            {"@type": "Organization", "name": o.name, **({"url": o.url} if o.url else {})}
            for o in organisers
        ]
    sponsors = [p.organisation for p in event.partners.all() if p.kind == "sponsor"]
    if sponsors:
        data["sponsor"] = [{"@type": "Organization", "name": o.name} for o in sponsors]
    return data
