"""The search form of `/search/` and `/search.json`: query, filters, page (Django forms)."""

from __future__ import annotations

from django import forms

from podium.archive.domain.search import EVENT_TYPES, SearchFilters


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", max_length=300, required=False)
    speaker = forms.ChoiceField(label="Speaker", required=False)
    topic = forms.ChoiceField(label="Topic", required=False)
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    type = forms.ChoiceField(
        label="Event type",
        required=False,
        choices=[("", "Any type"), *EVENT_TYPES.items()],
    )

    def __init__(self, *args, speakers=(), topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        self.fields["speaker"].choices = [("", "Anyone"), *speakers]
        self.fields["topic"].choices = [("", "All topics"), *topics]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return data

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            speaker=data.get("speaker") or "",
            topic=data.get("topic") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            event_type=data.get("type") or "",
        )
