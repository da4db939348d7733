"""``manage.py expire_offers``: end seat offers from the waiting list whose time is up.

Each expired offer is cancelled (the person is emailed) and the seat is offered
to the next person waiting. Registrations whose email was never confirmed
(PODIUM_REGISTRATION_CONFIRM_EMAIL) are cancelled once their link has expired.
Run it every few minutes from cron, or let the worker run the task
``podium.registration.tasks.expire_waiting_list_offers``.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from podium.registration.domain.transitions import expire_offers, expire_unconfirmed


class Command(BaseCommand):
    help = (
        "Cancel waiting-list seat offers that were not confirmed in time; offer the seats onwards."
    )

    def handle(self, *args, **options):
        expired = expire_offers()
        self.stdout.write(f"{len(expired)} offer(s) expired.")
        unconfirmed = expire_unconfirmed()
        if unconfirmed:
            self.stdout.write(f"{len(unconfirmed)} unconfirmed registration(s) expired.")
