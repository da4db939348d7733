"""Every PODIUM_* variable is documented in docs/settings.md, read from the environment, and takes effect.

Reading is checked in a subprocess (settings are read once, at start-up);
the effect of each registration setting through the code that uses it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time

import pytest
from django.utils import timezone

from tests.conftest import REPO

SOURCE = REPO / "src" / "podium"


def test_docs_settings_lists_every_podium_variable():
    table = (REPO / "docs" / "settings.md").read_text()
    used = set()
    for path in SOURCE.rglob("*.py"):
        used.update(re.findall(r"PODIUM_[A-Z0-9_]*[A-Z0-9]", path.read_text()))
    used.discard("PODIUM_LLM")  # the prefix of the engine's f"PODIUM_LLM_{name}" options
    missing = sorted(name for name in used if f"`{name}`" not in table)
    assert not missing, f"not in docs/settings.md: {missing}"


READ_FROM_ENVIRONMENT = {
    # variable: (value given, Django setting, value expected)
    "PODIUM_PRIVACY_URL": (
        "https://example.org/privacy",
        "PODIUM_PRIVACY_URL",
        "https://example.org/privacy",
    ),
    "PODIUM_MANAGE_LINK_MAX_AGE": ("3600", "PODIUM_MANAGE_LINK_MAX_AGE", 3600),
    "PODIUM_REGISTRATION_RETENTION_DAYS": ("30", "PODIUM_REGISTRATION_RETENTION_DAYS", 30),
    "PODIUM_HOLIDAY_COUNTRY": ("GB", "PODIUM_HOLIDAY_COUNTRY", "GB"),
    "PODIUM_HOLIDAYS": ("2026-12-24, 2026-12-31", "PODIUM_HOLIDAYS", ["2026-12-24", "2026-12-31"]),
    "PODIUM_DEBUG": ("1", "DEBUG", True),
    "PODIUM_SECURE_SSL_REDIRECT": ("1", "SECURE_SSL_REDIRECT", True),
    "PODIUM_HSTS_SECONDS": ("600", "SECURE_HSTS_SECONDS", 600),
    "PODIUM_HSTS_INCLUDE_SUBDOMAINS": ("1", "SECURE_HSTS_INCLUDE_SUBDOMAINS", True),
    "PODIUM_HSTS_PRELOAD": ("1", "SECURE_HSTS_PRELOAD", True),
    "PODIUM_SECURE_COOKIES": ("1", "SESSION_COOKIE_SECURE", True),
    "PODIUM_BEHIND_TLS_PROXY": (
        "1",
        "SECURE_PROXY_SSL_HEADER",
        ["HTTP_X_FORWARDED_PROTO", "https"],
    ),
    "PODIUM_CSRF_TRUSTED_ORIGINS": (
        "https://a.example,https://b.example",
        "CSRF_TRUSTED_ORIGINS",
        ["https://a.example", "https://b.example"],
    ),
    "PODIUM_LOCK_TIMEOUT": ("7", "DATABASES", 7),
    "PODIUM_RATE_PUBLIC_IP": ("9/m", "PODIUM_RATE_PUBLIC_IP", "9/m"),
    "PODIUM_RATE_PUBLIC_EMAIL": ("2/h", "PODIUM_RATE_PUBLIC_EMAIL", "2/h"),
    "PODIUM_LOGIN_FAILURE_LIMIT": ("7", "AXES_FAILURE_LIMIT", 7),
    "PODIUM_LOGIN_LOCKOUT_HOURS": ("2", "AXES_COOLOFF_TIME", 2.0),
    "PODIUM_CACHE_URL": ("redis://127.0.0.1:6379/4", "CACHES", "redis://127.0.0.1:6379/4"),
    "PODIUM_BRIEFS_JOB_ATTEMPTS": ("5", "PODIUM_BRIEFS_JOB_ATTEMPTS", 5),
    "PODIUM_REGISTRATION_CONFIRM_EMAIL": ("1", "PODIUM_REGISTRATION_CONFIRM_EMAIL", True),
    "PODIUM_REGISTRATION_CONFIRM_HOURS": ("2", "PODIUM_REGISTRATION_CONFIRM_HOURS", 2.0),
}
PRINT_SETTINGS = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "podium.settings"
from django.conf import settings
names = sys.argv[1:]
out = {}
for name in names:
    value = getattr(settings, name)
    if name == "DATABASES":
        value = value["default"]["OPTIONS"]["timeout"]
    elif name == "CACHES":
        value = value["default"]["LOCATION"]
    out[name] = value
print(json.dumps(out, default=list))
"""


