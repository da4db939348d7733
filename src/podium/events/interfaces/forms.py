"""Staff forms for events, speakers, partners, people, organisations and topics.

The event form takes the start as a local date and time in the event's own
time zone (as organisers think of it) and stores an aware datetime.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django import forms
from django.contrib.auth import get_user_model

from podium.accounts.rules import LIMITED_TO_TEAM
from podium.events.models import Event, EventPartner, EventSpeaker, Organisation, Person, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class FieldsetsMixin:
    """Forms that show their fields in titled groups (`FIELDSETS`), labels without colons."""

    FIELDSETS: list[tuple[str, list[str]]] = []

    def fieldsets(self):
        """(legend, bound fields) in the order the form shows them."""
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        affiliation = ", ".join(
            p
            for p in (person.title, person.organisation.name if person.organisation_id else "")
            if p
        )
        return f"{person.display_name} — {affiliation}" if affiliation else person.display_name


class EventForm(FieldsetsMixin, forms.ModelForm):
    start_date = forms.DateField(widget=DATE, label="Date")
    start_time = forms.TimeField(widget=TIME, label="Start time")
    end_time = forms.TimeField(widget=TIME, label="End time", required=False)

    class Meta:
        model = Event
        fields = [
            "title",
            "summary",
            "description",
            "start_date",
            "start_time",
            "end_time",
            "time_zone",
            "venue_name",
            "venue_address",
            "online_url",
            "image",
            "image_alt",
            "image_caption",
            "image_credit",
            "topics",
            "sponsor_text",
            "accessibility_email",
            "accessibility_lead_days",
            "related_suggestions",
            "capacity",
            "waiting_list_offer_hours",
            "waiting_list_cutoff_hours",
            "team",
            "video_url",
            "video_file",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "venue_address": forms.Textarea(attrs={"rows": 3}),
            "image_caption": forms.Textarea(attrs={"rows": 2}),
            "sponsor_text": forms.Textarea(attrs={"rows": 2}),
            "topics": forms.CheckboxSelectMultiple,
            "team": forms.CheckboxSelectMultiple,
        }
        labels = {
            "image_alt": "Image alt text",
            "online_url": "Online link",
            "capacity": "Capacity of the whole event",
            "waiting_list_offer_hours": "Hours to confirm a seat offered from the waiting list",
            "waiting_list_cutoff_hours": "Stop waiting-list promotions this many hours before the start",
        }
        help_texts = {
            "image_alt": "Describes the picture for people who cannot see it. Required with an image."
        }

    FIELDSETS = [
        ("The event", ["title", "summary", "description", "topics"]),
        ("When", ["start_date", "start_time", "end_time", "time_zone"]),
        ("Where", ["venue_name", "venue_address", "online_url"]),
        ("Picture", ["image", "image_alt", "image_caption", "image_credit"]),
        (
            "Acknowledgement, accessibility and related publications",
            [
                "sponsor_text",
                "accessibility_email",
                "accessibility_lead_days",
                "related_suggestions",
            ],
        ),
        (
            "Registration: shared capacity and waiting list",
            ["capacity", "waiting_list_offer_hours", "waiting_list_cutoff_hours"],
        ),
        ("Team (staff limited to their events)", ["team"]),
        ("Recording (after the event)", ["video_url", "video_file"]),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        for name in ("waiting_list_offer_hours", "waiting_list_cutoff_hours"):
            self.fields[name].required = False
        self.fields["team"].queryset = (
            get_user_model()
            .objects.filter(groups__name=LIMITED_TO_TEAM, is_active=True)
            .distinct()
            .order_by("username")
        )
        self.fields[
            "team"
        ].help_text = "Staff in the “Limited to their events” group who may work on this event."
        if self.instance.pk and self.instance.starts_at:
            local = self.instance.local_start
            self.initial.setdefault("start_date", local.date())
            self.initial.setdefault("start_time", local.time().replace(second=0, microsecond=0))
            if self.instance.ends_at:
                self.initial.setdefault(
                    "end_time", self.instance.local_end.time().replace(second=0, microsecond=0)
                )

    def clean(self):
        data = super().clean()
        for name in ("waiting_list_offer_hours", "waiting_list_cutoff_hours"):
            if data.get(name) is None:  # left empty: the model's default
                data[name] = Event._meta.get_field(name).default
                setattr(self.instance, name, data[name])
        if data.get("image") and not data.get("image_alt"):
            self.add_error("image_alt", "Describe the image for screen-reader users.")
        if not data.get("venue_name") and not data.get("online_url"):
            self.add_error("venue_name", "Give a venue or an online link.")
        day, start, end = data.get("start_date"), data.get("start_time"), data.get("end_time")
        tz_name = data.get("time_zone") or self.instance.time_zone
        if day and start and tz_name:
            tz = zoneinfo.ZoneInfo(tz_name)
            self.instance.starts_at = datetime.combine(day, start, tzinfo=tz)
            self.instance.ends_at = datetime.combine(day, end, tzinfo=tz) if end else None
            if end and end <= start:
                self.add_error("end_time", "The end must be after the start.")
        return data


class SpeakerForm(FieldsetsMixin, forms.ModelForm):
    """A speaker on an event: an existing person, or a new one typed in."""

    FIELDSETS = [
        ("Someone who has spoken before", ["person"]),
        ("…or a new person", ["new_name", "new_title", "new_organisation"]),
        ("At this event", ["role", "order", "title", "organisation_name"]),
    ]
    person = PersonChoiceField(queryset=Person.objects.none(), required=False, label="Person")

    new_name = forms.CharField(
        label="Name", required=False, max_length=200, help_text="As printed: “Susan A. Thornton”."
    )
    new_title = forms.CharField(label="Title", required=False, max_length=300)
    new_organisation = forms.CharField(label="Organisation", required=False, max_length=200)

    class Meta:
        model = EventSpeaker
        fields = [
            "person",
            "new_name",
            "new_title",
            "new_organisation",
            "role",
            "order",
            "title",
            "organisation_name",
        ]
        labels = {
            "person": "Person",
            "title": "Title at this event (optional)",
            "organisation_name": "Organisation at this event (optional)",
        }

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.label_suffix = ""
        self.fields["person"].queryset = Person.objects.select_related("organisation")

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("new_name"):
            self.add_error("person", "Choose a person or type a new person's name.")
        person = data.get("person")
        if (
            person
            and EventSpeaker.objects.filter(event=self.event, person=person)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("person", "This person is already a speaker at this event.")
        return data


class PartnerForm(forms.ModelForm):
    new_organisation = forms.CharField(
        label="…or a new organisation", required=False, max_length=200
    )

    class Meta:
        model = EventPartner
        fields = ["organisation", "new_organisation", "kind", "order"]

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["organisation"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("new_organisation"):
            self.add_error("organisation", "Choose an organisation or type a new one.")
        return data


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "honorific", "title", "organisation", "bio", "photo", "email"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 10})}


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "url", "logo"]


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["name"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Topic.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("This topic exists already.")
        return name


class CancelEventForm(forms.Form):
    """Staff cancel an event: the page is the confirmation; a reason and whether to tell people."""

    reason = forms.CharField(
        label="Reason (shown on the event page and in the email)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notify = forms.BooleanField(
        label="Email every confirmed, pending and waiting registrant",
        required=False,
        initial=True,
    )
    confirm = forms.BooleanField(
        label="Yes, cancel this event: registration closes and cannot be reopened",
        required=True,
        error_messages={"required": "Tick the box to confirm the cancellation."},
    )


class PostponeEventForm(forms.Form):
    """Staff postpone an event to a new local date and time, or to a date to be announced."""

    to_be_announced = forms.BooleanField(label="The new date is to be announced", required=False)
    start_date = forms.DateField(widget=DATE, label="New date", required=False)
    start_time = forms.TimeField(widget=TIME, label="New start time", required=False)
    end_time = forms.TimeField(widget=TIME, label="New end time", required=False)
    reason = forms.CharField(
        label="Message (shown on the event page and in the email)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notify = forms.BooleanField(
        label="Email every confirmed, pending and waiting registrant",
        required=False,
        initial=True,
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def clean(self):
        data = super().clean()
        day, start, end = data.get("start_date"), data.get("start_time"), data.get("end_time")
        data["starts_at"] = data["ends_at"] = None
        if data.get("to_be_announced"):
            return data
        if not day:
            self.add_error("start_date", "Give the new date, or tick “to be announced”.")
        if not start:
            self.add_error("start_time", "Give the new start time.")
        if day and start:
            tz = self.event.tz
            data["starts_at"] = datetime.combine(day, start, tzinfo=tz)
            if end:
                if end <= start:
                    self.add_error("end_time", "The end must be after the start.")
                data["ends_at"] = datetime.combine(day, end, tzinfo=tz)
        return data
