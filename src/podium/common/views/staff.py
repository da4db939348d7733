"""The guard in front of every staff page.

`staff_required` (function views) and `StaffRequiredMixin` (class views) send
anonymous visitors to the login page and answer 403 to signed-in users who
have no staff role (rules: `accounts.access_staff_area`). An optional
permission, checked against an optional object, narrows it further:

    @staff_required("events.change_event")
    def edit(request, slug): ...

    class EventEdit(StaffRequiredMixin, UpdateView):
        permission_required = "events.change_event"
        def get_permission_object(self): return self.get_object()
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

STAFF_PERMISSION = "accounts.access_staff_area"


def check_staff(request, permission: str | None = None, obj=None) -> None:
    """Raise PermissionDenied unless the signed-in user is staff (and has `permission`)."""
    user = request.user
    if not user.has_perm(STAFF_PERMISSION):
        raise PermissionDenied("This page is for staff.")
    if permission and not user.has_perm(permission, obj):
        raise PermissionDenied("Your role does not allow this.")


def staff_required(permission: str | Callable | None = None):
    """Decorator: staff only; with a permission name, that permission too.

    Usable bare (`@staff_required`) or with a permission
    (`@staff_required("events.change_event")`). The permission is checked
    without an object; views that need an object check call `check_staff`.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            check_staff(request, perm)
            return view(request, *args, **kwargs)

        return wrapper

    if callable(permission):
        perm = None
        return decorate(permission)
    perm = permission
    return decorate


class StaffRequiredMixin:
    """Class-based views: staff only, plus `permission_required` on `get_permission_object()`."""

    permission_required: str | None = None

    def get_permission_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        check_staff(request)
        if self.permission_required:
            self.request, self.args, self.kwargs = request, args, kwargs
            check_staff(request, self.permission_required, self.get_permission_object())
        return super().dispatch(request, *args, **kwargs)
