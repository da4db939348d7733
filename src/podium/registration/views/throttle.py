"""Rate limits on the public forms (registration, cancel, resend link), by client address and by email.

With Redis as the cache (PODIUM_CACHE_URL) both counters are fixed-window
INCR + EXPIRE in one round trip, a Lua script (about 0.2 ms of CPU instead of
the 1.5-2 ms of four cache calls through django-ratelimit); otherwise
django-ratelimit counts in Django's cache (a file cache shared by the server
processes of one machine). Every public form
shares two budgets: one per client address (``PODIUM_RATE_PUBLIC_IP``) and one
per email address (``PODIUM_RATE_PUBLIC_EMAIL``), so a register -> cancel loop
cannot fill someone's inbox, and invitation codes cannot be guessed quickly.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django_ratelimit.core import _split_rate, is_ratelimited

from podium.registration.domain.registration import normalise_email


def client_address(request: HttpRequest) -> str:
    """The client's address: X-Real-IP from the TLS proxy when behind one, else the peer's."""
    if getattr(settings, "BEHIND_TLS_PROXY", False):
        given = request.META.get("HTTP_X_REAL_IP", "").strip()
        try:
            return str(ipaddress.ip_address(given))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


# Each KEYS[i] is one fixed-window counter; ARGV[i] its lifetime in seconds. One INCR per
# counter; the lifetime is set when the window's counter is created (keys name their window).
COUNT_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('INCR', key)
  if counts[i] == 1 then redis.call('EXPIRE', key, ARGV[i]) end
end
return counts
"""
_SCRIPT: list = []  # [(connection pool, registered script)]: one per process and cache


def _redis_counter():
    """The counting script registered on a client of Django's Redis cache's connection pool
    (made once: Django builds a new client object on every cache call), or None for another
    cache."""
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    pool = backend._cache._get_connection_pool(True)
    if not _SCRIPT or _SCRIPT[0][0] is not pool:
        client = backend._cache.get_client(write=True)
        _SCRIPT[:] = [(pool, client.register_script(COUNT_SCRIPT))]
    return _SCRIPT[0][1]


def _redis_throttled(script, budgets: list[tuple[str, str, str]]) -> bool:
    """Count one hit on each (group, value, rate) fixed window in one round trip (the Lua
    script, run by EVALSHA: cheaper for this process than a pipeline); True if any is over."""
    now = int(time.time())
    keys, lifetimes, limits = [], [], []
    for group, value, rate in budgets:
        count, period = _split_rate(rate)
        window = now - now % period
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        keys.append(caches["default"].make_key(f"podium-rl:{group}:{digest}:{window}"))
        lifetimes.append(period + 1)
        limits.append(count)
    counts = script(keys=keys, args=lifetimes)
    return any(hits > limit for hits, limit in zip(counts, limits, strict=True))


def public_form_throttled(request: HttpRequest, *, email: str = "") -> bool:
    """Count this POST against its address and its email; True when either budget is spent."""
    counter = _redis_counter()
    if counter is not None:
        budgets = [("public-form:address", client_address(request), settings.PODIUM_RATE_PUBLIC_IP)]
        if normalise_email(email):
            budgets.append(
                ("public-form:email", normalise_email(email), settings.PODIUM_RATE_PUBLIC_EMAIL)
            )
        return _redis_throttled(counter, budgets)
    by_address = is_ratelimited(
        request,
        group="public-form:address",
        key="ip",
        rate=settings.PODIUM_RATE_PUBLIC_IP,
        method=is_ratelimited.ALL,
        increment=True,
    )
    email = normalise_email(email)
    by_email = bool(email) and is_ratelimited(
        request,
        group="public-form:email",
        key=lambda group, request: email,
        rate=settings.PODIUM_RATE_PUBLIC_EMAIL,
        method=is_ratelimited.ALL,
        increment=True,
    )
    return by_address or by_email
