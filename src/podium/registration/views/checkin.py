"""The door: a phone-sized check-in page. HTMX swaps search results, rows and the live counts;
without JavaScript the same forms post and redirect back."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from podium.common.views.staff import staff_view
from podium.registration import rules
from podium.registration.domain.checkin import check_in, find_by_checkin_code, undo_check_in
from podium.registration.domain.errors import InvalidTransition
from podium.registration.domain.queries.registrations import (
    checkin_counts,
    event_registrations,
    search_registrations,
)
from podium.registration.domain.transitions import admit_walk_in
from podium.registration.models import Registration

RESULT_LIMIT = 25


def _search(event, text: str):
    if not text.strip():
        return []
    return list(
        search_registrations(event_registrations(event), text).order_by("last_name", "first_name")[
            :RESULT_LIMIT
        ]
    )


@staff_view(rules.CHECK_IN)
def checkin_page(request: HttpRequest, event) -> HttpResponse:
    query = request.GET.get("q", "")
    return render(
        request,
        "registration/staff/checkin.html",
        {
            "event": event,
            "q": query,
            "results": _search(event, query),
            "counts": checkin_counts(event),
            "staff_nav": "events",
        },
    )


@staff_view(rules.CHECK_IN)
def checkin_search(request: HttpRequest, event) -> HttpResponse:
    query = request.GET.get("q", "")
    return render(
        request,
        "registration/staff/_checkin_results.html",
        {"event": event, "q": query, "results": _search(event, query)},
    )


@staff_view(rules.CHECK_IN)
def checkin_counts_view(request: HttpRequest, event) -> HttpResponse:
    return render(
        request,
        "registration/staff/_checkin_counts.html",
        {"event": event, "counts": checkin_counts(event)},
    )


def _row_response(request, event, registration, *, error: str = "", status: int = 200):
    if not request.htmx:
        (messages.error if error else messages.success)(
            request,
            error
            or f"{registration.full_name or registration.email}: "
            f"{'checked in' if registration.checked_in_at else 'check-in undone'}.",
        )
        return redirect(
            reverse("registration_staff:checkin", args=[event.slug])
            + f"?q={registration.checkin_code}"
        )
    return render(
        request,
        "registration/staff/_checkin_row.html",
        {
            "event": event,
            "r": registration,
            "error": error,
            "counts": checkin_counts(event),
            "oob": True,
        },
        status=status,
    )


@require_POST
@staff_view(rules.CHECK_IN)
def checkin_toggle(request: HttpRequest, event, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration, event=event, pk=pk)
    try:
        if request.POST.get("action") == "undo":
            registration = undo_check_in(registration, actor=request.user)
        elif request.POST.get("action") == "walk_in":
            registration = admit_walk_in(registration, actor=request.user)
        else:
            registration = check_in(registration, actor=request.user)
    except InvalidTransition as error:
        registration.refresh_from_db()
        return _row_response(request, event, registration, error=str(error))
    return _row_response(request, event, registration)


@require_POST
@staff_view(rules.CHECK_IN)
def checkin_by_code(request: HttpRequest, event) -> HttpResponse:
    """Manual code entry (or a scanner typing into the field): check in at once if allowed."""
    code = request.POST.get("code", "")
    registration = find_by_checkin_code(event, code)
    error = ""
    if registration is None:
        error = f"No registration with the code “{code.strip()[:20]}” for this event."
    else:
        try:
            registration = check_in(registration, actor=request.user)
        except InvalidTransition as refusal:
            error = str(refusal)
    context = {
        "event": event,
        "r": registration,
        "error": error,
        "counts": checkin_counts(event),
        "oob": True,
        "code": code,
    }
    if not request.htmx:
        (messages.error if error else messages.success)(
            request, error or f"{registration.full_name or registration.email} checked in."
        )
        return redirect("registration_staff:checkin", event.slug)
    return render(request, "registration/staff/_checkin_code_result.html", context)
