"""Safe editorial actions through HTTP: stale forms are refused, Apply is idempotent and mechanical,
publishing needs an approved version, and the public disclosure says what was overridden."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from podium.briefs.domain.content import load_brief
from podium.briefs.models import Brief
from tests.site.briefs.conftest import make_user
from tests.site.briefs.test_views import staff_url

pytestmark = pytest.mark.django_db

STALE = "This brief changed since you opened it (version 2 by Ada Lovelace); reload to see it."


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_version(html: str) -> int:
    """The version number every state-changing form on the review page was made from."""
    numbers = set(re.findall(r'name="version" value="(\d+)"', html))
    assert len(numbers) == 1, numbers
    return int(numbers.pop())


def test_a_second_editor_acting_on_an_old_version_is_refused_and_nothing_changes(reviewed_brief):
    event = reviewed_brief.event
    ada = make_user("editor", "ada")
    ada.first_name, ada.last_name = "Ada", "Lovelace"
    ada.save()
    first, second = signed_in(ada), signed_in(make_user("editor", "bob"))
    seen_by_second = form_version(second.get(staff_url("review", event)).content.decode())
    assert seen_by_second == 1

    first.post(
        staff_url("section_edit", event, number=2),
        {
            "title": "Who Pays First",
            "start": "",
            "speaker": "Amara Okafor",
            "summary": "\n\n".join(load_brief(reviewed_brief.current_version).section(2).summary),
            "version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    reviewed_brief.refresh_from_db()
    assert reviewed_brief.current_version.number == 2

    edit = second.post(
        staff_url("section_edit", event, number=1),
        {
            "title": "Something Else",
            "start": "",
            "speaker": "David Chen",
            "summary": "David Chen spoke.",
            "version": seen_by_second,
        },
        HTTP_HX_REQUEST="true",
    )
    assert edit.status_code == 409 and edit.content.decode() == STALE
    for name, kwargs in (("approve", {}), ("publish", {}), ("restore", {"number": 1})):
        page = second.post(
            staff_url(name, event, **kwargs), {"version": seen_by_second}, follow=True
        )
        assert page.status_code == 200 and STALE in page.content.decode(), name
    missing = second.post(staff_url("publish", event), follow=True)
    assert "This brief changed since you opened it" in missing.content.decode()

    reviewed_brief.refresh_from_db()
    assert reviewed_brief.versions.count() == 2
    assert reviewed_brief.status == Brief.Status.IN_REVIEW
    assert reviewed_brief.published_version is None and reviewed_brief.approved_by is None
    assert load_brief(reviewed_brief.current_version).section(1).title == "Salt in the Aquifers"
    assert form_version(second.get(staff_url("review", event)).content.decode()) == 2
