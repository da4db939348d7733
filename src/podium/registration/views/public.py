"""Public registration pages: the form, "resend my link", and the private manage pages.

Thin: parse the request, call ``podium.registration.domain``, render. A
forged, expired or revoked manage link gets a 404 page that says so.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from podium.events.models import Event, Organisation
from podium.registration.domain.calendar import checkin_qr_data_uri, registration_ics
from podium.registration.domain.errors import DuplicateRegistration, RegistrationError
from podium.registration.domain.leadtime import accessibility_deadline
from podium.registration.domain.notifications import offer_deadline_display
from podium.registration.domain.queries.registrations import answer_rows, waiting_list_position
from podium.registration.domain.registration import register, resend_manage_link, update_answers
from podium.registration.domain.tokens import manage_url, registration_from_token
from podium.registration.domain.transitions import accept_offer, cancel_registration
from podium.registration.interfaces.forms.registration import RegistrationForm
from podium.registration.models import Registration, RegistrationType


def _public_event(slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not event.is_public:
        raise Http404("No such event")
    return event


def _form_context(event, rtype, form, **extra):
    return {
        "event": event,
        "registration_type": rtype,
        "form": form,
        "when": event.when_display,
        "organisations": Organisation.objects.values_list("name", flat=True)[:500],
        "accessibility_deadline": accessibility_deadline(event),
        **extra,
    }


@require_http_methods(["GET", "POST"])
def registration_form(request: HttpRequest, event_slug: str, type_slug: str) -> HttpResponse:
    event = _public_event(event_slug)
    rtype = get_object_or_404(RegistrationType, event=event, slug=type_slug, is_active=True)
    rtype.event = event
    if not rtype.is_open():
        return render(
            request,
            "registration/closed.html",
            {"event": event, "registration_type": rtype},
            status=200,
        )
    form = RegistrationForm(request.POST or None, registration_type=rtype)
    duplicate = False
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
            )
        except DuplicateRegistration as error:
            duplicate = True
            form.add_error("q_email", str(error))
        except RegistrationError as error:
            field = error.field if error.field in form.fields else None
            if field == "email":
                field = "q_email"
            form.add_error(field, str(error))
        else:
            request.session[f"registered-{registration.pk}"] = True
            return redirect(manage_url(registration, absolute=False) + "?new=1")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "registration/form.html",
        _form_context(
            event,
            rtype,
            form,
            duplicate=duplicate,
            email=form.data.get("q_email", "") if form.is_bound else "",
        ),
        status=status,
    )


@require_http_methods(["GET", "POST"])
def resend_link(request: HttpRequest, event_slug: str) -> HttpResponse:
    """Email the manage link again; the answer does not reveal whether the email is registered."""
    event = _public_event(event_slug)
    sent = False
    email = (request.POST.get("email") or request.GET.get("email") or "").strip()[:254]
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
