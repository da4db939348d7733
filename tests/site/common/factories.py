"""Factories for site tests: users with roles, events, people, publications.

Everything goes through the domain functions the site itself uses
(save_event, add_speaker, save_publication…), never through fixtures files.
"""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from podium.accounts.domain.roles import assign_role
from podium.events.domain.events import add_speaker, get_or_create_topic, save_event, save_person
from podium.events.models import Event, Person
from podium.publications.domain.publications import save_publication
from podium.publications.models import Publication

PASSWORD = "correct horse battery staple"
_n = itertools.count(1)


def make_user(
    role: str | None = None, *, username: str | None = None, superuser: bool = False
) -> User:
    """A user with `role` ("administrator", "events_staff", "editor") or none (a plain account)."""
    user = User.objects.create_user(
        username=username or f"user{next(_n)}", password=PASSWORD, is_superuser=superuser
    )
    if role:
        assign_role(user, role=role)
    return user


def make_event(
    *,
    title: str | None = None,
    starts_at: dt.datetime | None = None,
    status: str = Event.Status.PUBLISHED,
    topics: list[str] = (),
    **fields,
) -> Event:
    """An event in New York, by default published and a month ahead."""
    tz = ZoneInfo(fields.get("time_zone", "America/New_York"))
    if starts_at is None:
        day = dt.date.today() + dt.timedelta(days=30)
        starts_at = dt.datetime.combine(day, dt.time(18, 30), tzinfo=tz)
    fields.setdefault("venue_name", "The Korea Society")
    fields.setdefault("venue_address", "350 Madison Avenue, 24th Floor\nNew York, NY 10017")
    event = Event(
        title=title or f"Event number {next(_n)}", starts_at=starts_at, status=status, **fields
    )
    return save_event(event, topics=[get_or_create_topic(t) for t in topics])


def make_person(name: str, **fields) -> Person:
    return save_person(Person(name=name, **fields))


def make_speaker(event: Event, name: str, *, role: str = "panelist", **person_fields):
    return add_speaker(event, person=make_person(name, **person_fields), role=role)


def make_publication(
    title: str,
    *,
    summary: str = "A summary.",
    kind: str = Publication.Kind.ANALYSIS,
    published_on: dt.date = dt.date(2024, 5, 28),
    status: str = Publication.Status.PUBLISHED,
    topics: list[str] = (),
    **fields,
) -> Publication:
    publication = Publication(
        title=title, summary=summary, kind=kind, published_on=published_on, status=status, **fields
    )
    return save_publication(publication, topics=[get_or_create_topic(t) for t in topics])


def use_fast_password_hashing(settings) -> None:
    """PBKDF2 is slow on purpose; tests only need a hasher that works."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
