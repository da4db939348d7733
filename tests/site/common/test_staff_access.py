"""Who gets into which staff page: anonymous → login, no role → 403, roles as in rules.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from podium.events.models import EventSpeaker
from tests.site.common.factories import make_event, make_person, make_publication, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects():
    event = make_event(title="Staff area event")
    person = make_person("Jane Doe")
    speaker = EventSpeaker.objects.create(event=event, person=person, role="panelist")
    publication = make_publication("A staff area publication")
    return {"event": event, "person": person, "speaker": speaker, "publication": publication}


def staff_urls(objects) -> list[str]:
    slug = objects["event"].slug
    return [
        reverse("staff:dashboard"),
        reverse("staff:event_list"),
        reverse("staff:event_create"),
        reverse("staff:event_detail", args=[slug]),
        reverse("staff:event_edit", args=[slug]),
        reverse("staff:speaker_add", args=[slug]),
        reverse("staff:speaker_edit", args=[slug, objects["speaker"].pk]),
        reverse("staff:partner_add", args=[slug]),
        reverse("staff:event_related", args=[slug]),
        reverse("staff:person_list"),
        reverse("staff:person_create"),
        reverse("staff:person_edit", args=[objects["person"].pk]),
        reverse("staff:organisation_list"),
        reverse("staff:organisation_create"),
        reverse("staff:topic_list"),
        reverse("staff:publication_list"),
        reverse("staff:publication_create"),
        reverse("staff:publication_edit", args=[objects["publication"].pk]),
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(client, objects):
    for url in staff_urls(objects):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login") + "?next="), url


def test_signed_in_users_without_a_role_get_403(client, objects):
    client.force_login(make_user())
    for url in staff_urls(objects):
        assert client.get(url).status_code == 403, url


def test_events_staff_can_open_every_staff_page(client, objects):
    client.force_login(make_user("events_staff"))
    for url in staff_urls(objects):
        assert client.get(url).status_code == 200, url


def test_editors_cannot_create_or_edit_events_but_can_edit_publications(client, objects):
    client.force_login(make_user("editor"))
    slug = objects["event"].slug
    for url in [
        reverse("staff:event_create"),
        reverse("staff:event_edit", args=[slug]),
        reverse("staff:speaker_add", args=[slug]),
        reverse("staff:partner_add", args=[slug]),
        reverse("staff:event_related", args=[slug]),
    ]:
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("staff:event_status", args=[slug]), {"action": "unpublish"})
    assert response.status_code == 403
    objects["event"].refresh_from_db()
    assert objects["event"].status == "published"
    # …but they see the event and work on publications.
    assert client.get(reverse("staff:event_detail", args=[slug])).status_code == 200
    assert client.get(reverse("staff:publication_create")).status_code == 200


def test_dashboard_offers_only_what_the_role_allows(client, objects):
    client.force_login(make_user("editor"))
    page = client.get(reverse("staff:dashboard")).text
    assert reverse("staff:event_create") not in page
    assert reverse("staff:publication_create") in page
    client.force_login(make_user("events_staff"))
    page = client.get(reverse("staff:dashboard")).text
    assert reverse("staff:event_create") in page
    assert "Staff area event" in page


def test_only_administrators_see_the_django_admin_link(client, objects):
    client.force_login(make_user("events_staff"))
    assert reverse("admin:index") not in client.get(reverse("staff:dashboard")).text
    client.force_login(make_user("administrator"))
    assert reverse("admin:index") in client.get(reverse("staff:dashboard")).text


def test_htmx_is_vendored_and_loaded_from_our_static_files(client, objects):
    path = finders.find("common/vendor/htmx-2.0.11.min.js")
    assert path and "htmx" in Path(path).read_text(encoding="utf-8")[:2000]
    page = client.get(reverse("events:list")).text
    assert '<script src="/static/common/vendor/htmx-2.0.11.min.js"' in page
    assert "unpkg" not in page and "cdn" not in page.lower()


def test_django_admin_is_for_administrators_only(client, objects):
    admin = make_user("administrator", superuser=True)
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    assert client.get(reverse("admin:events_event_changelist")).status_code == 200
    assert client.get(reverse("admin:publications_publication_changelist")).status_code == 200
    client.force_login(make_user("events_staff"))
    assert client.get(reverse("admin:events_event_changelist")).status_code == 302
