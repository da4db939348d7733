"""Absolute URLs for emails, calendar files and feeds: one base for the whole site.

The base is `PODIUM_SITE_URL` when set. When it is not, it is the address the
current request came to (`SiteURLMiddleware` records it in a context
variable; Django's `get_host` has already checked it against
`ALLOWED_HOSTS`), so links in emails and the event's .ics agree with the
address people actually use. Background tasks receive the base that was
current when they were queued (`current_site_url()` -> the task argument ->
`using_site_url`). Outside any request the fallback is http://127.0.0.1:8000.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from urllib.parse import urlsplit

from django.conf import settings

FALLBACK_SITE_URL = "http://127.0.0.1:8000"
_request_base: ContextVar[str] = ContextVar("podium_site_url", default="")


def current_site_url() -> str:
    """The base URL without a trailing slash: the setting, else the request's, else the fallback."""
    configured = (getattr(settings, "SITE_URL", "") or "").rstrip("/")
    return configured or _request_base.get() or FALLBACK_SITE_URL


def absolute_url(path: str) -> str:
    """`path` (starting with /) under the site's base URL."""
    return f"{current_site_url()}{path}"


def site_host() -> str:
    """The host name of the base URL (for calendar UIDs)."""
    return urlsplit(current_site_url()).hostname or "podium"


@contextlib.contextmanager
def using_site_url(base: str) -> Iterator[None]:
    """Build URLs under `base` inside the block (a task running for an earlier request)."""
    token = _request_base.set((base or "").rstrip("/"))
    try:
        yield
    finally:
        _request_base.reset(token)


class SiteURLMiddleware:
    """Remember the request's scheme and host as the site's base URL for this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_base.set(request.build_absolute_uri("/").rstrip("/"))
        try:
            return self.get_response(request)
        finally:
            _request_base.reset(token)
