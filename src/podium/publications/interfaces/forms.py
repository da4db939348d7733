"""Staff forms for publications and for choosing an event's related publications."""

from __future__ import annotations

from django import forms

from podium.publications.models import Publication


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = [
            "title",
            "kind",
            "published_on",
            "summary",
            "body",
            "url",
            "file",
            "image",
            "image_alt",
            "topics",
            "authors",
        ]
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "body": forms.Textarea(attrs={"rows": 10}),
            "topics": forms.CheckboxSelectMultiple,
            "authors": forms.SelectMultiple(attrs={"size": 8}),
        }
        labels = {"image_alt": "Image alt text"}

    def clean(self):
        data = super().clean()
        if data.get("image") and not data.get("image_alt"):
            self.add_error("image_alt", "Describe the image for screen-reader users.")
        return data


class RelatedPublicationsForm(forms.Form):
    publications = forms.ModelMultipleChoiceField(
        queryset=Publication.objects.order_by("-published_on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Chosen publications",
        help_text="Shown first under “Related Publications”; similar ones are suggested after them.",
    )
