"""The public registration pages through HTTP: form errors, duplicates, manage link, cancel, .ics."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from podium.registration.domain.registration import register
from podium.registration.domain.tokens import make_manage_token
from podium.registration.models import Registration

from .conftest import answers, emailed_manage_path, make_event

pytestmark = pytest.mark.django_db
S = Registration.Status


def form_url(event, slug="general"):
    return reverse("registration:form", kwargs={"event_slug": event.slug, "type_slug": slug})


def post_data(**overrides):
    data = {
        "q_first_name": "Ada",
        "q_last_name": "Lovelace",
        "q_email": "ada@example.org",
        "q_organisation": "Analytical Society",
        "q_job_title": "Fellow",
        "q_sector": "Government",
        "q_heard_from": ["Email newsletter", "Social media"],
        "q_country": "GB",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_event_page_partial_shows_types_and_accessibility_note(client, event):
    from django.template import Context, Template

    html = Template('{% include "registration/_event_registration.html" %}').render(
        Context({"event": event})
    )
    assert "General Registration" in html and "Media Registration" in html
    assert form_url(event) in html
    assert (
        'For questions about accessibility please contact <a href="mailto:EventRegistration@usip.org">'
        "EventRegistration@usip.org</a>. Kindly provide at least three business days advance notice of need "
        "for accommodations."
    ) in html
    assert "Subject to approval" in html


def test_partial_shows_full_waitlist_and_closed_states(event, general, media):
    from django.template import Context, Template

    general.capacity = 1
    general.save()
    register(event, general, answers=answers(), email="a@example.org")
    media.closes_at = timezone.now() - dt.timedelta(hours=1)
    media.save()
    html = Template('{% include "registration/_event_registration.html" %}').render(
        Context({"event": event})
    )
    assert "Full — join the waiting list" in html
    assert "Registration closed" in html
    general.waiting_list_enabled = False
    general.save()
    html = Template('{% include "registration/_event_registration.html" %}').render(
        Context({"event": event})
    )
    assert ">Full<" in html


def test_form_shows_seed_sections_and_fixed_fields(client, event):
    page = client.get(form_url(event)).content.decode()
    for title in (
        "Your Information",
        "Work Information",
        "How did you hear about this event?",
        "Accessibility or accommodation request",
        "privacy notice",
        "Send me news",
    ):
        assert title in page
    media_page = client.get(form_url(event, "media")).content.decode()
    assert "Media Credentials" in media_page and "reviewed by our team" in media_page


def test_privacy_notice_link_from_settings(client, event, settings):
    settings.PODIUM_PRIVACY_URL = "https://example.org/privacy"
    assert (
        '<a href="https://example.org/privacy">privacy notice</a>'
        in client.get(form_url(event)).content.decode()
    )


def test_register_through_the_form(client, event, committed):
    with committed():
        response = client.post(form_url(event), post_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("registration:check_inbox", args=[event.slug])
    registration = Registration.objects.get()
    assert registration.status == S.CONFIRMED
    assert registration.answers["heard_from"] == ["Email newsletter", "Social media"]
    assert registration.answers["country"] == "GB"
    assert "We have sent an email" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    page = client.get(emailed_manage_path(mail.outbox[0])).content.decode()
    assert 'id="registration-status">Confirmed' in page and registration.checkin_code in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"q_first_name": None}, "q_first_name", "This field is required."),
        ({"q_email": "not-an-email"}, "q_email", "Enter a valid email address"),
        ({"q_job_title": "x" * 201}, "q_job_title", "under 200 characters"),
        ({"accessibility_request": "y" * 2001}, "accessibility_request", "under 2000 characters"),
        ({"q_sector": "Aliens"}, "q_sector", "Please choose one of the options"),
        ({"q_heard_from": ["Carrier pigeon"]}, "q_heard_from", "Please choose only among"),
        ({"q_country": "XX"}, "q_country", "Please choose one of the options"),
        ({"q_phone": "call me maybe"}, "q_phone", "Enter a phone number"),
        ({"privacy_consent": None}, "privacy_consent", "Please agree to the privacy notice"),
    ],
)
def test_bad_input_gives_a_clear_field_error(client, event, overrides, field, message):
    response = client.post(form_url(event), post_data(**overrides))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message.split("%")[0] in response.content.decode()
    assert Registration.objects.count() == 0


def test_media_needs_its_credentials(client, event):
    response = client.post(form_url(event, "media"), post_data(q_press_credential_url="not a url"))
    errors = response.context["form"].errors
    assert "q_outlet" in errors and "q_media_role" in errors and "q_press_credential_url" in errors


def test_form_does_not_tell_whether_an_email_is_registered(client, event, committed):
    """A duplicate gets the very answer a new registration gets; the address gets its link again."""
    with committed():
        client.post(form_url(event), post_data())
    mail.outbox.clear()
    stranger = type(client)()
    with committed():
        duplicate = stranger.post(form_url(event), post_data(q_email="  ADA@example.org "))
    with committed():
        new = stranger.post(form_url(event), post_data(q_email="bob@example.org"))
    assert (duplicate.status_code, duplicate["Location"]) == (new.status_code, new["Location"])

    def page(url):  # the CSRF token is masked afresh on every page
        return re.sub(r'"X-CSRFToken": "\w+"', "", stranger.get(url).content.decode())

    assert page(duplicate["Location"]) == page(new["Location"])
    assert "This email address is already registered" not in page(duplicate["Location"])
    assert Registration.objects.filter(email_normalised="ada@example.org").count() == 1
    to_ada = [m for m in mail.outbox if m.to == ["ada@example.org"]]
    assert len(to_ada) == 1 and "link" in to_ada[0].subject


def test_resend_link_answers_the_same_for_unknown_emails(client, event, committed):
    register(
        event,
        event.registration_types.get(slug="general"),
        answers=answers(),
        email="ada@example.org",
    )
    mail.outbox.clear()
    with committed():
        sent = client.post(
            reverse("registration:resend_link", args=[event.slug]), {"email": "Ada@Example.org"}
        )
    assert "we have emailed the private link" in sent.content.decode()
    assert len(mail.outbox) == 1 and "link" in mail.outbox[0].subject
    token = make_manage_token(Registration.objects.get())
    assert token.split(":")[0] in mail.outbox[0].body
    # a second click within two minutes sends nothing more
    with committed():
        client.post(
            reverse("registration:resend_link", args=[event.slug]), {"email": "ada@example.org"}
        )
    assert len(mail.outbox) == 1
    # unknown email: same answer, no mail
    client.post(
        reverse("registration:resend_link", args=[event.slug]), {"email": "nobody@example.org"}
    )
    assert len(mail.outbox) == 1


def test_invitation_only_type_asks_for_the_code(client, event, general):
    general.access_code = "ROUNDTABLE"
    general.save()
    response = client.post(form_url(event), post_data(access_code="WRONG"))
    assert response.status_code == 400
    assert "not valid" in " ".join(response.context["form"].errors["access_code"])
    assert client.post(form_url(event), post_data(access_code="roundtable")).status_code == 302


def test_closed_type_and_draft_event(client, event, general):
    general.closes_at = timezone.now() - dt.timedelta(minutes=1)
    general.save()
    response = client.get(form_url(event))
    assert "not open" in response.content.decode()
    assert client.post(form_url(event), post_data()).status_code == 200
    assert Registration.objects.count() == 0
    draft = make_event(status="draft")
    assert client.get(form_url(draft)).status_code == 404
    assert client.get(form_url(event, "no-such-type")).status_code == 404


def test_late_accessibility_request_is_flagged_and_registrant_told(client, committed):
    event = make_event(starts_in=dt.timedelta(hours=30))
    with committed():
        response = client.post(
            form_url(event), post_data(accessibility_request="Sign language interpreter")
        )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.accessibility_flagged and registration.status == S.CONFIRMED
    page = client.get(emailed_manage_path(mail.outbox[0])).content.decode()
    assert "may not be possible to fulfil" in page
    assert "may not be possible to fulfil" in mail.outbox[0].body


def test_manage_view_edit_cancel_and_ics(client, committed):
    event = make_event(capacity=1)
    general = event.registration_types.get(slug="general")
    person = register(event, general, answers=answers(), email="a@example.org")
    waiting = register(event, general, answers=answers(first_name="Bea"), email="b@example.org")
    token = make_manage_token(person)
    manage = reverse("registration:manage", args=[token])
    assert "Confirmed" in client.get(manage).content.decode()
    third = register(event, general, answers=answers(first_name="Cy"), email="c@example.org")
    waiting_page = client.get(
        reverse("registration:manage", args=[make_manage_token(third)])
    ).content.decode()
    assert "You are number 2 on the waiting list" in waiting_page
    ics = client.get(reverse("registration:manage_ics", args=[token]))
    assert ics["Content-Type"].startswith("text/calendar")
    vevent = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == event.title
    edit = reverse("registration:manage_edit", args=[token])
    assert client.get(edit).status_code == 200
    bad = client.post(
        edit, {"q_first_name": "", "q_last_name": "L", "q_organisation": "O", "q_job_title": "J"}
    )
    assert bad.status_code == 400 and "This field is required." in bad.content.decode()
    ok = client.post(
        edit,
        {
            "q_first_name": "Augusta",
            "q_last_name": "King",
            "q_organisation": "O",
            "q_job_title": "Countess",
            "q_email": "hijack@example.org",
        },
    )
    assert ok.status_code == 302
    person.refresh_from_db()
    assert (
        person.first_name == "Augusta" and person.email == "a@example.org"
    )  # email field is disabled
    assert (
        "Yes, cancel"
        in client.get(reverse("registration:manage_cancel", args=[token])).content.decode()
    )
    with committed():
        client.post(reverse("registration:manage_cancel", args=[token]))
    person.refresh_from_db()
    waiting.refresh_from_db()
    # The waiting person is offered the seat (pretix style) and confirms it from their page.
    assert person.status == S.CANCELLED and waiting.status == S.OFFERED
    assert {m.to[0] for m in mail.outbox} == {"a@example.org", "b@example.org"}
    waiting_token = make_manage_token(waiting)
    offer_page = client.get(reverse("registration:manage", args=[waiting_token])).content.decode()
    assert "A seat is free for you" in offer_page and "Confirm my seat" in offer_page
    with committed():
        client.post(reverse("registration:manage_accept", args=[waiting_token]))
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED
    third_page = client.get(
        reverse("registration:manage", args=[make_manage_token(third)])
    ).content.decode()
    assert "You are number 1 on the waiting list" in third_page
    assert "cancelled" in client.get(manage).content.decode()
    assert (
        client.post(edit, {"q_first_name": "X"}).status_code == 302
    )  # redirected: cannot edit cancelled


@pytest.mark.parametrize("token", ["forged", "eyJyIjoxfQ:1abc:def", "x" * 300, "%00"])
def test_forged_manage_link_is_a_clear_404(client, event, token):
    for name in ("manage", "manage_edit", "manage_cancel", "manage_ics"):
        response = client.get(reverse(f"registration:{name}", args=[token]))
        assert response.status_code == 404
        assert "This registration link is not valid" in response.content.decode()


def test_random_posts_never_500(client, event):
    """Arbitrary field values (long, unicode, control characters, lists) give a form error or a registration."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    names = [
        "q_first_name",
        "q_last_name",
        "q_email",
        "q_phone",
        "q_country",
        "q_organisation",
        "q_job_title",
        "q_sector",
        "q_heard_from",
        "accessibility_request",
        "privacy_consent",
        "marketing_opt_in",
        "junk",
    ]
    text = st.text(min_size=0, max_size=300)
    value = st.one_of(text, st.lists(text, max_size=3))

    @settings(
        max_examples=40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.dictionaries(st.sampled_from(names), value))
    def check(data):
        response = client.post(form_url(event), data)
        assert response.status_code in (302, 400, 429)  # 429: the address's rate limit

    check()
