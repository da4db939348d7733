"""Events staff build an event page from scratch over HTTP; editors may not."""

from __future__ import annotations

import datetime as dt
import io
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from podium.events.models import Event, EventPartner, EventSpeaker, Person
from tests.site.common.factories import make_event, make_person, make_user

pytestmark = pytest.mark.django_db


def event_form(**overrides) -> dict:
    data = {
        "title": "Deterrence After the Party Congress",
        "summary": "A panel on deterrence.",
        "description": "First paragraph.\n\nSecond paragraph.",
        "start_date": "2027-03-09",
        "start_time": "18:30",
        "end_time": "20:00",
        "time_zone": "America/New_York",
        "venue_name": "The Korea Society",
        "venue_address": "350 Madison Avenue, 24th Floor\nNew York, NY 10017",
        "accessibility_email": "events@example.org",
        "accessibility_lead_days": "3",
        "related_suggestions": "3",
    }
    data.update(overrides)
    return data


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 18), (19, 41, 75)).save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def staff_client():
    staff = Client()
    staff.force_login(make_user("events_staff"))
    return staff


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_events_staff_build_and_publish_an_event(staff_client, client):
    response = staff_client.post(reverse("staff:event_create"), event_form())
    assert response.status_code == 302
    event = Event.objects.get(title="Deterrence After the Party Congress")
    assert event.status == Event.Status.DRAFT
    # The local time in the event's zone is stored as the right instant.
    assert event.starts_at == dt.datetime(2027, 3, 9, 23, 30, tzinfo=dt.UTC)
    assert event.ends_at == dt.datetime(2027, 3, 10, 1, 0, tzinfo=dt.UTC)
    assert client.get(event.get_absolute_url()).status_code == 404

    response = staff_client.post(
        reverse("staff:speaker_add", args=[event.slug]),
        {
            "new_name": "Ankit Panda",
            "new_title": "Stanton Senior Fellow",
            "new_organisation": "Carnegie Endowment",
            "role": "panelist",
            "order": "0",
        },
    )
    assert response.status_code == 302
    existing = make_person("Jonathan Corrado", title="Director of Policy Programs")
    staff_client.post(
        reverse("staff:speaker_add", args=[event.slug]),
        {"person": existing.pk, "role": "moderator", "order": "1"},
    )
    staff_client.post(
        reverse("staff:partner_add", args=[event.slug]),
        {
            "new_organisation": "National Committee on American Foreign Policy",
            "kind": "co-organiser",
            "order": "0",
        },
    )
    assert [str(s) for s in event.speakers.all()] == [
        "Ankit Panda (panelist)",
        "Jonathan Corrado (moderator)",
    ]
    assert event.partners.get().kind == EventPartner.Kind.CO_ORGANISER

    preview = staff_client.get(event.get_absolute_url())
    assert preview.status_code == 200 and "Preview" in preview.text

    staff_client.post(reverse("staff:event_status", args=[event.slug]), {"action": "publish"})
    page = unescape(client.get(event.get_absolute_url()).content.decode())
    assert "Tuesday, March 9, 2027 | 6:30 PM (EST)" in page
    assert "Ankit Panda</a>, panelist" in page
    assert "Stanton Senior Fellow, Carnegie Endowment" in page
    assert "organized in collaboration with National Committee on American Foreign Policy." in page

    staff_client.post(reverse("staff:event_status", args=[event.slug]), {"action": "unpublish"})
    assert client.get(event.get_absolute_url()).status_code == 404


def test_people_are_reused_across_events_with_a_role_each(staff_client):
    person = make_person("Susan A. Thornton", bio="Susan A. Thornton is the Director.")
    first, second = make_event(title="First"), make_event(title="Second")
    for event, role in ((first, "panelist"), (second, "keynote")):
        staff_client.post(
            reverse("staff:speaker_add", args=[event.slug]),
            {"person": person.pk, "role": role, "order": "0"},
        )
    assert Person.objects.filter(name="Susan A. Thornton").count() == 1
    assert sorted(person.appearances.values_list("role", flat=True)) == ["keynote", "panelist"]
    again = staff_client.post(
        reverse("staff:speaker_add", args=[first.slug]),
        {"person": person.pk, "role": "moderator", "order": "1"},
    )
    assert again.status_code == 200
    assert "already a speaker" in again.text
    assert EventSpeaker.objects.filter(event=first).count() == 1


def test_event_form_explains_what_is_wrong(staff_client):
    response = staff_client.post(
        reverse("staff:event_create"),
        event_form(venue_name="", online_url="", end_time="17:00", image=png(), image_alt=""),
    )
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Give a venue or an online link." in page
    assert "The end must be after the start." in page
    assert "Describe the image for screen-reader users." in page
    assert not Event.objects.exists()


