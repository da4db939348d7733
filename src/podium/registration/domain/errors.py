"""Why a registration action was refused: each error carries a message fit to show the person."""

from __future__ import annotations

from podium.common.domain.transitions import TransitionError


class RegistrationError(Exception):
    """Base class; ``str(error)`` is the sentence shown to the registrant or staff member."""

    field: str | None = None


class RegistrationClosed(RegistrationError):
    pass


class RegistrationFull(RegistrationError):
    pass


class ConsentRequired(RegistrationError):
    field = "privacy_consent"


class InvalidAccessCode(RegistrationError):
    field = "access_code"


class DuplicateRegistration(RegistrationError):
    """The email already holds an active registration for this event."""

    field = "email"

    def __init__(self, message: str, *, existing=None):
        super().__init__(message)
        self.existing = existing


class InvalidTransition(RegistrationError, TransitionError):
    """E.g. approving a registration that is not pending, or checking in a cancelled one."""


class OfferExpired(RegistrationError):
    """The seat offered from the waiting list was not confirmed in time."""
