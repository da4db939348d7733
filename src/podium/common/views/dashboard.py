"""The staff dashboard: what needs attention, at a glance.

Other apps add panels without touching this view: any template named in
`DASHBOARD_PANELS` that exists is included (with the same context, plus
`user` and `perms`). The registration app may provide
`registration/_staff_dashboard.html` (e.g. media waiting for approval) and the
briefs app `briefs/_staff_dashboard.html` (e.g. briefs waiting for review).
"""

from __future__ import annotations

from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone

from podium.accounts.domain.roles import ROLE_LABELS, roles_of
from podium.common.views.staff import staff_view
from podium.events.models import Event
from podium.events.rules import events_for_user

DASHBOARD_PANELS = ["registration/_staff_dashboard.html", "briefs/_staff_dashboard.html"]


def _existing(names: list[str]) -> list[str]:
    found = []
    for name in names:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        found.append(name)
    return found


@staff_view(event=False)
def dashboard(request):
    now = timezone.now()
    events = events_for_user(Event.objects.all(), request.user)
    context = {
        "staff_nav": "dashboard",
        "roles": [ROLE_LABELS[role] for role in roles_of(request.user)],
        "panels": _existing(DASHBOARD_PANELS),
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