def test_image_upload_with_alt_text_caption_and_credit(staff_client, client):
    staff_client.post(
        reverse("staff:event_create"),
        event_form(
            image=png(),
            image_alt="Two leaders shake hands",
            image_caption="Leaders meet.",
            image_credit="Photographer/Agency",
        ),
    )
    event = Event.objects.get()
    staff_client.post(reverse("staff:event_status", args=[event.slug]), {"action": "publish"})
    page = unescape(client.get(event.get_absolute_url()).content.decode())
    assert f'<img src="{event.image.url}" alt="Two leaders shake hands"' in page
    assert 'Leaders meet. <span class="credit">(Photographer/Agency)</span>' in page


def test_editing_keeps_the_local_time_in_the_form(staff_client):
    event = make_event(
        title="Editable",
        time_zone="Asia/Seoul",
        starts_at=dt.datetime(2027, 1, 5, 9, 0, tzinfo=dt.UTC),
    )
    page = staff_client.get(reverse("staff:event_edit", args=[event.slug])).content.decode()
    assert 'value="2027-01-05"' in page and 'value="18:00"' in page  # 09:00 UTC is 18:00 in Seoul
    staff_client.post(
        reverse("staff:event_edit", args=[event.slug]),
        event_form(
            title="Edited",
            time_zone="Asia/Seoul",
            start_date="2027-01-05",
            start_time="19:00",
            end_time="",
        ),
    )
    event.refresh_from_db()
    assert event.title == "Edited"
    assert event.starts_at == dt.datetime(2027, 1, 5, 10, 0, tzinfo=dt.UTC)


def test_editors_cannot_change_events_over_post_either(client):
    event = make_event(title="Protected")
    client.force_login(make_user("editor"))
    assert (
        client.post(
            reverse("staff:event_edit", args=[event.slug]), event_form(title="Hacked")
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("staff:speaker_add", args=[event.slug]), {"new_name": "X", "order": "0"}
        ).status_code
        == 403
    )
    assert client.post(reverse("staff:event_create"), event_form()).status_code == 403
    event.refresh_from_db()
    assert event.title == "Protected" and not event.speakers.exists()


def test_people_organisations_and_topics_pages(staff_client):
    response = staff_client.post(
        reverse("staff:person_create"), {"name": "Rachel Minyoung Lee", "title": "Senior Fellow"}
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Rachel Minyoung Lee")
    assert person.slug == "rachel-minyoung-lee"
    staff_client.post(
        reverse("staff:organisation_create"),
        {"name": "Stimson Center", "url": "https://example.org"},
    )
    staff_client.post(reverse("staff:topic_list"), {"name": "Nuclear Policy"})
    duplicate = staff_client.post(reverse("staff:topic_list"), {"name": "nuclear policy"})
    assert "This topic exists already." in duplicate.text
    assert "Stimson Center" in staff_client.get(reverse("staff:organisation_list")).text
    assert (
        "Rachel Minyoung Lee"
        in staff_client.get(reverse("staff:person_list"), {"q": "minyoung"}).text
    )


def test_editing_a_person_and_an_organisation(staff_client):
    from podium.events.models import Organisation

    person = make_person("Ankit Panda", title="Fellow")
    edit = reverse("staff:person_edit", args=[person.pk])
    assert "Edit Ankit Panda" in staff_client.get(edit).text
    response = staff_client.post(edit, {"name": "Ankit Panda", "title": "Senior Fellow"})
    assert response.status_code == 302 and response.url == reverse("staff:person_list")
    person.refresh_from_db()
    assert person.title == "Senior Fellow"
    assert "New organisation" in staff_client.get(reverse("staff:organisation_create")).text
    staff_client.post(reverse("staff:organisation_create"), {"name": "Carnegie"})
    organisation = Organisation.objects.get(name="Carnegie")
    edit = reverse("staff:organisation_edit", args=[organisation.pk])
    invalid = staff_client.post(edit, {"name": "", "url": "not a url"})
    assert invalid.status_code == 200 and "This field is required." in invalid.text
    staff_client.post(edit, {"name": "Carnegie Endowment"})
    organisation.refresh_from_db()
    assert organisation.name == "Carnegie Endowment"


def test_removing_a_speaker_with_htmx_returns_an_empty_row(staff_client):
    event = make_event(title="Panel")
    from tests.site.common.factories import make_speaker

    speaker = make_speaker(event, "Mark Tokola")
    url = reverse("staff:speaker_delete", args=[event.slug, speaker.pk])
    page = staff_client.get(reverse("staff:event_detail", args=[event.slug])).content.decode()
    assert f'hx-post="{url}"' in page
    response = staff_client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.content == b""
    assert not event.speakers.exists()
    assert Person.objects.filter(name="Mark Tokola").exists()  # the person is kept


def test_cancelling_keeps_the_page_public_and_the_calendar_says_so(staff_client, client):
    import icalendar

    event = make_event(title="Called off")
    staff_client.post(reverse("staff:event_cancel", args=[event.slug]), {"confirm": "on"})
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    page = unescape(client.get(event.get_absolute_url()).content.decode())
    assert "Cancelled" in page and "#register" not in page and 'id="register"' not in page
    ics = client.get(reverse("events:ics", args=[event.slug])).content
    assert str(icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]["status"]) == "CANCELLED"
