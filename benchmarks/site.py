"""Site speed: public pages and related-publication ranking at archive scale.

``python -m benchmarks.site`` builds a fresh SQLite database in a temporary
folder, loads the site's demo content, adds `PUBLICATIONS` publications (their
embeddings computed in one batch, as `refresh_embeddings` does for imports),
then times the pages a visitor opens through Django's test client (no network):
median and 95th percentile over `REPEAT` requests, and the number of SQL
queries per page. It prints one table; it exits 1 if an event page takes
longer than `TARGET_MS` at the median.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

PUBLICATIONS = 1000
REPEAT = 30
TARGET_MS = 300.0


def _timed(client, url: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(queries)


def main() -> int:
    workdir = tempfile.mkdtemp(prefix="podium-bench-site-")
    os.environ.update(
        PODIUM_DATA_DIR=workdir, PODIUM_DB="sqlite", DJANGO_SETTINGS_MODULE="podium.settings"
    )
    os.environ.pop("PODIUM_DB_PATH", None)
    import django

    django.setup()
    import logging

    logging.getLogger("podium").setLevel(logging.WARNING)
    from datetime import date, timedelta

    from django.core.management import call_command
    from django.test import Client

    from podium.common.domain.embeddings import refresh_embeddings
    from podium.demo import SEED_AFTER_SLUG, SEED_BEFORE_SLUG
    from podium.demo.load import load_demo
    from podium.publications.domain.publications import publication_text
    from podium.publications.models import Publication

    call_command("migrate", verbosity=0)
    load_demo(other_apps=False)
    subjects = [
        "nuclear deterrence",
        "trade policy",
        "public health",
        "education funding",
        "climate adaptation",
        "alliances in Asia",
        "water security",
        "elections",
        "migration",
        "cyber security",
    ]
    rows = [
        Publication(
            title=f"Report {i}: {subjects[i % len(subjects)]}",
            slug=f"bench-report-{i}",
            status=Publication.Status.PUBLISHED,
            kind=Publication.Kind.REPORT,
            published_on=date(2020, 1, 1) + timedelta(days=i),
            summary=f"An analysis of {subjects[i % len(subjects)]} and what policy makers can do, number {i}.",
        )
        for i in range(PUBLICATIONS)
    ]
    Publication.objects.bulk_create(rows)
    rows = list(Publication.objects.filter(slug__startswith="bench-report-"))
    started = time.perf_counter()
    refresh_embeddings(rows, texts=[publication_text(p) for p in rows])
    embed_s = time.perf_counter() - started

    client = Client()
    pages = [
        ("event page, before (2 chosen, no suggestions)", f"/events/{SEED_BEFORE_SLUG}/"),
        (f"event page, after (3 suggested from {PUBLICATIONS + 2})", f"/events/{SEED_AFTER_SLUG}/"),
        ("calendar file", f"/events/{SEED_BEFORE_SLUG}/calendar.ics"),
        ("event listing", "/"),
        ("publication listing (page 1 of 50)", "/publications/"),
        ("publication listing, filtered", "/publications/?kind=report&year=2021"),
        ("events RSS", "/events/feed/"),
    ]
    print(
        f"{PUBLICATIONS} publications embedded in {embed_s:.1f} s ({PUBLICATIONS / embed_s:.0f}/s)"
    )
    print(f"{'page':52} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    worst_event = 0.0
    for name, url in pages:
        median, p95, queries = _timed(client, url)
        if url.startswith("/events/") and url.endswith("/") and "feed" not in url:
            worst_event = max(worst_event, median)
        print(f"{name:52} {median:10.1f} {p95:8.1f} {queries:8d}")
    ok = worst_event <= TARGET_MS
    print(
        f"target: event page median <= {TARGET_MS:.0f} ms: {'ok' if ok else 'MISSED'} ({worst_event:.1f} ms)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
