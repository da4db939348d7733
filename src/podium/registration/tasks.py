"""Background jobs of registration (Django's task framework; db, RQ or immediate backend by settings)."""

from __future__ import annotations

import logging

from django.tasks import task

log = logging.getLogger(__name__)


@task()
def send_registration_email(
    registration_id: int, kind: str, message: str = "", subject: str = "", base_url: str = ""
) -> bool:
    """Build and send one email; False when the registration is gone or anonymised.

    `base_url` is the site's address when the email was queued (links are built under it).
    """
    from podium.common.domain.urls import using_site_url
    from podium.registration.domain.notifications import build_email
    from podium.registration.models import Registration

    registration = (
        Registration.objects.select_related("event", "registration_type")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or registration.anonymised_at or not registration.email:
        return False
    with using_site_url(base_url):
        build_email(registration, kind, message=message, subject=subject).send()
    log.info("sent %s email for registration %s", kind, registration_id)
    return True


@task()
def send_accessibility_alert(registration_id: int, base_url: str = "") -> bool:
    """Email the event's accessibility contact about a registrant's request."""
    from podium.common.domain.urls import using_site_url
    from podium.registration.domain.notifications import build_accessibility_alert
    from podium.registration.models import Registration

    registration = (
        Registration.objects.select_related("event", "registration_type")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or registration.anonymised_at or not registration.accessibility_request:
        return False
    with using_site_url(base_url):
        build_accessibility_alert(registration).send()
    return True


@task()
def send_due_reminders(hours: int = 24) -> int:
    """Queue reminders for confirmed registrants of events starting within ``hours``."""
    from podium.registration.domain.reminders import queue_due_reminders

    return len(queue_due_reminders(hours=hours))


@task()
def expire_waiting_list_offers() -> int:
    """Cancel seat offers whose time is up and offer the seats to the next people waiting.

    Also cancels registrations whose email confirmation link has expired.
    """
    from podium.registration.domain.transitions import expire_offers, expire_unconfirmed

    return len(expire_offers()) + len(expire_unconfirmed())


@task()
def send_event_reminders(event_id: int, starts_at: str) -> int:
    """Scheduled from the staff UI: remind one event's confirmed registrants.

    Does nothing when the event was cancelled, has no date, or now starts at another time
    than `starts_at` (ISO, when scheduled): staff schedule again after a postponement.
    """
    import datetime as dt

    from podium.events.models import Event
    from podium.registration.domain.reminders import queue_event_reminders

    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.registration_closed or event.date_to_be_announced:
        return 0
    if event.starts_at != dt.datetime.fromisoformat(starts_at):
        log.info("reminders for event %s skipped: its start moved", event_id)
        return 0
    return len(queue_event_reminders(event))
