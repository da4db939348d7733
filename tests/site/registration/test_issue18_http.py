"""Issue 18 through HTTP: the registration setup of new events, standard QR codes, absolute
URLs, re-registration after rejection, staff bulk actions and the status matrix, typed
exports, names (bidi, control characters), walk-ins and add-by-hand without email."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from email.message import MIMEPart

import pytest
import segno
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook
from PIL import Image

from podium.events.models import Event
from podium.registration.domain.registration import register
from podium.registration.domain.tokens import make_manage_token
from podium.registration.domain.transitions import reject_registration
from podium.registration.models import AuditEntry, Registration, RegistrationType

from .conftest import answers, make_event

pytestmark = pytest.mark.django_db
S = Registration.Status
MEDIA = {"outlet": "Wire", "media_role": "Reporter", "press_credential_url": "https://w.example"}


def url(name, event, *args):
    return reverse(f"registration_staff:{name}", args=[event.slug, *args])


def form_data(email, **extra):
    data = {
        "q_first_name": "Ada",
        "q_last_name": "Lovelace",
        "q_email": email,
        "q_organisation": "Analytical Society",
        "q_job_title": "Fellow",
        "privacy_consent": "on",
    }
    data.update(extra)
    return data


def new_event_post(staff_client, title):
    day = (timezone.now() + dt.timedelta(days=20)).date().isoformat()
    return staff_client.post(
        reverse("staff:event_create"),
        {
            "title": title,
            "start_date": day,
            "start_time": "10:00",
            "time_zone": "America/New_York",
            "venue_name": "Headquarters",
            "accessibility_lead_days": 3,
            "related_suggestions": 0,
        },
    )


# --- 2. the registration setup of new events ---------------------------------------------------
def test_new_events_get_the_default_setup_then_the_site_template(staff_client, staff, committed):
    with committed():
        response = new_event_post(staff_client, "A brand new conversation")
    assert response.status_code == 302
    event = Event.objects.get(title="A brand new conversation")
    types = {t.slug: t for t in event.registration_types.all()}
    assert set(types) == {"general", "media"} and types["media"].requires_approval
    assert not types["general"].requires_approval
    assert types["general"].sections.filter(title="Your Information").exists()

    # Staff add a type without typing a slug; it is made from the name.
    staff_client.post(
        url("type_add", event),
        {"name": "Invitation-only Roundtable", "slug": "", "order": 3, "is_active": "on"},
    )
    assert event.registration_types.filter(slug="invitation-only-roundtable").exists()
    staff_client.post(url("type_add", event), {"name": "General", "slug": "", "order": 4})
    assert event.registration_types.filter(slug="general-2").exists()

    # This event's setup becomes the site's template: the next event copies it.
    page = staff_client.get(url("types", event)).content.decode()
    assert "New events get the built-in setup" in page
    staff_client.post(url("type_template", event), {"use": "this"})
    assert "copy <strong>this event" in staff_client.get(url("types", event)).content.decode()
    with committed():
        new_event_post(staff_client, "Copied setup")
    copied = Event.objects.get(title="Copied setup")
    assert sorted(copied.registration_types.values_list("slug", flat=True)) == sorted(
        event.registration_types.values_list("slug", flat=True)
    )
    roundtable = copied.registration_types.get(slug="invitation-only-roundtable")
    assert roundtable.sections.count() == 3 and not roundtable.registrations.exists()
    # The public page of the copy offers the types (no dead "Register" button).
    copied.status = Event.Status.PUBLISHED
    copied.save()
    assert "General Registration" in staff_client.get(copied.get_absolute_url()).content.decode()


# --- 3. standard QR codes ------------------------------------------------------------------------
def test_the_emailed_qr_is_a_standard_qr_that_a_real_decoder_reads(
    client, event, general, committed
):
    import zxingcpp

    with committed():
        client.post(
            reverse("registration:form", args=[event.slug, "general"]), form_data("q@example.org")
        )
    person = Registration.objects.get(email="q@example.org")
    png = next(
        a
        for a in mail.outbox[-1].attachments
        if isinstance(a, MIMEPart) and a.get_content_type() == "image/png"
    )
    image = Image.open(io.BytesIO(png.get_content()))
    decoded = zxingcpp.read_barcodes(image)
    assert [r.text for r in decoded] == [person.checkin_code]
    assert decoded[0].format == zxingcpp.BarcodeFormat.QRCode  # not MicroQRCode
    # The same code object is a full QR version (segno's designator is "<version>-<error>").
    qr = segno.make_qr(person.checkin_code, error="m")
    assert not qr.is_micro and qr.designator.split("-")[0].isdigit()

    token = make_manage_token(person)
    page = client.get(reverse("registration:manage", args=[token])).content.decode()
    assert 'id="checkin-qr" src="data:image/svg+xml' in page and "Print my ticket" in page
    ticket = client.get(reverse("registration:manage_ticket", args=[token])).content.decode()
    assert (
        person.checkin_code in ticket and 'id="checkin-qr"' in ticket and "window.print()" in ticket
    )


# --- 4. absolute URLs ------------------------------------------------------------------------------
@override_settings(SITE_URL="")
def test_links_follow_the_request_when_no_site_url_is_set(client, event, general, committed):
    with committed():
        client.post(
            reverse("registration:form", args=[event.slug, "general"]),
            form_data("u@example.org"),
            HTTP_HOST="localhost:8123",
        )
    body = mail.outbox[-1].body
    assert "http://localhost:8123/register/manage/" in body
    assert f"http://localhost:8123{event.get_absolute_url()}" in body
    assert "127.0.0.1:8000" not in body
    ics = client.get(reverse("events:ics", args=[event.slug]), HTTP_HOST="localhost:8123").content
    vevent = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(vevent["URL"]) == f"http://localhost:8123{event.get_absolute_url()}"


@override_settings(SITE_URL="https://events.example.org")
def test_links_use_podium_site_url_when_set(client, event, general, committed):
    with committed():
        client.post(
            reverse("registration:form", args=[event.slug, "general"]),
            form_data("s@example.org"),
            HTTP_HOST="localhost:8123",
        )
    body = mail.outbox[-1].body
    assert "https://events.example.org/register/manage/" in body and "localhost" not in body
    ics = client.get(reverse("events:ics", args=[event.slug]), HTTP_HOST="localhost:8123").content
    vevent = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(vevent["URL"]).startswith("https://events.example.org/")


# --- 5. a rejected media applicant may register as general public ---------------------------------
def test_rejected_media_applicant_registers_as_general(
    client, event, general, media, staff, committed
):
    press = register(event, media, answers=answers(**MEDIA), email="jo@press.example")
    reject_registration(press, actor=staff, message="We could not verify the credential.")
    with committed():
        response = client.post(
            reverse("registration:form", args=[event.slug, "general"]),
            form_data("Jo@Press.example"),
        )
    assert response.status_code == 302
    assert "already registered" not in response.content.decode()
    again = Registration.objects.get(event=event, registration_type=general)
    assert again.status == S.CONFIRMED and again.email_normalised == "jo@press.example"


# --- 7. staff actions: bulk and the matrix -------------------------------------------------------
def test_bulk_actions_and_the_status_matrix(staff_client, event, general, media, committed):
    pending = [
        register(event, media, answers=answers(**MEDIA), email=f"p{i}@press.example")
        for i in range(3)
    ]
    seated = [
        register(event, general, answers=answers(), email=f"g{i}@example.org") for i in range(2)
    ]
    page = staff_client.get(url("list", event)).content.decode()
    assert 'id="status-matrix"' in page and "Pending approval" in page
    mail.outbox.clear()
    # Without the confirmation box nothing happens.
    staff_client.post(
        url("bulk", event),
        {"ids": [p.pk for p in pending[:2]], "action": "approve", "notify": "on"},
    )
    assert [Registration.objects.get(pk=p.pk).status for p in pending] == [S.PENDING] * 3
    with committed():
        response = staff_client.post(
            url("bulk", event),
            {
                "ids": [p.pk for p in pending[:2]],
                "action": "approve",
                "notify": "on",
                "confirm": "on",
            },
            follow=True,
        )
    assert "Approve: done for 2." in response.content.decode()
    assert [Registration.objects.get(pk=p.pk).status for p in pending] == [
        S.CONFIRMED,
        S.CONFIRMED,
        S.PENDING,
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@press.example", "p1@press.example"]
    # Reject silently, check in, message, cancel; refusals are reported per person.
    mail.outbox.clear()
    staff_client.post(
        url("bulk", event), {"ids": [pending[2].pk], "action": "reject", "confirm": "on"}
    )
    assert Registration.objects.get(pk=pending[2].pk).status == S.REJECTED and mail.outbox == []
    response = staff_client.post(
        url("bulk", event),
        {"ids": [seated[0].pk, pending[2].pk], "action": "check_in", "confirm": "on"},
        follow=True,
    )
    assert Registration.objects.get(pk=seated[0].pk).checked_in_at is not None
    assert "cannot be checked in" in response.content.decode()
    with committed():
        staff_client.post(
            url("bulk", event),
            {
                "ids": [s.pk for s in seated],
                "action": "message",
                "subject": "Doors open at 9",
                "message": "Bring your ID.",
                "confirm": "on",
            },
        )
    assert sorted(m.to[0] for m in mail.outbox if m.subject == "Doors open at 9") == [
        "g0@example.org",
        "g1@example.org",
    ]
    no_subject = staff_client.post(
        url("bulk", event),
        {"ids": [seated[0].pk], "action": "message", "message": "x", "confirm": "on"},
        follow=True,
    )
    assert "Give the message a subject." in no_subject.content.decode()
    with committed():
        staff_client.post(
            url("bulk", event),
            {"ids": [seated[1].pk], "action": "cancel", "message": "Duplicate", "confirm": "on"},
        )
    assert Registration.objects.get(pk=seated[1].pk).status == S.CANCELLED
    # Another event's registration in the list of ids is ignored.
    other = make_event()
    stranger = register(
        other,
        other.registration_types.get(slug="general"),
        answers=answers(),
        email="x@example.org",
    )
    staff_client.post(
        url("bulk", event), {"ids": [stranger.pk], "action": "cancel", "confirm": "on"}
    )
    assert Registration.objects.get(pk=stranger.pk).status == S.CONFIRMED
    page = staff_client.get(url("list", event)).content.decode()
    matrix = page[page.index('id="status-matrix"') :]
    assert '<th scope="row">All types</th>' in matrix


# --- 8. typed exports ---------------------------------------------------------------------------------
def test_exports_are_typed(staff_client, event, general):
    person = register(
        event,
        general,
        answers=answers(phone="+1 202 555 0143", country="KR", organisation="=HYPERLINK(1)"),
        email="typed@example.org",
    )
    csv_rows = list(
        csv.DictReader(
            io.StringIO(staff_client.get(url("export_csv", event)).content.decode("utf-8-sig"))
        )
    )
    row = csv_rows[0]
    assert row["Phone"] == "+1 202 555 0143"  # no apostrophe
    assert row["Country"] == "South Korea"
    assert row["Organization"] == "'=HYPERLINK(1)"  # free text still neutralised
    assert row[f"Registered ({event.time_zone})"] == timezone.localtime(
        person.created_at, event.tz
    ).strftime("%Y-%m-%d %H:%M")

    sheet = load_workbook(io.BytesIO(staff_client.get(url("export_xlsx", event)).content)).active
    headers = [c.value for c in sheet[1]]
    cells = {h: c for h, c in zip(headers, sheet[2], strict=True)}
    assert cells["Phone"].value == "+1 202 555 0143" and cells["Phone"].data_type == "s"
    assert cells["Country"].value == "South Korea"
    registered = cells[f"Registered ({event.time_zone})"]
    assert isinstance(registered.value, dt.datetime) and registered.is_date
    assert cells["Organization"].value == "=HYPERLINK(1)" and cells["Organization"].data_type == "s"

    data = json.loads(staff_client.get(url("export_json", event)).content)
    assert data["count"] == 1 and data["event"]["slug"] == event.slug
    item = data["registrations"][0]
    assert item["email"] == "typed@example.org" and item["phone"] == "+1 202 555 0143"
    assert item["country"] == "South Korea" and item["registered_at"].startswith(
        str(timezone.localtime(person.created_at, event.tz).date())
    )
    assert AuditEntry.objects.filter(action="export.downloaded", data__format="json").exists()


# --- 9. names, walk-ins, add by hand ------------------------------------------------------------------
def test_bidi_and_control_characters_are_refused_and_names_are_isolated(
    client, staff_client, event, general
):
    response = client.post(
        reverse("registration:form", args=[event.slug, "general"]),
        form_data("bidi@example.org", q_first_name="Eve\u202egnp.exe"),
    )
    assert response.status_code == 400
    assert "invisible text-direction character (U+202E)" in response.content.decode()
    response = client.post(
        reverse("registration:form", args=[event.slug, "general"]),
        form_data("ctl@example.org", q_last_name="Null\x07Bell"),
    )
    assert "control character (U+0007)" in response.content.decode()
    assert not Registration.objects.filter(
        email__in=["bidi@example.org", "ctl@example.org"]
    ).exists()
    register(
        event,
        general,
        answers=answers(first_name="مريم", last_name="Salah" + "x" * 80),
        email="m@example.org",
    )
    page = staff_client.get(url("list", event)).content.decode()
    assert "<bdi>مريم Salah" in page and 'class="reg-name"' in page


def test_walk_in_from_the_waiting_list_and_add_by_hand(staff_client, event, general, committed):
    general.capacity = 1
    general.save()
    register(event, general, answers=answers(), email="a@example.org")
    waiting = register(event, general, answers=answers(), email="w@example.org")
    assert waiting.status == S.WAITLISTED
    page = staff_client.get(url("checkin_search", event), {"q": "w@example.org"}).content.decode()
    assert "Admit walk-in" in page
    staff_client.post(url("checkin_toggle", event, waiting.pk), {"action": "walk_in"})
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED and waiting.checked_in_at is not None
    assert AuditEntry.objects.filter(registration=waiting, action="registration.walk_in").exists()

    # Add by hand: no email, over capacity.
    mail.outbox.clear()
    data = form_data("", q_first_name="Phoned", q_last_name="In", over_capacity="on", notify="on")
    with committed():
        response = staff_client.post(url("add", event) + "?type=general", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Registration.objects.get(first_name="Phoned")
    assert added.email == "" and added.status == S.CONFIRMED and mail.outbox == []
    # A second person without email is not a "duplicate" of the first.
    with committed():
        staff_client.post(url("add", event) + "?type=general", {**data, "q_first_name": "Second"})
    assert Registration.objects.get(first_name="Second").status == S.CONFIRMED
    # Without the override a full type puts them on the waiting list.
    staff_client.post(
        url("add", event) + "?type=general",
        form_data("", q_first_name="Third", q_last_name="Person"),
    )
    assert Registration.objects.get(first_name="Third").status == S.WAITLISTED
    # The public form still requires an email.
    public = RegistrationType.objects.get(pk=general.pk)
    assert public.slug == "general"
    response = staff_client.post(
        reverse("registration:form", args=[event.slug, "general"]), form_data("")
    )
    assert response.status_code == 400
