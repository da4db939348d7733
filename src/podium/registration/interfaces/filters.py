"""Filters of the staff registrations list (django-filter): type, status, flags, search."""

from __future__ import annotations

import django_filters
from django import forms

from podium.registration.domain.queries.registrations import search_registrations
from podium.registration.models import Registration, RegistrationType

YES_NO = [("", "Any"), ("true", "Yes"), ("false", "No")]


class RegistrationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Name, email or code"}),
    )
    registration_type = django_filters.ModelChoiceFilter(
        label="Type", queryset=RegistrationType.objects.none(), empty_label="All types"
    )
    status = django_filters.ChoiceFilter(
        choices=Registration.Status.choices, empty_label="All statuses"
    )
    accessibility_flagged = django_filters.TypedChoiceFilter(
        label="Late accessibility request", choices=YES_NO, coerce=lambda v: v == "true"
    )
    has_accessibility_request = django_filters.TypedChoiceFilter(
        label="Accessibility request",
        choices=YES_NO,
        coerce=lambda v: v == "true",
        method="filter_has_request",
    )
    checked_in = django_filters.TypedChoiceFilter(
        label="Checked in", choices=YES_NO, coerce=lambda v: v == "true", method="filter_checked_in"
    )

    class Meta:
        model = Registration
        fields = ["q", "registration_type", "status", "accessibility_flagged"]

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["registration_type"].queryset = RegistrationType.objects.filter(event=event)

    def filter_search(self, queryset, name, value):
        return search_registrations(queryset, value)

    def filter_has_request(self, queryset, name, value):
        return (
            queryset.exclude(accessibility_request="")
            if value
            else queryset.filter(accessibility_request="")
        )

    def filter_checked_in(self, queryset, name, value):
        return queryset.filter(checked_in_at__isnull=not value)
