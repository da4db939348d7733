"""``manage.py close_past_events``: move events that have ended to the "past" state.

Pages already treat an ended event as past; the state makes it explicit in
staff lists and closes registration for good. Run it hourly (or from the worker).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from podium.events.domain.transitions import close_past_events


class Command(BaseCommand):
    help = "Move published, postponed and cancelled events that have ended to the past state."

    def handle(self, *args, **options):
        moved = close_past_events()
        self.stdout.write(f"{len(moved)} event(s) moved to past.")
