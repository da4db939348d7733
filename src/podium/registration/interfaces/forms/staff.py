"""Staff forms: approval messages, bulk messages, registration type settings, form editing."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from podium.registration.models import FormSection, Question, RegistrationType
from podium.registration.validators.question import validate_choices


class DecisionForm(forms.Form):
    message = forms.CharField(
        label="Message to the registrant (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MessageForm(forms.Form):
    AUDIENCES = {
        "confirmed": ("Confirmed registrants", ["confirmed"]),
        "confirmed_waitlisted": ("Confirmed and waiting list", ["confirmed", "waitlisted"]),
        "all_active": (
            "Everyone not cancelled or rejected",
            ["confirmed", "waitlisted", "pending"],
        ),
    }
    audience = forms.ChoiceField(
        choices=[(k, v[0]) for k, v in AUDIENCES.items()], initial="confirmed"
    )
    subject = forms.CharField(max_length=200)
    body = forms.CharField(
        label="Message",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Each person also gets their private registration link.",
    )

    def statuses(self) -> list[str]:
        return self.AUDIENCES[self.cleaned_data["audience"]][1]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class RegistrationTypeForm(forms.ModelForm):
    class Meta:
        model = RegistrationType
        fields = [
            "name",
            "slug",
            "description",
            "order",
            "is_active",
            "opens_at",
            "closes_at",
            "capacity",
            "requires_approval",
            "waiting_list_enabled",
            "access_code",
        ]
        widgets = {
            "opens_at": DateTimeLocalInput(),
            "closes_at": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        clash = RegistrationType.objects.filter(event=self.event, slug=slug).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise ValidationError(
                "Another registration type of this event already uses this address."
            )
        return slug

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", "Registration must close after it opens.")
        return data


class SectionForm(forms.ModelForm):
    class Meta:
        model = FormSection
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label="Options (one per line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For choice and multiple-choice questions.",
    )

    class Meta:
        model = Question
        fields = ["section", "label", "kind", "required", "help_text", "max_length"]

    def __init__(self, *args, registration_type, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = registration_type.sections.all()
        self.fields["section"].empty_label = None
        if self.instance.pk:
            self.fields["choices_text"].initial = "\n".join(self.instance.choices)
            if self.instance.is_system:
                self.fields["kind"].disabled = True
                self.fields["required"].disabled = True

    def clean(self):
        data = super().clean()
        choices = [
            line.strip() for line in (data.get("choices_text") or "").splitlines() if line.strip()
        ]
        kind = data.get("kind")
        try:
            validate_choices(kind, choices)
        except ValidationError as error:
            self.add_error("choices_text", error)
        data["choices"] = choices if kind in Question.CHOICE_KINDS else []
        return data
