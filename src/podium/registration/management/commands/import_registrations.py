"""``podium manage import_registrations EVENT FILE.csv --type general [--notify] [--dry-run] [--by USER]``.

Reads a CSV (one registrant per row, columns named like the form's questions),
checks every row with the website's form, and registers them through
``register``. Exit codes: 0 all imported, 1 some rows skipped (duplicates,
full without a waiting list), 2 bad input (nothing imported).
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from podium.events.models import Event
from podium.registration.domain.imports import import_registrations, read_rows
from podium.registration.models import RegistrationType


class Command(BaseCommand):
    help = "Import registrations from a CSV file through the same rules as the website."

    def add_arguments(self, parser):
        parser.add_argument("event", help="event slug")
        parser.add_argument("file", type=Path, help="UTF-8 CSV with a header row")
        parser.add_argument(
            "--type", default="general", help="registration type slug (default general)"
        )
        parser.add_argument("--notify", action="store_true", help="email each imported person")
        parser.add_argument("--dry-run", action="store_true", help="check the file, import nothing")
        parser.add_argument(
            "--by", default="", help="username recorded as the importer (default: an administrator)"
        )

    def fail(self, message: str) -> None:
        self.stderr.write(self.style.ERROR(message))
        raise SystemExit(2)

    def handle(
        self,
        *args,
        event: str,
        file: Path,
        type: str,
        notify: bool,
        dry_run: bool,
        by: str,
        **options,
    ):
        found = Event.objects.filter(slug=event).first()
        if found is None:
            self.fail(f"{file}: no event with the slug {event!r}")
        rtype = RegistrationType.objects.filter(event=found, slug=type).first()
        if rtype is None:
            slugs = ", ".join(
                RegistrationType.objects.filter(event=found).values_list("slug", flat=True)
            )
            self.fail(
                f"{file}: event {event!r} has no registration type {type!r} (it has: {slugs or 'none'})"
            )
        users = get_user_model().objects.filter(is_active=True)
        actor = (
            users.filter(username=by).first()
            if by
            else users.filter(is_superuser=True).order_by("id").first()
        )
        if actor is None:
            self.fail(
                f"no user {by!r} to record as the importer"
                if by
                else "no administrator account to record as the importer; pass --by"
            )
        try:
            rows = read_rows(file)
        except (OSError, UnicodeDecodeError) as error:
            self.fail(f"{file}: cannot read: {error}")
        result = import_registrations(
            found, rtype, rows, actor=actor, notify=notify, dry_run=dry_run
        )
        for problem in result.invalid:
            self.stderr.write(self.style.ERROR(f"{file}:{problem}"))
        if result.invalid:
            self.fail(f"{file}: {len(result.invalid)} problem(s); nothing imported")
        for problem in result.skipped:
            self.stderr.write(self.style.WARNING(f"{file}:{problem}"))
        if dry_run:
            self.stdout.write(f"{file}: {len(rows)} row(s) are valid (dry run, nothing imported).")
            return
        statuses = {}
        for registration in result.created:
            statuses[registration.status] = statuses.get(registration.status, 0) + 1
        summary = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) or "none"
        self.stdout.write(
            f"{file}: imported {len(result.created)} ({summary}); skipped {len(result.skipped)}."
        )
        if result.skipped:
            raise SystemExit(1)
