"""Fixtures for registration tests: events with the default types, staff users, immediate tasks."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from podium.events.models import Event
from podium.registration.domain.defaults import create_default_types

_counter = itertools.count(1)
GENERAL_ANSWERS = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "organisation": "Analytical Society",
    "job_title": "Fellow",
}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Emails are sent by tasks; run them in-process and keep mail in ``mail.outbox``."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PODIUM_HOLIDAY_COUNTRY = "US"
    settings.PODIUM_HOLIDAYS = []
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast test users


def make_event(
    *,
    starts_in: dt.timedelta = dt.timedelta(days=30),
    capacity: int | None = 100,
    slug: str | None = None,
    **fields,
) -> Event:
    n = next(_counter)
    defaults = {
        "title": f"Peace on the Korean Peninsula {n}",
        "slug": slug or f"korea-{n}",
        "status": Event.Status.PUBLISHED,
        "starts_at": timezone.now() + starts_in,
        "time_zone": "America/New_York",
        "venue_name": "USIP Headquarters",
        "venue_address": "2301 Constitution Ave NW\nWashington, DC 20037",
        "accessibility_email": "EventRegistration@usip.org",
        "accessibility_lead_days": 3,
        "summary": "A conversation on why peace has been elusive.",
    }
    defaults.update(fields)
    event = Event.objects.create(**defaults)
    create_default_types(event, capacity=capacity)
    return event


def answers(**extra) -> dict:
    return {**GENERAL_ANSWERS, **extra}


@pytest.fixture
def event(db) -> Event:
    return make_event()


@pytest.fixture
def general(event):
    return event.registration_types.get(slug="general")


@pytest.fixture
def media(event):
    return event.registration_types.get(slug="media")


def make_staff(username: str = "staffer") -> User:
    user = User.objects.create_user(
        username,
        f"{username}@podium.example",
        "correct horse battery",
        first_name="Sam",
        last_name="Staff",
    )
    group, _ = Group.objects.get_or_create(name="Events staff")
    user.groups.add(group)
    return user


@pytest.fixture
def staff(db) -> User:
    return make_staff()


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` runs the on-commit callbacks (email tasks) at the end of the block."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def emailed_manage_path(message) -> str:
    """The private manage page's path in an email (the only place the link is given)."""
    import re

    found = re.search(r"https?://[^/\s]+(/register/manage/[^/\s]+/)", message.body)
    assert found, f"no manage link in {message.subject!r}"
    return found.group(1)
