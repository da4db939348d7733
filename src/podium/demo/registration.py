"""Demo registration data: seed 003's types and forms on the demo events, plus sample registrants.

Idempotent: types are created once per event, sample registrations only on an
event that has none. Called by the demo loader (``podium.demo.load``), which
creates the events with the slugs in ``podium.demo``. Sample registrations
are added without emails (``notify=False``).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from podium.demo import SEED_AFTER_SLUG, SEED_BEFORE_SLUG
from podium.events.models import Event
from podium.registration.domain.checkin import check_in
from podium.registration.domain.defaults import GENERAL_FORM, build_form, create_default_types
from podium.registration.domain.registration import register
from podium.registration.domain.transitions import approve_registration
from podium.registration.models import Registration, RegistrationType

SAMPLE_PEOPLE = [
    ("Amara", "Okafor", "amara.okafor@example.org", "Institute for Global Affairs", "Fellow"),
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
ROUNDTABLE_GUESTS = [
    ("Omar", "Haddad"),
    ("Mei", "Chen"),
    ("Ivan", "Petrov"),
    ("Ana", "Silva"),
    ("Tom", "Baker"),
]


def _demo_events():
    """Seed 003's event first (found by its slug), then any other upcoming published events."""
    upcoming = Event.objects.exclude(status=Event.Status.DRAFT).filter(
        starts_at__gte=timezone.now()
    )
    seed = Event.objects.filter(slug=SEED_BEFORE_SLUG).first()
    others = list(upcoming.exclude(slug=SEED_BEFORE_SLUG).order_by("starts_at"))
    return ([seed] if seed else []) + others


def _staff_user():
    return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("id").first()


def load_demo_registration() -> dict[str, int]:
    """General + Media registration (seed 003's form) on seed 003's event and other upcoming events;
    sample registrants on seed 003's event; attendance on the past seed 000 event."""
    events = _demo_events()
    for event in events:
        create_default_types(event, capacity=150)
        if not event.accessibility_email:
            event.accessibility_email = "EventRegistration@podium.example"
            event.save(update_fields=["accessibility_email"])
    created = 0
    if events and not Registration.objects.filter(event=events[0]).exists():
        created = _sample_registrations(events[0])
    created += _past_attendance()
    return {"events": len(events), "registrations": created}


def _work(org: str, title: str) -> dict:
    return {"organisation": org, "job_title": title}


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
        build_form(roundtable, GENERAL_FORM[:2])
    count = 0
    for first, last, email, org, title in SAMPLE_PEOPLE:
        register(
            event,
            general,
            email=email,
            notify=False,
            marketing_opt_in=first in ("Amara", "Grace"),
            answers={
                "first_name": first,
                "last_name": last,
                **_work(org, title),
                "heard_from": ["Email newsletter"],
            },
            accessibility_request="Wheelchair-accessible seating, please."
            if first == "Daniel"
            else "",
        )
        count += 1
    press = {
        **_work("The Policy Wire", "Correspondent"),
        "outlet": "The Policy Wire",
        "media_role": "Reporter",
        "press_credential_url": "https://press.example.com/jordan-reyes",
    }
    register(
        event,
        media,
        email="jordan.reyes@press.example.com",
        notify=False,
        answers={"first_name": "Jordan", "last_name": "Reyes", **press},
    )
    approved = register(
        event,
        media,
        email="lena.fischer@press.example.de",
        notify=False,
        answers={
            "first_name": "Lena",
            "last_name": "Fischer",
            **press,
            "outlet": "Berliner Blatt",
            "organisation": "Berliner Blatt",
        },
    )
    staff = _staff_user()
    if staff is not None:
        approve_registration(
            approved, actor=staff, message="Welcome; the press table is on the left."
        )
    count += 2
    for first, last in ROUNDTABLE_GUESTS:  # 3 seats: the last two wait
        register(
            event,
            roundtable,
            email=f"{first.lower()}.{last.lower()}@example.net",
            access_code="ROUNDTABLE",
            notify=False,
            answers={"first_name": first, "last_name": last, **_work("Invited guest", "Fellow")},
        )
        count += 1
    return count


def _past_attendance() -> int:
    """The past seed 000 event: registrations added by staff, most of them checked in."""
    event = Event.objects.filter(slug=SEED_AFTER_SLUG).first()
    staff = _staff_user()
    if event is None or staff is None or Registration.objects.filter(event=event).exists():
        return 0
    general, _ = create_default_types(event, capacity=120)
    for index, (first, last, email, org, title) in enumerate(SAMPLE_PEOPLE):
        person = register(
            event,
            general,
            email=email,
            actor=staff,
            notify=False,
            answers={"first_name": first, "last_name": last, **_work(org, title)},
        )
        if index < 4:
            check_in(person, actor=staff)
    return len(SAMPLE_PEOPLE)
