"""Capacity under concurrent submissions, on real PostgreSQL with one connection per thread.

Each thread calls ``register`` at the same moment (a barrier releases them
together); the row lock on the registration type must let exactly N through.
Run: PODIUM_DB=postgres PODIUM_DB_NAME=podium_h7 pytest -m postgres tests/site/registration
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from podium.registration.domain.errors import DuplicateRegistration
from podium.registration.domain.registration import register
from podium.registration.domain.transitions import cancel_registration
from podium.registration.models import Registration

from .conftest import answers, make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
S = Registration.Status


@pytest.fixture(autouse=True)
def only_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (PODIUM_DB=postgres)")


def run_together(count: int, work):
    """Call ``work(i)`` in ``count`` threads released at once; return results or exceptions."""
    barrier = threading.Barrier(count)

    def one(i):
        try:
            connection.ensure_connection()  # connect first, so the threads really start together
            barrier.wait(timeout=30)
            return work(i)
        except Exception as error:  # noqa: BLE001 - collected for the assertions
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def test_exactly_n_confirmed_for_n_seats():
    event = make_event(capacity=5)
    general = event.registration_types.get(slug="general")
    results = run_together(
        24, lambda i: register(event, general, answers=answers(), email=f"p{i}@example.org")
    )
    assert not [r for r in results if isinstance(r, Exception)]
    statuses = [r.status for r in Registration.objects.filter(registration_type=general)]
    assert statuses.count(S.CONFIRMED) == 5
    assert statuses.count(S.WAITLISTED) == 19
    waiting = Registration.objects.filter(status=S.WAITLISTED).order_by("waitlisted_at", "id")
    assert len({w.waitlisted_at for w in waiting}) >= 1


def test_same_email_at_once_gives_one_registration():
    event = make_event()
    general = event.registration_types.get(slug="general")
    media = event.registration_types.get(slug="media")
    results = run_together(
        12,
        lambda i: register(
            event,
            general if i % 2 else media,
            answers=answers(
                outlet="W", media_role="Reporter", press_credential_url="https://w.example"
            ),
            email=" Same@Example.org " if i % 3 else "same@example.org",
        ),
    )
    created = [r for r in results if isinstance(r, Registration)]
    refused = [r for r in results if isinstance(r, DuplicateRegistration)]
    assert len(created) == 1 and len(refused) == 11
    assert Registration.objects.filter(event=event).count() == 1


def test_concurrent_cancellations_promote_each_waiting_person_once():
    event = make_event(capacity=4)
    general = event.registration_types.get(slug="general")
    people = [
        register(event, general, answers=answers(), email=f"p{i}@example.org") for i in range(10)
    ]
    confirmed, waiting = people[:4], people[4:]
    run_together(4, lambda i: cancel_registration(confirmed[i]))
    statuses = {r.email: r.status for r in Registration.objects.filter(event=event)}
    # Each freed seat is offered (held) to one waiting person, in order.
    assert [statuses[p.email] for p in waiting] == [S.OFFERED] * 4 + [S.WAITLISTED] * 2
    assert list(statuses.values()).count(S.OFFERED) == 4
