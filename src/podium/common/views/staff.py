"""The one guard in front of every staff page: `staff_view`.

    @staff_view("events.change_event")           # /staff/events/<slug>/edit/
    def event_edit(request, event): ...

    @staff_view("events.change_person", event=False)   # /staff/people/<pk>/
    def person_form(request, pk=None): ...

Anonymous visitors go to the login page; signed-in users without a staff role
(`accounts.access_staff_area`) get 403. On event pages (the default) the event
is loaded from the URL's `slug` (404 when there is none), the named permission
is checked against that event object (django-rules predicates take it, so
per-event teams can narrow them later), and the view receives the event
instead of the slug. Pages outside one event check the permission without an
object. `check_staff` is for the rare second check on another object (a
publication) inside a view.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

STAFF_PERMISSION = "accounts.access_staff_area"


def check_staff(request, permission: str | None = None, obj=None) -> None:
    """Raise PermissionDenied unless the signed-in user is staff (and has `permission` on `obj`)."""
    user = request.user
    if not user.has_perm(STAFF_PERMISSION):
        raise PermissionDenied("This page is for staff.")
    if permission and not user.has_perm(permission, obj):
        raise PermissionDenied("Your role does not allow this.")


def staff_view(permission: str | None = None, *, event: bool = True) -> Callable:
    """Decorator for staff views: sign-in, staff role, then `permission` on the URL's event.

    With `event=False` the view keeps its URL arguments and `permission` (if
    any) is checked without an object.
    """

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not event:
                check_staff(request, permission)
                return view(request, *args, **kwargs)
            event_model = apps.get_model("events", "Event")
            the_event = get_object_or_404(event_model, slug=kwargs.pop("slug"))
            check_staff(request, permission, the_event)
            return view(request, the_event, *args, **kwargs)

        return wrapper

    return decorate
