"""Public registration pages: the form, "resend my link", and the private manage pages.

Thin: parse the request, call ``podium.registration.domain``, render. A
forged, expired or revoked manage link gets a 404 page that says so.

The form never tells whether an email is registered: a new registration and
a duplicate both end on the same "check your inbox" page (the duplicate's
address gets its manage link again instead), as "resend my link" does. The
POSTs are rate-limited by address and by email (``throttle``; 429 page).
A seat lock not granted in time gives a "please try again" page (503).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db.utils import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from podium.common.views.errors import too_many_requests
from podium.events.models import Event, Organisation
from podium.registration.domain.calendar import checkin_qr_data_uri, registration_ics
from podium.registration.domain.errors import DuplicateRegistration, RegistrationError
from podium.registration.domain.leadtime import accessibility_deadline
from podium.registration.domain.notifications import offer_deadline_display
from podium.registration.domain.queries.registrations import answer_rows, waiting_list_position
from podium.registration.domain.registration import register, resend_manage_link, update_answers
from podium.registration.domain.sql import type_with_event
from podium.registration.domain.tokens import (
    make_manage_token,
    manage_url,
    registration_from_confirm_token,
    registration_from_token,
)
from podium.registration.domain.transitions import (
    accept_offer,
    cancel_registration,
    confirm_email_address,
)
from podium.registration.interfaces.forms.registration import RegistrationForm
from podium.registration.models import Registration
from podium.registration.views.throttle import public_form_throttled


def _public_event(slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not event.is_public:
        raise Http404("No such event")
    return event


def _form_context(event, rtype, form, **extra):
    context = {
        "event": event,
        "registration_type": rtype,
        "form": form,
        "when": event.when_display,
        "organisations": list(Organisation.objects.values_list("name", flat=True)[:500]),
        "accessibility_deadline": accessibility_deadline(event),
        **extra,
    }
    if not form.is_bound and not extra.get("editing"):
        context["form_body"] = _blank_form_body(context)
    return context


_BLANK_FORM_BODIES: dict[str, str] = {}


def _blank_form_body(context: dict) -> str:
    """The empty form's HTML, rendered once per process for each distinct form.

    Rendering the questions through Django's widget templates was the largest
    cost of the form page under a registration rush. The key is a digest of
    everything the body shows (sections, every field's definition, the
    organisation suggestions), so an edit in the form editor gives a new key.
    """
    import hashlib

    from django.template.loader import render_to_string

    form = context["form"]
    described = [
        [(getattr(s, "pk", None), getattr(s, "title", ""), getattr(s, "description", "")), names]
        for s, names in form._sections
    ]
    for name, field in form.fields.items():
        described.append(
            [
                name,
                type(field).__name__,
                type(field.widget).__name__,
                str(field.label),
                field.required,
                str(field.help_text),
                repr(getattr(field, "choices", None)),
                field.widget.attrs,
            ]
        )
    described.append(context["organisations"])
    key = hashlib.sha256(repr(described).encode()).hexdigest()
    body = _BLANK_FORM_BODIES.get(key)
    if body is None:
        if len(_BLANK_FORM_BODIES) > 64:
            _BLANK_FORM_BODIES.clear()
        body = render_to_string("registration/_form_body.html", context)
        _BLANK_FORM_BODIES[key] = body
    return body


@require_http_methods(["GET", "POST"])
def registration_form(request: HttpRequest, event_slug: str, type_slug: str) -> HttpResponse:
    # one hand-compiled query for the type and its event (the rush path: every query counts)
    rtype = type_with_event("e.slug = %s AND t.slug = %s AND t.is_active", [event_slug, type_slug])
    if rtype is None or not rtype.event.is_public:
        _public_event(event_slug)  # the event's own 404 when it is the event that is missing
        raise Http404("No such registration type")
    event = rtype.event
    if not rtype.is_open():
        return render(
            request,
            "registration/closed.html",
            {"event": event, "registration_type": rtype},
            status=200,
        )
    form = RegistrationForm(request.POST or None, registration_type=rtype)
    if request.method == "POST" and public_form_throttled(
        request, email=request.POST.get("q_email", "")
    ):
        return too_many_requests(request, what="registrations")
    if request.method == "POST" and form.is_valid():
        try:
            registration = register(
                event,
                rtype,
                answers=form.answers(),
                email=form.email,
                accessibility_request=form.cleaned_data.get("accessibility_request", ""),
                privacy_consent=form.cleaned_data.get("privacy_consent", False),
                marketing_opt_in=form.cleaned_data.get("marketing_opt_in", False),
                access_code=form.cleaned_data.get("access_code", ""),
                confirm_email=settings.PODIUM_REGISTRATION_CONFIRM_EMAIL,
            )
        except DuplicateRegistration:
            # Answer exactly as for a new registration; the address gets its link again.
            resend_manage_link(event, email=form.email)
            return redirect("registration:check_inbox", event_slug=event.slug)
        except OperationalError as error:
            return try_again_later(request, event, error)
        except RegistrationError as error:
            field = error.field if error.field in form.fields else None
            if field == "email":
                field = "q_email"
            form.add_error(field, str(error))
        else:
            del registration  # its manage link goes by email only
            return redirect("registration:check_inbox", event_slug=event.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "registration/form.html",
        _form_context(
            event, rtype, form, email=form.data.get("q_email", "") if form.is_bound else ""
        ),
        status=status,
    )


def check_inbox(request: HttpRequest, event_slug: str) -> HttpResponse:
    """After the form: the same page whether the email was new or already registered."""
    event = _public_event(event_slug)
    return render(
        request,
        "registration/check_inbox.html",
        {"event": event, "confirm_email": settings.PODIUM_REGISTRATION_CONFIRM_EMAIL},
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed confirmation link: a page with one button (mail scanners only GET), then the seat."""
    registration = registration_from_confirm_token(token)
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return TemplateResponse(request, "registration/confirm_invalid.html", status=404)
    if registration.status != Registration.Status.UNCONFIRMED:
        return redirect("registration:manage", token=make_manage_token(registration))
    if request.method == "POST":
        try:
            registration = confirm_email_address(registration)
        except OperationalError as error:
            return try_again_later(request, registration.event, error)
        except RegistrationError as problem:
            return render(
                request,
                "registration/confirm.html",
                {
                    "event": registration.event,
                    "registration": registration,
                    "problem": str(problem),
                },
                status=409,
            )
        messages.success(request, "Thank you: your email address is confirmed.")
        return redirect(
            f"{reverse('registration:manage', kwargs={'token': make_manage_token(registration)})}?new=1"
        )
    return render(
        request,
        "registration/confirm.html",
        {
            "event": registration.event,
            "registration": registration,
            "when": registration.event.when_display,
        },
    )


