"""Staff pages through HTTP: permissions, list filters, approval, add by hand, message, exports, check-in."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from podium.registration.domain.registration import register
from podium.registration.domain.transitions import cancel_registration
from podium.registration.models import AuditEntry, Question, Registration

from .conftest import answers, make_event

pytestmark = pytest.mark.django_db
S = Registration.Status
MEDIA = {
    "outlet": "Wire",
    "media_role": "Reporter",
    "press_credential_url": "https://wire.example/me",
}


def url(name, event, *args):
    return reverse(f"registration_staff:{name}", args=[event.slug, *args])


def test_staff_pages_need_sign_in_and_the_role(client, event):
    response = client.get(url("list", event))
    assert response.status_code == 302 and "/accounts/" in response["Location"]
    outsider = User.objects.create_user("visitor", password="pw-visitor-123")
    client.force_login(outsider)
    for name in ("list", "checkin", "types", "audit", "add", "message", "export_csv"):
        assert client.get(url(name, event)).status_code == 403


def test_list_filters_search_and_counts(staff_client, event, general, media):
    register(
        event,
        general,
        answers=answers(first_name="Zed", last_name="Quill"),
        email="zed@example.org",
    )
    register(
        event, general, answers=answers(), email="late@example.org", accessibility_request="Ramp"
    )
    Registration.objects.filter(email="late@example.org").update(accessibility_flagged=True)
    register(event, media, answers=answers(**MEDIA), email="press@example.org")
    page = staff_client.get(url("list", event))
    assert page.status_code == 200
    html = page.content.decode()
    assert "2 / 100" in html and "1 pending" in html and "Late accessibility requests" in html
    names = lambda response: sorted(r.email for r in response.context["page"])  # noqa: E731
    assert names(staff_client.get(url("list", event), {"status": "pending"})) == [
        "press@example.org"
    ]
    assert names(staff_client.get(url("list", event), {"registration_type": general.pk})) == [
        "late@example.org",
        "zed@example.org",
    ]
    assert names(staff_client.get(url("list", event), {"accessibility_flagged": "true"})) == [
        "late@example.org"
    ]
    assert names(staff_client.get(url("list", event), {"q": "quill"})) == ["zed@example.org"]
    assert (
        staff_client.get(
            url("list", event), {"status": "bogus", "registration_type": "x"}
        ).status_code
        == 200
    )


def test_approve_pending_media_sends_email_with_ics(staff_client, event, media, committed, staff):
    pending = register(event, media, answers=answers(**MEDIA), email="press@example.org")
    detail = staff_client.get(url("detail", event, pending.pk)).content.decode()
    assert "Approve" in detail and "Wire" in detail
    mail.outbox.clear()
    with committed():
        response = staff_client.post(url("approve", event, pending.pk), {"message": "Welcome!"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == S.CONFIRMED
    assert "approved" in mail.outbox[0].subject and "Welcome!" in mail.outbox[0].body
    assert any(
        getattr(a, "get_content_type", lambda: "")() == "text/calendar"
        for a in mail.outbox[0].attachments
    )
    assert (
        AuditEntry.objects.get(registration=pending, action="registration.approved").actor == staff
    )
    # approving twice is refused with a message, not a 500
    again = staff_client.post(url("approve", event, pending.pk), follow=True)
    assert "Only pending registrations can be approved" in again.content.decode()


def test_reject_and_cancel_by_staff(staff_client, event, general, media, committed):
    pending = register(event, media, answers=answers(**MEDIA), email="press@example.org")
    with committed():
        staff_client.post(url("reject", event, pending.pk), {"message": "No credential."})
    pending.refresh_from_db()
    assert pending.status == S.REJECTED and "No credential." in mail.outbox[-1].body
    person = register(event, general, answers=answers(), email="a@example.org")
    # Cancel no longer acts on one click: a confirmation page with reason and notify choice.
    page = staff_client.get(url("cancel", event, person.pk)).content.decode()
    assert "Tick" not in page and "Email the registrant" in page
    refused = staff_client.post(url("cancel", event, person.pk), {"message": "x", "notify": "on"})
    assert refused.status_code == 400 and "Tick the box to confirm" in refused.content.decode()
    person.refresh_from_db()
    assert person.status == S.CONFIRMED
    mail.outbox.clear()
    with committed():
        staff_client.post(
            url("cancel", event, person.pk),
            {"message": "Double booking.", "confirm": "on"},  # notify left unticked
        )
    person.refresh_from_db()
    assert person.status == S.CANCELLED and mail.outbox == []
    entry = AuditEntry.objects.get(registration=person, action="registration.cancelled")
    assert entry.data == {
        "previous": "confirmed",
        "status": "cancelled",
        "reason": "Double booking.",
        "notified": False,
    }
    assert staff_client.post(url("approve", event, 999999)).status_code == 404


def test_add_by_hand_uses_register(staff_client, event, general, staff, committed):
    with committed():
        response = staff_client.post(
            url("add", event) + "?type=general",
            {
                "q_first_name": "Phone",
                "q_last_name": "Caller",
                "q_email": "caller@example.org",
                "q_organisation": "Embassy",
                "q_job_title": "Attaché",
                "privacy_consent": "on",
            },
        )
    assert response.status_code == 302
    added = Registration.objects.get(email="caller@example.org")
    assert added.status == S.CONFIRMED
    assert AuditEntry.objects.get(registration=added, action="registration.created").actor == staff
    duplicate = staff_client.post(
        url("add", event) + "?type=general",
        {
            "q_first_name": "Phone",
            "q_last_name": "Caller",
            "q_email": "CALLER@example.org",
            "q_organisation": "Embassy",
            "q_job_title": "Attaché",
            "privacy_consent": "on",
        },
    )
    assert duplicate.status_code == 400 and "already registered" in duplicate.content.decode()
    assert mail.outbox == []  # "Email the registrant" was not ticked
    with committed():
        staff_client.post(
            url("add", event) + "?type=general",
            {
                "q_first_name": "Mail",
                "q_last_name": "Me",
                "q_email": "mailme@example.org",
                "q_organisation": "Embassy",
                "q_job_title": "Attaché",
                "privacy_consent": "on",
                "notify": "on",
            },
        )
    assert [m.to for m in mail.outbox] == [["mailme@example.org"]]


def test_message_all_confirmed(staff_client, event, general, media, committed):
    register(event, general, answers=answers(), email="a@example.org")
    register(event, general, answers=answers(), email="b@example.org")
    register(event, media, answers=answers(**MEDIA), email="p@example.org")
    mail.outbox.clear()
    assert (
        staff_client.post(
            url("message", event), {"audience": "confirmed", "subject": ""}
        ).status_code
        == 400
    )
    with committed():
        staff_client.post(
            url("message", event),
            {
                "audience": "confirmed",
                "subject": "Room change",
                "body": "We moved to the Great Hall.",
            },
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert all(m.subject == "Room change" and "Great Hall" in m.body for m in mail.outbox)


def test_exports_csv_with_bom_and_xlsx(staff_client, event, general):
    register(
        event,
        general,
        email="a@example.org",
        answers=answers(
            first_name="Zoë", heard_from=["Social media", "Other"], job_title="=HYPERLINK()"
        ),
    )
    response = staff_client.get(url("export_csv", event))
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["First name"] == "Zoë" and row["Email"] == "a@example.org"
    assert row["How did you hear about this event?"] == "Social media; Other"
    assert row["Job title"] == "'=HYPERLINK()"  # formula neutralised
    labels = set(
        Question.objects.filter(section__registration_type__event=event)
        .exclude(key__in=["first_name", "last_name", "email"])
        .values_list("label", flat=True)
    )
    assert labels <= set(row)
    filtered = staff_client.get(url("export_csv", event), {"status": "cancelled"})
    assert (
        len(list(csv.reader(io.StringIO(filtered.content.decode("utf-8-sig"))))) == 1
    )  # header only
    xlsx = staff_client.get(url("export_xlsx", event))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["ID", "Status", "Registration type", "First name", "Last name", "Email"]
    assert sheet.cell(row=2, column=4).value == "Zoë"
    assert AuditEntry.objects.filter(action="export.downloaded").count() == 3


def test_checkin_page_search_toggle_undo_and_refusals(staff_client, event, general, media):
    person = register(
        event,
        general,
        answers=answers(first_name="Grace", last_name="Hopper"),
        email="g@example.org",
    )
    pending = register(
        event,
        media,
        answers=answers(first_name="Grace", last_name="Press", **MEDIA),
        email="gp@example.org",
    )
    page = staff_client.get(url("checkin", event))
    assert page.status_code == 200 and 'id="checkin-counts"' in page.content.decode()
    results = staff_client.get(url("checkin_search", event), {"q": "grace"}, HTTP_HX_REQUEST="true")
    html = results.content.decode()
    assert "Grace Hopper" in html and "Cannot check in: pending approval" in html
    row = staff_client.post(
        url("checkin_toggle", event, person.pk), {"action": "in"}, HTTP_HX_REQUEST="true"
    )
    assert "Undo" in row.content.decode() and 'hx-swap-oob="true"' in row.content.decode()
    person.refresh_from_db()
    assert person.checked_in_at is not None
    counts = staff_client.get(url("checkin_counts", event)).content.decode()
    assert 'id="count-checked-in">1<' in counts
    again = staff_client.post(
        url("checkin_toggle", event, person.pk), {"action": "in"}, HTTP_HX_REQUEST="true"
    )
    assert "already checked in" in again.content.decode()
    undo = staff_client.post(
        url("checkin_toggle", event, person.pk), {"action": "undo"}, HTTP_HX_REQUEST="true"
    )
    assert ">Check in<" in undo.content.decode()
    refused = staff_client.post(
        url("checkin_toggle", event, pending.pk), {"action": "in"}, HTTP_HX_REQUEST="true"
    )
    assert "cannot be checked in" in refused.content.decode()
    pending.refresh_from_db()
    assert pending.checked_in_at is None
    by_code = staff_client.post(
        url("checkin_code", event), {"code": person.checkin_code.lower()}, HTTP_HX_REQUEST="true"
    )
    assert "checked in" in by_code.content.decode()
    unknown = staff_client.post(
        url("checkin_code", event), {"code": "NOPE"}, HTTP_HX_REQUEST="true"
    )
    assert "No registration with the code" in unknown.content.decode()
    cancel_registration(person)
    plain = staff_client.post(
        url("checkin_code", event), {"code": person.checkin_code}, follow=True
    )
    assert "cannot be checked in" in plain.content.decode()  # without HTMX: message on the page


def test_types_and_form_editor(staff_client, event, general, committed):
    assert "General Registration" in staff_client.get(url("types", event)).content.decode()
    # capacity raise promotes
    general.capacity = 1
    general.save()
    register(event, general, answers=answers(), email="a@example.org")
    waiting = register(event, general, answers=answers(), email="w@example.org")
    data = {
        "name": general.name,
        "slug": "general",
        "order": 0,
        "is_active": "on",
        "capacity": 2,
        "waiting_list_enabled": "on",
        "description": "",
        "access_code": "",
    }
    with committed():
        response = staff_client.post(url("type_edit", event, general.pk), data)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED  # the seat is offered; the person confirms it
    bad = staff_client.post(url("type_edit", event, general.pk), {**data, "slug": "media"})
    assert bad.status_code == 400 and "already uses" in bad.content.decode()
    new = staff_client.post(
        url("type_add", event),
        {**data, "name": "Invitation only", "slug": "vip", "access_code": "VIP", "capacity": ""},
    )
    assert new.status_code == 302
    vip = event.registration_types.get(slug="vip")
    assert vip.capacity is None and vip.sections.count() == 3
    editor = url("form_editor", event, general.pk)
    work = general.sections.get(title="Work Information")
    added = staff_client.post(
        editor,
        {
            "action": "add_question",
            "question-section": work.pk,
            "question-label": "Dietary needs",
            "question-kind": "choice",
            "question-choices_text": "None\nVegetarian\nVegan",
        },
    )
    assert added.status_code == 302
    question = Question.objects.get(section=work, key="dietary_needs")
    assert question.choices == ["None", "Vegetarian", "Vegan"]
    one_choice = staff_client.post(
        editor,
        {
            "action": "add_question",
            "question-section": work.pk,
            "question-label": "Broken",
            "question-kind": "choice",
            "question-choices_text": "Only",
        },
    )
    assert one_choice.status_code == 400 and "at least two options" in one_choice.content.decode()
    assert "Dietary needs" in staff_client.get(editor).content.decode()
    staff_client.post(editor, {"action": "question_up", "item": question.pk})
    email = Question.objects.get(section__registration_type=general, key="email")
    refused = staff_client.post(
        editor, {"action": "remove_question", "item": email.pk}, follow=True
    )
    assert "cannot be removed" in refused.content.decode()
    staff_client.post(editor, {"action": "remove_question", "item": question.pk})
    assert not Question.objects.filter(pk=question.pk).exists()
    staff_client.post(editor, {"action": "add_section", "section-title": "Travel"})
    assert general.sections.filter(title="Travel").exists()
    edit = staff_client.post(
        url("question_edit", event, email.pk),
        {"section": email.section_id, "label": "Email address", "help_text": ""},
    )
    assert edit.status_code == 302
    email.refresh_from_db()
    assert email.label == "Email address" and email.kind == "email" and email.required
    public = reverse("registration:form", args=[event.slug, "general"])
    assert "Email address" in staff_client.get(public).content.decode()
    audit = staff_client.get(url("audit", event)).content.decode()
    assert "form.question_added" in audit and "type.capacity_changed" in audit


def test_second_event_objects_are_not_reachable(staff_client, event, general):
    other = make_event()
    person = register(
        other,
        other.registration_types.get(slug="general"),
        answers=answers(),
        email="a@example.org",
    )
    assert staff_client.get(url("detail", event, person.pk)).status_code == 404
    assert staff_client.post(url("checkin_toggle", event, person.pk)).status_code == 404


def test_type_times_are_entered_in_the_event_time_zone(staff_client):
    event = make_event(time_zone="Asia/Seoul")
    general = event.registration_types.get(slug="general")
    data = {
        "name": general.name,
        "slug": "general",
        "order": 0,
        "is_active": "on",
        "capacity": 10,
        "waiting_list_enabled": "on",
        "opens_at": "2026-12-01T09:00",
        "closes_at": "2026-12-01T08:00",
    }
    bad = staff_client.post(url("type_edit", event, general.pk), data)
    assert bad.status_code == 400 and "close after it opens" in bad.content.decode()
    data["closes_at"] = "2026-12-02T18:00"
    assert staff_client.post(url("type_edit", event, general.pk), data).status_code == 302
    general.refresh_from_db()
    assert general.opens_at.isoformat() == "2026-12-01T00:00:00+00:00"  # 09:00 in Seoul
    assert (
        'value="2026-12-01T09:00"'
        in staff_client.get(url("type_edit", event, general.pk)).content.decode()
    )


def test_staff_edit_answers_and_resend_email(staff_client, event, general, staff, committed):
    person = register(event, general, answers=answers(), email="a@example.org")
    page = staff_client.get(url("edit", event, person.pk))
    assert page.status_code == 200 and 'value="Analytical Society"' in page.content.decode()
    bad = staff_client.post(url("edit", event, person.pk), {"q_first_name": "", "q_last_name": "L"})
    assert bad.status_code == 400
    staff_client.post(
        url("edit", event, person.pk),
        {
            "q_first_name": "Ada",
            "q_last_name": "King",
            "q_organisation": "Analytical Society",
            "q_job_title": "Countess",
            "accessibility_request": "",
        },
    )
    person.refresh_from_db()
    assert person.last_name == "King" and person.answers["job_title"] == "Countess"
    entry = AuditEntry.objects.get(registration=person, action="registration.edited")
    assert entry.actor == staff and entry.data["fields"] == ["job_title", "last_name"]
    mail.outbox.clear()
    with committed():
        staff_client.post(url("resend", event, person.pk))
    assert [m.to for m in mail.outbox] == [["a@example.org"]] and "registered" in mail.outbox[
        0
    ].subject
    assert AuditEntry.objects.filter(
        registration=person, action="registration.email_resent"
    ).exists()


def test_huge_search_is_bounded(staff_client, event, general):
    register(event, general, answers=answers(), email="a@example.org")
    words = " ".join(f"w{i}" for i in range(5000))
    assert staff_client.get(url("list", event), {"q": words}).status_code == 200
    assert staff_client.get(url("checkin_search", event), {"q": words}).status_code == 200


def test_updated_invitations_keep_the_uid_and_raise_the_sequence(
    staff_client, event, general, committed
):
    from email.message import MIMEPart

    from icalendar import Calendar

    person = register(event, general, answers=answers(), email="a@example.org")
    register(event, general, answers=answers(), email="gone@example.org")
    Registration.objects.filter(email="gone@example.org").update(status="cancelled")
    mail.outbox.clear()
    assert "Send updated invitations" in staff_client.get(url("message", event)).content.decode()
    with committed():
        staff_client.post(url("updated_invitations", event))
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert mail.outbox[0].subject.startswith("Updated:")
    ics = next(
        a
        for a in mail.outbox[0].attachments
        if isinstance(a, MIMEPart) and a.get_content_type() == "text/calendar"
    )
    vevent = Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
    assert str(vevent["UID"]).startswith(f"registration-{person.pk}-event-{event.pk}@")
    assert int(vevent["SEQUENCE"]) == person.calendar_sequence + 1
