"""Search and topic filter of the public event listing (django-filter)."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from podium.events.models import Event, Topic


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search")
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
        empty_label="All topics",
    )

    class Meta:
        model = Event
        fields = ["q", "topic"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.label_suffix = ""

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(speakers__person__name__icontains=word)
            )
        return queryset.distinct()
