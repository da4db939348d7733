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
    notify = forms.BooleanField(label="Email the registrant", required=False, initial=True)


class StaffCancelForm(forms.Form):
    """Cancelling someone's registration: a reason, whether to tell them, and a box to tick."""

    message = forms.CharField(
        label="Reason (optional; sent to the registrant if you email them)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notify = forms.BooleanField(label="Email the registrant", required=False, initial=True)
    confirm = forms.BooleanField(
        label="Yes, cancel this registration (the seat goes to the waiting list)",
        error_messages={"required": "Tick the box to confirm the cancellation."},
    )


class BulkActionForm(forms.Form):
    """An action on the registrations ticked in the list."""

    ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), label="Registrations")
    action = forms.ChoiceField(choices=(), label="Action")
    message = forms.CharField(
        label="Message or reason (optional, except for “Send a message”)",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    subject = forms.CharField(
        label="Subject (for “Send a message”)", required=False, max_length=200
    )
    notify = forms.BooleanField(label="Email the people concerned", required=False, initial=True)
    confirm = forms.BooleanField(
        label="Yes, apply this to every ticked registration",
        error_messages={"required": "Tick the box to confirm the action."},
    )

    def __init__(self, *args, event, actions: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Choose…"), *actions.items()]
        self.fields["ids"].choices = [
            (pk, pk) for pk in event.registrations.values_list("pk", flat=True)
        ]

    def clean(self):
        data = super().clean()
        if data.get("action") == "message":
            if not (data.get("subject") or "").strip():
                self.add_error("subject", "Give the message a subject.")
            if not (data.get("message") or "").strip():
                self.add_error("message", "Write the message.")
        return data


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
        self.fields["slug"].required = False
        self.fields["slug"].help_text = (
            "Part of the form's address (/register/<event>/<this>/). Leave empty to make it "
            "from the name."
        )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if not slug:
            return self.instance.slug if self.instance.pk else ""
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
