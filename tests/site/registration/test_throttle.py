"""Rate limits on the public forms (django-ratelimit): per client address and per email, a 429 page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from podium.registration.models import Registration

from .conftest import emailed_manage_path, make_event
from .test_http_public import form_url, post_data

pytestmark = pytest.mark.django_db


def test_register_cancel_loop_cannot_flood_an_inbox(client, committed, settings):
    """Twenty register -> cancel rounds for one address: at most PODIUM_RATE_PUBLIC_EMAIL emails."""
    event = make_event()
    statuses = []
    for _ in range(20):
        with committed():
            response = client.post(form_url(event), post_data(q_email="victim@example.org"))
        statuses.append(response.status_code)
        if response.status_code != 302:
            continue
        cancel = emailed_manage_path(mail.outbox[-1]) + "cancel/"
        with committed():
            statuses.append(client.post(cancel).status_code)
    to_victim = [m for m in mail.outbox if m.to == ["victim@example.org"]]
    allowed = int(settings.PODIUM_RATE_PUBLIC_EMAIL.split("/")[0])
    assert len(to_victim) <= allowed
    assert statuses.count(429) >= 15
    refused = client.post(form_url(event), post_data(q_email="victim@example.org"))
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "Too many attempts" in refused.content.decode()


def test_one_address_is_limited_and_another_is_not(client, settings):
    settings.PODIUM_RATE_PUBLIC_IP = "3/m"
    event = make_event()
    codes = [
        client.post(form_url(event), post_data(q_email=f"p{i}@example.org")).status_code
        for i in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    other = client.post(
        form_url(event), post_data(q_email="q@example.org"), REMOTE_ADDR="198.51.100.4"
    )
    assert other.status_code == 302


def test_invitation_codes_cannot_be_guessed_quickly(client, settings):
    settings.PODIUM_RATE_PUBLIC_IP = "5/m"
    event = make_event()
    event.registration_types.filter(slug="general").update(access_code="ROUNDTABLE")
    guesses = [
        client.post(
            form_url(event), post_data(q_email=f"g{i}@example.org", access_code=f"GUESS{i}")
        ).status_code
        for i in range(5)
    ]
    assert guesses == [400] * 5
    right = client.post(form_url(event), post_data(access_code="ROUNDTABLE"))
    assert right.status_code == 429 and not Registration.objects.exists()


def test_resend_link_is_limited_per_email(client, settings):
    settings.PODIUM_RATE_PUBLIC_EMAIL = "2/h"
    event = make_event()
    url = reverse("registration:resend_link", args=[event.slug])
    codes = [client.post(url, {"email": "Someone@Example.org"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


@pytest.fixture
def redis_cache(settings):
    """Django's Redis cache (PODIUM_REDIS_URL, else the local server's db 9), under a key
    prefix of its own so that other runs' counters never mix with this test's."""
    import os
    import uuid

    url = os.environ.get("PODIUM_REDIS_URL", "redis://127.0.0.1:6379/9")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    from django.core.cache import caches

    yield caches["default"]._cache.get_client(write=True)


def test_with_redis_one_round_trip_counts_address_and_email(client, settings, redis_cache):
    settings.PODIUM_RATE_PUBLIC_IP = "3/h"
    settings.PODIUM_RATE_PUBLIC_EMAIL = "2/h"
    event = make_event()
    codes = [
        client.post(form_url(event), post_data(q_email=f"p{i}@example.org")).status_code
        for i in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    other = "198.51.100.4"
    same_email = [
        client.post(
            form_url(event), post_data(q_email="Twice@Example.org"), REMOTE_ADDR=other
        ).status_code
        for _ in range(3)
    ]
    assert same_email == [302, 302, 429]  # the second is a duplicate: same answer, counted too
    from django.core.cache import caches

    keys = redis_cache.keys(caches["default"].make_key("podium-rl:*"))
    # one counter per address (2) and per email (p0-p3 and twice@example.org: 5), even refused ones
    assert len(keys) == 7
    assert all(0 < redis_cache.ttl(key) <= 3601 for key in keys)
