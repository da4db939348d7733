"""App config of registration: types, forms, registrations, check-in (see docs/registration.md)."""

from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "podium.registration"
    label = "registration"

    def ready(self) -> None:
        from podium.events.domain.events import event_created
        from podium.events.domain.transitions import event_state_changed
        from podium.registration.domain.lifecycle import on_event_state_changed
        from podium.registration.domain.setup import on_event_created

        event_state_changed.connect(on_event_state_changed, dispatch_uid="registration.lifecycle")
        event_created.connect(on_event_created, dispatch_uid="registration.setup")
