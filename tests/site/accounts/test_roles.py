"""Roles and permissions (accounts/rules.py, accounts/domain/roles.py) and signing in."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse

from podium.accounts import rules as r
from podium.accounts.domain.roles import assign_role, ensure_groups, roles_of
from tests.site.common.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_ensure_groups_creates_the_three_role_groups_once():
    ensure_groups()
    ensure_groups()
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(r.ROLE_GROUPS)


def test_assign_role_is_idempotent_and_rejects_unknown_roles():
    user = make_user()
    assign_role(user, role="editor")
    assign_role(user, role="editor")
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert roles_of(user) == ["editor"]
    with pytest.raises(ValueError, match="unknown role"):
        assign_role(user, role="janitor")


def test_superuser_counts_as_administrator():
    user = make_user(superuser=True)
    assert r.is_administrator(user)
    assert r.is_staff_member(user)
    assert roles_of(user) == ["administrator"]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (None, set()),
        (
            "editor",
            {
                "accounts.access_staff_area",
                "briefs.publish_brief",
                "publications.change_publication",
            },
        ),
        (
            "events_staff",
            {
                "accounts.access_staff_area",
                "events.change_event",
                "events.publish_event",
                "registration.manage_registrations",
                "publications.change_publication",
            },
        ),
        (
            "administrator",
            {
                "accounts.access_staff_area",
                "accounts.manage_accounts",
                "events.change_event",
                "events.publish_event",
                "briefs.publish_brief",
                "registration.manage_registrations",
                "publications.change_publication",
            },
        ),
    ],
)
def test_permission_matrix(role, allowed):
    user = make_user(role)
    checked = {
        "accounts.access_staff_area",
        "accounts.manage_accounts",
        "events.change_event",
        "events.publish_event",
        "briefs.publish_brief",
        "registration.manage_registrations",
        "publications.change_publication",
    }
    granted = {perm for perm in checked if user.has_perm(perm)}
    assert granted == allowed


def test_anonymous_and_inactive_users_have_no_role():
    assert not r.is_staff_member(AnonymousUser())
    user = make_user("administrator")
    user.is_active = False
    user.save()
    assert not user.has_perm("accounts.access_staff_area")


def test_login_redirects_staff_to_the_dashboard(client):
    make_user("editor", username="eve")
    response = client.post(reverse("accounts:login"), {"username": "eve", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:dashboard")
    dashboard = client.get(response["Location"])
    assert dashboard.status_code == 200
    assert "Signed in as" in dashboard.text and "eve" in dashboard.text
    assert "role: Editor" in dashboard.text


def test_wrong_password_is_refused_with_a_message(client):
    make_user("editor", username="eve")
    response = client.post(reverse("accounts:login"), {"username": "eve", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text
    assert not response.wsgi_request.user.is_authenticated


def test_logout_is_a_post_and_ends_the_session(client):
    user = make_user("editor")
    client.force_login(user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("staff:dashboard")).status_code == 302
