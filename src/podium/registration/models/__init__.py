"""Registration tables: types with their forms, registrations, and the audit log."""

from podium.registration.models.audit import AuditEntry
from podium.registration.models.form import FormSection, Question
from podium.registration.models.registration import Registration
from podium.registration.models.registration_type import (
    RegistrationSetupTemplate,
    RegistrationType,
)

__all__ = [
    "AuditEntry",
    "FormSection",
    "Question",
    "Registration",
    "RegistrationSetupTemplate",
    "RegistrationType",
]
