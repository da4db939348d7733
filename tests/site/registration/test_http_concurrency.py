"""End to end on SQLite: concurrent registrations over real HTTP to two server processes.

Uses the benchmark's scenario (a file database, two ``runserver`` processes on
127.0.0.1, client threads) at a small size: exactly the seats are confirmed,
everyone else is waiting, no request fails. SQLite's IMMEDIATE transactions
are what serialise the writers here (the PostgreSQL row lock is tested in
test_concurrency.py).
"""

from __future__ import annotations

import pytest
from benchmarks.registration.__main__ import passed, run_scenario

pytestmark = pytest.mark.slow


def test_sqlite_http_never_oversells():
    row = run_scenario("sqlite", attempts=40, seats=8, clients=10)
    assert (row["confirmed"], row["waitlisted"], row["errors"]) == (8, 32, 0), row
    assert passed(row)
