"""Rate limits on the public forms (registration, cancel, resend link), by client address and by email.

django-ratelimit counts in Django's cache (a file cache shared by the server
processes of one machine, or Redis with PODIUM_CACHE_URL). Every public form
shares two budgets: one per client address (``PODIUM_RATE_PUBLIC_IP``) and one
per email address (``PODIUM_RATE_PUBLIC_EMAIL``), so a register -> cancel loop
cannot fill someone's inbox, and invitation codes cannot be guessed quickly.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

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


def public_form_throttled(request: HttpRequest, *, email: str = "") -> bool:
    """Count this POST against its address and its email; True when either budget is spent."""
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
