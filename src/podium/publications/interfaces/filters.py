"""Filters of the publication listing: type, topic, year, search (django-filter)."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from podium.events.models import Topic
from podium.publications.models import Publication


def year_choices():
    dates = Publication.objects.filter(status=Publication.Status.PUBLISHED).dates(
        "published_on", "year", order="DESC"
    )
    return [(d.year, str(d.year)) for d in dates]


class PublicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search")
    kind = django_filters.ChoiceFilter(
        label="Type", choices=Publication.Kind.choices, empty_label="All types"
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
        empty_label="All topics",
    )
    year = django_filters.ChoiceFilter(
        label="Year", choices=year_choices, field_name="published_on__year", empty_label="All years"
    )

    class Meta:
        model = Publication
        fields = ["q", "kind", "topic", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.label_suffix = ""

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(authors__name__icontains=word)
            )
        return queryset.distinct()
