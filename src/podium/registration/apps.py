"""App config of registration: types, forms, registrations, check-in (see docs/registration.md)."""

from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "podium.registration"
    label = "registration"