def test_each_variable_is_read_from_the_environment(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO / "src"),
        "PODIUM_DATA_DIR": str(tmp_path),
        **{name: given for name, (given, _, _) in READ_FROM_ENVIRONMENT.items()},
    }
    names = sorted({setting for _, setting, _ in READ_FROM_ENVIRONMENT.values()})
    done = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS, *names],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    read = json.loads(done.stdout)
    for variable, (_, setting, expected) in READ_FROM_ENVIRONMENT.items():
        assert read[setting] == expected, (variable, read[setting])


def test_defaults_are_safe(tmp_path):
    """No variables: DEBUG off, a random key kept in the data folder, plain HTTP allowed."""
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO / "src"),
        "PODIUM_DATA_DIR": str(tmp_path),
    }
    names = ["DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "PODIUM_HOLIDAY_COUNTRY"]
    outputs = [
        subprocess.run(
            [sys.executable, "-c", PRINT_SETTINGS, *names],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        for _ in range(2)
    ]
    assert json.loads(outputs[0].stdout) == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "PODIUM_HOLIDAY_COUNTRY": "US",
    }
    key = (tmp_path / ".secret_key").read_text()
    assert len(key) >= 50 and (tmp_path / ".secret_key").stat().st_mode & 0o077 == 0


# --- each registration setting takes effect ------------------------------------------


@pytest.mark.django_db
def test_privacy_url_is_linked_from_the_consent_box(client, settings):
    from tests.site.registration.conftest import make_event

    event = make_event()
    url = f"/register/{event.slug}/general/"
    settings.PODIUM_PRIVACY_URL = ""
    assert 'href="https://example.org/privacy"' not in client.get(url).content.decode()
    settings.PODIUM_PRIVACY_URL = "https://example.org/privacy"
    assert '<a href="https://example.org/privacy">privacy notice</a>' in client.get(url).text


@pytest.mark.django_db
def test_manage_link_max_age_expires_links(client, settings):
    from podium.registration.domain.registration import register
    from podium.registration.domain.tokens import manage_url
    from tests.site.registration.conftest import answers, make_event

    event = make_event()
    person = register(
        event,
        event.registration_types.get(slug="general"),
        answers=answers(),
        email="a@example.org",
    )
    link = manage_url(person, absolute=False)
    assert client.get(link).status_code == 200
    settings.PODIUM_MANAGE_LINK_MAX_AGE = 1
    time.sleep(2.1)
    assert client.get(link).status_code == 404


@pytest.mark.django_db
def test_retention_days_decide_what_is_anonymised(settings):
    from podium.registration.domain.registration import register
    from podium.registration.domain.retention import anonymise_registrations
    from tests.site.registration.conftest import answers, make_event

    event = make_event()
    register(
        event,
        event.registration_types.get(slug="general"),
        answers=answers(),
        email="o@example.org",
    )
    type(event).objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=40), ends_at=None
    )
    settings.PODIUM_REGISTRATION_RETENTION_DAYS = 365
    assert anonymise_registrations(dry_run=True) == {}
    settings.PODIUM_REGISTRATION_RETENTION_DAYS = 30
    assert anonymise_registrations(dry_run=True) == {event.pk: 1}


def test_holiday_country_and_holidays_move_the_lead_time(settings):
    from podium.registration.domain.leadtime import business_days_between

    # Mon 2026-12-21 .. Mon 2026-12-28: five weekdays, Christmas (Fri) among them
    start, end = dt.date(2026, 12, 21), dt.date(2026, 12, 28)
    settings.PODIUM_HOLIDAYS = []
    settings.PODIUM_HOLIDAY_COUNTRY = ""
    assert business_days_between(start, end) == 5
    settings.PODIUM_HOLIDAY_COUNTRY = "US"
    assert business_days_between(start, end) == 4
    settings.PODIUM_HOLIDAYS = ["2026-12-24"]
    assert business_days_between(start, end) == 3
