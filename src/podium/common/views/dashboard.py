"""The staff dashboard: what needs attention, at a glance."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from podium.accounts.domain.roles import roles_of
from podium.common.views.staff import staff_required
from podium.events.models import Event


@staff_required
def dashboard(request):
    now = timezone.now()
    events = Event.objects.all()
    context = {
        "staff_nav": "dashboard",
        "roles": roles_of(request.user),
        "upcoming": events.filter(starts_at__gte=now).order_by("starts_at")[:10],
        "drafts": events.filter(status=Event.Status.DRAFT).order_by("starts_at")[:10],
        "recent": events.filter(starts_at__lt=now).order_by("-starts_at")[:10],
    }
    try:
        from podium.publications.models import Publication
    except ImportError:  # the publications app is optional for the dashboard
        Publication = None
    if Publication is not None:
        context["publications"] = Publication.objects.order_by("-published_on")[:5]
    return render(request, "staff/dashboard.html", context)
