"""``manage.py anonymise_registrations [--days N] [--dry-run]``: data retention.

Erases registrants' personal data N days after their event ended (default
``settings.PODIUM_REGISTRATION_RETENTION_DAYS``, 365) and keeps the counts.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from podium.registration.domain.retention import anonymise_registrations, default_retention_days


class Command(BaseCommand):
    help = "Anonymise registrations of events that ended more than N days ago (counts are kept)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"days after the event (default {default_retention_days()})",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="only report what would be anonymised"
        )

    def handle(self, *args, days: int | None, dry_run: bool, **options):
        if days is not None and days < 0:
            self.stderr.write(self.style.ERROR("--days must be zero or more"))
            raise SystemExit(2)
        done = anonymise_registrations(days=days, dry_run=dry_run)
        total = sum(done.values())
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(f"{verb} {total} registration(s) of {len(done)} event(s).")
