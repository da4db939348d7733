"""Fixtures for every site test: a fresh in-memory cache per test, and the settings the
site-wide browser tests share (accessibility audit, keyboard journeys).

The rate limits (django-ratelimit) and login lock-outs count in the cache;
each test starts from zero so one test's registrations never throttle another.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    from django.core.cache import cache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def browser_site(settings, tmp_path):
    """Settings for a live server driven by Chromium: media in tmp, tasks and mail in-process."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