def try_again_later(request: HttpRequest, event, error: Exception) -> HttpResponse:
    """A seat lock not granted within PODIUM_LOCK_TIMEOUT: ask the visitor to send the form again."""
    import logging

    logging.getLogger(__name__).warning("registration lock wait gave up: %s", error)
    response = render(request, "registration/try_again.html", {"event": event}, status=503)
    response["Retry-After"] = "5"
    return response


@require_http_methods(["GET", "POST"])
def resend_link(request: HttpRequest, event_slug: str) -> HttpResponse:
    """Email the manage link again; the answer does not reveal whether the email is registered."""
    event = _public_event(event_slug)
    sent = False
    email = (request.POST.get("email") or request.GET.get("email") or "").strip()[:254]
    if request.method == "POST" and public_form_throttled(request, email=email):
        return too_many_requests(request, what="requests for a link")
    if request.method == "POST" and email:
        resend_manage_link(event, email=email)
        sent = True
    return render(
        request, "registration/resend.html", {"event": event, "sent": sent, "email": email}
    )


def invalid_link(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "registration/manage/invalid.html", status=404)


def _manage_or_invalid(request, token):
    registration = registration_from_token(token)
    if registration is None:
        return None, invalid_link(request)
    return registration, None


def manage(request: HttpRequest, token: str) -> HttpResponse:
    registration, error = _manage_or_invalid(request, token)
    if error:
        return error
    event = registration.event
    return render(
        request,
        "registration/manage/detail.html",
        {
            "event": event,
            "registration": registration,
            "token": token,
            "new": request.GET.get("new") == "1",
            "when": event.when_display,
            "rows": [
                ("Name", registration.full_name),
                ("Email", registration.email),
                *answer_rows(registration),
            ],
            "accessibility_deadline": accessibility_deadline(event),
            "waiting_position": waiting_list_position(registration),
            "offer_deadline": offer_deadline_display(registration),
            "qr": checkin_qr_data_uri(registration)
            if registration.status == Registration.Status.CONFIRMED
            else "",
        },
    )


