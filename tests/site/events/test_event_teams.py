"""Per-event teams (pretix/pretalx style): staff limited to their events get 403 elsewhere.

Administrators see every event; events staff without the limit too.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from podium.accounts.rules import LIMITED_TO_TEAM
from tests.site.registration.conftest import make_event, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(db):
    user = make_staff("organiser")
    user.groups.add(Group.objects.get_or_create(name=LIMITED_TO_TEAM)[0])
    return user


def test_limited_staff_work_only_on_their_events(client, limited):
    mine = make_event(title="Mine")
    theirs = make_event(title="Theirs")
    mine.team.add(limited)
    client.force_login(limited)
    for name in ("staff:event_detail", "staff:event_edit", "staff:event_cancel"):
        assert client.get(reverse(name, args=[mine.slug])).status_code == 200, name
        assert client.get(reverse(name, args=[theirs.slug])).status_code == 403, name
    for name in ("list", "checkin", "types"):
        assert (
            client.get(reverse(f"registration_staff:{name}", args=[mine.slug])).status_code == 200
        )
        assert (
            client.get(reverse(f"registration_staff:{name}", args=[theirs.slug])).status_code == 403
        )
    assert client.post(reverse("staff:event_copy", args=[theirs.slug])).status_code == 403
    listing = client.get(reverse("staff:event_list")).content.decode()
    assert "Mine" in listing and "Theirs" not in listing
    dashboard = client.get(reverse("staff:dashboard")).content.decode()
    assert "Theirs" not in dashboard


def test_unlimited_staff_and_administrators_see_every_event(client, limited):
    event = make_event(title="Anyone's")
    client.force_login(make_staff("everyone"))
    assert client.get(reverse("staff:event_detail", args=[event.slug])).status_code == 200
    assert client.get(reverse("registration_staff:list", args=[event.slug])).status_code == 200
    admin = make_staff("boss")
    admin.groups.add(Group.objects.get_or_create(name=LIMITED_TO_TEAM)[0])
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    assert client.get(reverse("staff:event_detail", args=[event.slug])).status_code == 200


def test_staff_put_people_in_the_team_from_the_event_form(client, limited):
    event = make_event(title="Team up")
    client.force_login(make_staff("lead"))
    form = client.get(reverse("staff:event_edit", args=[event.slug])).content.decode()
    assert "organiser" in form
    local = event.local_start
    response = client.post(
        reverse("staff:event_edit", args=[event.slug]),
        {
            "title": event.title,
            "start_date": local.date().isoformat(),
            "start_time": local.strftime("%H:%M"),
            "time_zone": event.time_zone,
            "venue_name": event.venue_name,
            "accessibility_lead_days": 3,
            "related_suggestions": 0,
            "team": [limited.pk],
        },
    )
    assert response.status_code == 302
    assert list(event.team.all()) == [limited]
    client.force_login(limited)
    assert client.get(reverse("staff:event_detail", args=[event.slug])).status_code == 200
