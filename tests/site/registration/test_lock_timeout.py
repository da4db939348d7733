"""A registration that waits too long for its seat lock gets "please try again", never a hung request.

PostgreSQL: another transaction holds the registration type's row lock; the
request's ``lock_timeout`` (PODIUM_LOCK_TIMEOUT, 3 s, as pretix) ends the
wait with a 503 page. (SQLite's busy timeout is tested through the production
server in tests/site/common/test_production.py.)
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from podium.registration.domain.registration import lock_registration_type
from podium.registration.models import Registration

from .conftest import make_event
from .test_http_public import form_url, post_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def only_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (PODIUM_DB=postgres)")


def test_a_held_seat_lock_ends_in_please_try_again(client):
    event = make_event(capacity=5)
    general = event.registration_types.get(slug="general")
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock():
        try:
            with transaction.atomic():
                lock_registration_type(general)
                locked.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert locked.wait(timeout=10)
        started = time.monotonic()
        response = client.post(form_url(event), post_data())
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join()
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "please go back and send the form again" in response.content.decode()
    assert 2.5 < waited < 15
    assert not Registration.objects.exists()
    # once the lock is free the same form goes through
    assert client.post(form_url(event), post_data()).status_code == 302
