"""Fixtures for every site test: a fresh in-memory cache per test.

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