@require_POST
def manage_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant confirms the seat offered to them from the waiting list."""
    registration, error = _manage_or_invalid(request, token)
    if error:
        return error
    try:
        accept_offer(registration)
    except RegistrationError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, "Your seat is confirmed. We've emailed you the confirmation.")
    return redirect("registration:manage", token=token)


def manage_ticket(request: HttpRequest, token: str) -> HttpResponse:
    """A printable ticket: event, name, check-in code and its QR code (confirmed registrations)."""
    registration, error = _manage_or_invalid(request, token)
    if error:
        return error
    if registration.status != Registration.Status.CONFIRMED:
        messages.error(request, "Only a confirmed registration has a ticket.")
        return redirect("registration:manage", token=token)
    return render(
        request,
        "registration/manage/ticket.html",
        {
            "event": registration.event,
            "registration": registration,
            "token": token,
            "qr": checkin_qr_data_uri(registration),
        },
    )


@require_http_methods(["GET", "POST"])
def manage_edit(request: HttpRequest, token: str) -> HttpResponse:
    registration, error = _manage_or_invalid(request, token)
    if error:
        return error
    event = registration.event
    rtype = registration.registration_type
    rtype.event = event
    if registration.status == Registration.Status.CANCELLED:
        messages.error(request, "This registration is cancelled and can no longer be changed.")
        return redirect("registration:manage", token=token)
    form = RegistrationForm(
        request.POST or None,
        registration_type=rtype,
        editing=True,
        initial=RegistrationForm.initial_from(registration),
    )
    if request.method == "POST" and form.is_valid():
        update_answers(
            registration,
            answers=form.answers(),
            accessibility_request=form.cleaned_data.get("accessibility_request", ""),
            marketing_opt_in=form.cleaned_data.get("marketing_opt_in", False),
        )
        messages.success(request, "Your changes are saved.")
        return redirect("registration:manage", token=token)
    return render(
        request,
        "registration/form.html",
        _form_context(event, rtype, form, editing=True, registration=registration, token=token),
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def manage_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration, error = _manage_or_invalid(request, token)
    if error:
        return error
    if request.method == "POST":
        if public_form_throttled(request, email=registration.email):
            return too_many_requests(request, what="changes to this registration")
        cancel_registration(registration, reason="cancelled by the registrant")
        messages.success(
            request, "Your registration is cancelled. We have sent you a confirmation."
        )
        return redirect("registration:manage", token=token)
    return render(
        request,
        "registration/manage/cancel.html",
        {
            "event": registration.event,
            "registration": registration,
            "token": token,
            "when": registration.event.when_display,
        },
    )


def manage_ics(request: HttpRequest, token: str) -> HttpResponse:
    registration, error = _manage_or_invalid(request, token)
    if error:
        return error
    body = registration_ics(registration, manage_link=manage_url(registration), method="PUBLISH")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{registration.event.slug}.ics"'
    return response
