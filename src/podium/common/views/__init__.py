"""Shared view helpers: the staff-area guard and the staff dashboard."""

from podium.common.views.staff import StaffRequiredMixin, staff_required

__all__ = ["StaffRequiredMixin", "staff_required"]
