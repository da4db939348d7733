"""``manage.py send_reminders [--hours N]``: queue reminder emails for events starting soon.

Run it from cron (e.g. hourly); each confirmed registrant gets one reminder.
The same job is available as the task ``podium.registration.tasks.send_due_reminders``.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from podium.registration.domain.reminders import queue_due_reminders


class Command(BaseCommand):
    help = "Queue reminder emails to confirmed registrants of events starting within N hours."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="look-ahead window in hours (default 24)"
        )

    def handle(self, *args, hours: int, **options):
        if hours <= 0:
            self.stderr.write(self.style.ERROR("--hours must be a positive number of hours"))
            raise SystemExit(2)
        queued = queue_due_reminders(hours=hours)
        self.stdout.write(
            f"Queued {len(queued)} reminder(s) for events starting in the next {hours} hours."
        )
