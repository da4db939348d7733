"""Demo registration data: seed 003's types and forms on the demo events, plus sample registrants.

Idempotent: types are created once per event, sample registrations only on an
event that has none. Called by the demo loader (``podium.demo.load``).
"""

from __future__ import annotations

from django.utils import timezone

from podium.registration.domain.defaults import build_form, create_default_types
from podium.registration.domain.registration import approve_registration, register
from podium.registration.models import Registration, RegistrationType

SAMPLE_PEOPLE = [
    ("Amara", "Okafor", "amara.okafor@example.org", "Brookings-style Institute", "Fellow"),
    ("Daniel", "Kim", "daniel.kim@example.edu", "Georgetown University", "Graduate student"),
    (
        "Sofia",
        "Martinez",
        "s.martinez@example.gov",
        "Department of State",
        "Foreign Service Officer",
    ),
    ("Haruto", "Sato", "haruto.sato@example.jp", "Embassy of Japan", "First Secretary"),
    ("Grace", "Lee", "grace.lee@example.org", "Asia Policy Forum", "Program Director"),
]


def _demo_events():
    from podium.events.models import Event

    upcoming = Event.objects.exclude(status=Event.Status.DRAFT).filter(
        starts_at__gte=timezone.now()
    )
    return list(upcoming.order_by("starts_at"))


def load_demo_registration() -> dict[str, int]:
    """Give every upcoming demo event General + Media registration; fill the first one with samples."""
    events = _demo_events()
    for event in events:
        create_default_types(event, capacity=150)
        if not event.accessibility_email:
            event.accessibility_email = "EventRegistration@podium.example"
            event.save(update_fields=["accessibility_email"])
    created = 0
    if events and not Registration.objects.filter(event=events[0]).exists():
        created = _sample_registrations(events[0])
    return {"events": len(events), "registrations": created}


def _sample_registrations(event) -> int:
    general = RegistrationType.objects.get(event=event, slug="general")
    media = RegistrationType.objects.get(event=event, slug="media")
    roundtable, new = RegistrationType.objects.get_or_create(
        event=event,
        slug="roundtable",
        defaults={
            "name": "Invitation-only Roundtable",
            "order": 2,
            "capacity": 3,
            "access_code": "ROUNDTABLE",
            "description": "A closed-door discussion after the public panel, for invited guests.",
        },
    )
    if new:
        from podium.registration.domain.defaults import GENERAL_FORM

        build_form(roundtable, GENERAL_FORM[:2])
    count = 0
    for first, last, email, org, title in SAMPLE_PEOPLE:
        register(
            event,
            general,
            email=email,
            marketing_opt_in=first in ("Amara", "Grace"),
            answers={
                "first_name": first,
                "last_name": last,
                "organisation": org,
                "job_title": title,
                "heard_from": ["Email newsletter"],
            },
            accessibility_request="Wheelchair-accessible seating, please."
            if first == "Daniel"
            else "",
        )
        count += 1
    media_answers = {
        "organisation": "The Policy Wire",
        "job_title": "Correspondent",
        "outlet": "The Policy Wire",
        "media_role": "Reporter",
        "press_credential_url": "https://press.example.com/jordan-reyes",
    }
    register(
        event,
        media,
        email="jordan.reyes@press.example.com",
        answers={"first_name": "Jordan", "last_name": "Reyes", **media_answers},
    )
    approved = register(
        event,
        media,
        email="lena.fischer@press.example.de",
        answers={
            "first_name": "Lena",
            "last_name": "Fischer",
            **media_answers,
            "outlet": "Berliner Blatt",
            "organisation": "Berliner Blatt",
        },
    )
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.filter(is_superuser=True).first()
    if staff is not None:
        approve_registration(
            approved, actor=staff, message="Welcome; the press table is on the left."
        )
    count += 2
    for first, last in [
        ("Omar", "Haddad"),
        ("Mei", "Chen"),
        ("Ivan", "Petrov"),
        ("Ana", "Silva"),
        ("Tom", "Baker"),
    ]:
        register(
            event,
            roundtable,
            email=f"{first.lower()}.{last.lower()}@example.net",
            access_code="ROUNDTABLE",
            answers={
                "first_name": first,
                "last_name": last,
                "organisation": "Invited guest",
                "job_title": "Senior Fellow",
            },
        )
        count += 1
    return count
