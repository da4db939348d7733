"""The one staff guard (`podium.common.views.staff.staff_view`), through HTTP on real staff pages."""

from __future__ import annotations

import pytest
import rules
from django.urls import reverse

from tests.site.common.factories import make_event, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_one_event_editable():
    """Swap `events.change_event` for a predicate that allows one event only (what a team will do)."""
    original = rules.permissions.permissions["events.change_event"]

    @rules.predicate
    def on_the_allowed_event(user, event=None) -> bool:
        return event is not None and event.slug == "the-allowed-event"

    rules.set_perm("events.change_event", on_the_allowed_event)
    yield
    rules.set_perm("events.change_event", original)


def test_the_event_comes_from_the_url_and_reaches_the_view(client):
    event = make_event(title="Water in Coastal Cities")
    client.force_login(make_user("events_staff"))
    page = client.get(reverse("staff:event_edit", args=[event.slug]))
    assert page.status_code == 200
    assert page.context["event"] == event
    assert "Water in Coastal Cities" in page.content.decode()


def test_a_staff_member_without_the_permission_gets_403(client):
    event = make_event()
    client.force_login(make_user("editor"))  # staff, but editors may not change events
    assert client.get(reverse("staff:event_edit", args=[event.slug])).status_code == 403
    # The same guard on another app's event page: registrations are events staff's business.
    assert client.get(f"/staff/events/{event.slug}/registrations/").status_code == 403


def test_an_account_without_a_staff_role_gets_403_and_anonymous_goes_to_login(client):
    event = make_event()
    url = reverse("staff:event_edit", args=[event.slug])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(make_user(None))
    assert client.get(url).status_code == 403


def test_an_unknown_event_is_404_for_someone_allowed(client):
    client.force_login(make_user("administrator"))
    assert client.get(reverse("staff:event_edit", args=["no-such-event"])).status_code == 404


def test_the_permission_is_checked_against_the_event_of_the_url(client, only_one_event_editable):
    allowed = make_event(title="The allowed event")
    allowed.slug = "the-allowed-event"
    allowed.save(update_fields=["slug"])
    other = make_event(title="Another event")
    client.force_login(make_user("events_staff"))
    assert client.get(reverse("staff:event_edit", args=[allowed.slug])).status_code == 200
    assert client.get(reverse("staff:event_edit", args=[other.slug])).status_code == 403
