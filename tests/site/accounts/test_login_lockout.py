"""Staff sign-in is locked after repeated failures (django-axes), even for the right password."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_fifty_wrong_passwords_then_the_right_one_is_refused(client, settings):
    User.objects.create_user("boss", "boss@example.org", "the right password")
    answers = [
        client.post(LOGIN, {"username": "boss", "password": f"guess {i}"}) for i in range(50)
    ]
    limit = settings.AXES_FAILURE_LIMIT
    assert [r.status_code for r in answers[: limit - 1]] == [200] * (limit - 1)  # form again
    assert {r.status_code for r in answers[limit:]} == {429}
    right = client.post(LOGIN, {"username": "boss", "password": "the right password"})
    assert right.status_code == 429
    page = right.content.decode()
    assert "Sign-in locked" in page and "even with the right password" in page
    assert "_auth_user_id" not in client.session
    # another address is not locked out of the same account
    elsewhere = client.post(
        LOGIN,
        {"username": "boss", "password": "the right password"},
        REMOTE_ADDR="198.51.100.9",
    )
    assert elsewhere.status_code == 302


def test_the_failure_limit_is_a_setting(client, settings):
    User.objects.create_user("boss", "boss@example.org", "the right password")
    settings.AXES_FAILURE_LIMIT = 2
    statuses = [
        client.post(LOGIN, {"username": "boss", "password": "wrong"}).status_code for _ in range(3)
    ]
    assert statuses == [200, 429, 429]
