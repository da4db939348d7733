"""Private manage links: a signed token (django.core.signing) naming the registration.

The token holds the registration id and its ``manage_nonce``; changing the
nonce revokes every earlier link. Tokens expire after
``settings.PODIUM_MANAGE_LINK_MAX_AGE`` seconds (default 400 days).

Email confirmation links (PODIUM_REGISTRATION_CONFIRM_EMAIL) are signed the
same way with their own salt, and expire after PODIUM_REGISTRATION_CONFIRM_HOURS.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing

from podium.common.domain.urls import absolute_url

SALT = "podium.registration.manage"
CONFIRM_SALT = "podium.registration.confirm"
DEFAULT_MAX_AGE = 400 * 24 * 3600


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def _sign(registration, salt: str) -> str:
    return signing.dumps(
        {"r": registration.pk, "n": registration.manage_nonce}, salt=salt, compress=True
    )


def _registration_from(token: str, *, salt: str, max_age: float):
    """The registration a token signed with `salt` names, or None when forged, expired,
    revoked (the nonce changed) or anonymised."""
    from podium.registration.models import Registration

    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        return None
    registration = (
        Registration.objects.select_related("event", "registration_type")
        .filter(pk=data["r"])
        .first()
    )
    if registration is None or not secrets.compare_digest(
        registration.manage_nonce, str(data.get("n", ""))
    ):
        return None
    if registration.anonymised_at:
        return None
    return registration


def make_manage_token(registration) -> str:
    return _sign(registration, SALT)


def registration_from_token(token: str):
    """The registration a manage link names, or None when forged, expired or revoked."""
    max_age = getattr(settings, "PODIUM_MANAGE_LINK_MAX_AGE", DEFAULT_MAX_AGE)
    return _registration_from(token, salt=SALT, max_age=max_age)


def manage_url(registration, *, absolute: bool = True) -> str:
    from django.urls import reverse

    path = reverse("registration:manage", kwargs={"token": make_manage_token(registration)})
    return absolute_url(path) if absolute else path


def confirm_max_age() -> float:
    return float(getattr(settings, "PODIUM_REGISTRATION_CONFIRM_HOURS", 24)) * 3600


def make_confirm_token(registration) -> str:
    return _sign(registration, CONFIRM_SALT)


def registration_from_confirm_token(token: str):
    """The registration a confirmation link names, or None when forged, expired or revoked."""
    return _registration_from(token, salt=CONFIRM_SALT, max_age=confirm_max_age())


def confirm_url(registration) -> str:
    from django.urls import reverse

    path = reverse("registration:confirm", kwargs={"token": make_confirm_token(registration)})
    return absolute_url(path)
