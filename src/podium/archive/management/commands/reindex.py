"""`podium manage reindex`: rebuild the archive's passages of every event from scratch."""

from django.core.management.base import BaseCommand

from podium.archive.domain.indexing import reindex_all


class Command(BaseCommand):
    help = (
        "Rebuild the archive (search index and vectors) of every event with a transcript or brief."
    )

    def handle(self, *args, **options) -> None:
        counts = reindex_all(stdout=self.stdout)
        self.stdout.write(
            f"indexed {counts['passages']} passages of {counts['events']} events "
            f"({counts['removed']} stale passages removed)"
        )
