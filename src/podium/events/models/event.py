"""An event, its speakers with their role at it, its partners and topics."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import dateformat, timezone

from podium.common.models.files import ProtectedFileField, ProtectedImageField
from podium.events.models.people import Organisation, Person

TIME_ZONE_CHOICES = sorted((tz, tz) for tz in zoneinfo.available_timezones() if "/" in tz)


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        POSTPONED = "postponed", "Postponed"
        CANCELLED = "cancelled", "Cancelled"
        PAST = "past", "Past"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(
        blank=True, help_text="One or two sentences for listings and previews."
    )
    description = models.TextField(blank=True, help_text="Paragraphs separated by blank lines.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    time_zone = models.CharField(
        max_length=64, choices=TIME_ZONE_CHOICES, default="America/New_York"
    )
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(blank=True)
    online_url = models.URLField(
        blank=True, help_text="Livestream or meeting link, for online events."
    )
    image = ProtectedImageField(kind="image", prefix="events", blank=True)
    image_alt = models.CharField(max_length=300, blank=True)
    image_caption = models.TextField(blank=True)
    image_credit = models.CharField(max_length=300, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="events")
    sponsor_text = models.TextField(
        blank=True,
        help_text="Acknowledgement: 'This program was made possible by the generous support of …'",
    )
    accessibility_email = models.EmailField(blank=True)
    accessibility_lead_days = models.PositiveSmallIntegerField(
        default=3, help_text="Business days of notice needed for accommodation requests."
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Seats shared by all registration types (empty: only each type's own limit).",
    )
    waiting_list_offer_hours = models.PositiveSmallIntegerField(
        default=24,
        help_text="A person promoted from the waiting list has this many hours to confirm "
        "before the seat moves on (0: promoted people are confirmed at once).",
    )
    waiting_list_cutoff_hours = models.PositiveSmallIntegerField(
        default=24,
        help_text="No promotions from the waiting list this many hours before the start.",
    )
    related_suggestions = models.PositiveSmallIntegerField(
        default=3,
        help_text="How many similar publications to suggest beside the ones chosen by hand (0: none).",
    )
    video_url = models.URLField(blank=True, help_text="YouTube or Vimeo link of the recording.")
    video_file = ProtectedFileField(kind="recording", prefix="recordings", blank=True)
    embedding = models.BinaryField(
        null=True,
        blank=True,
        editable=False,
        help_text="Cached sentence embedding (float32) of the text.",
    )
    embedding_key = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Hash of the text the embedding was made from.",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="team_events",
        help_text="Staff limited to their events may work on this one.",
    )
    date_to_be_announced = models.BooleanField(
        default=False, help_text="Postponed without a new date yet."
    )
    postponed_from = models.DateTimeField(
        null=True, blank=True, help_text="The start before the first postponement."
    )
    status_message = models.TextField(
        blank=True, help_text="Why it was cancelled or postponed; shown in the page's banner."
    )
    calendar_sequence = models.PositiveIntegerField(
        default=0,
        help_text="SEQUENCE of the calendar files; raised when the date or status changes.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        """The start time in the event's own time zone."""
        return timezone.localtime(self.starts_at, self.tz)

    @property
    def when_display(self) -> str:
        """'Tuesday, February 3, 2026 | 6:30 PM (EST)', in the event's own time zone."""
        if self.date_to_be_announced:
            return "Date to be announced"
        return dateformat.format(self.local_start, "l, F j, Y | g:i A (T)")

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_postponed(self) -> bool:
        return self.status == self.Status.POSTPONED

    @property
    def registration_closed(self) -> bool:
        """Cancelled or over: nobody registers and nobody is promoted from the waiting list."""
        return self.status in (self.Status.CANCELLED, self.Status.PAST)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.tz) if self.ends_at else None

    @property
    def description_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.description.split("\n\n") if p.strip()]

    @property
    def lead(self) -> str:
        """The summary, or else the first paragraph of the description (for previews and feeds)."""
        paragraphs = self.description_paragraphs
        return self.summary or (paragraphs[0] if paragraphs else "")

    @property
    def is_past(self) -> bool:
        return (self.ends_at or self.starts_at) < timezone.now()

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT


class EventSpeaker(models.Model):
    """A person's part in one event: their role and how they are introduced there."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appearances")
    role = models.CharField(
        max_length=100, blank=True, help_text="moderator, panelist, welcoming remarks…"
    )
    title = models.CharField(
        max_length=300, blank=True, help_text="Overrides the person's title for this event."
    )
    organisation_name = models.CharField(
        max_length=200, blank=True, help_text="Overrides the person's organisation."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="unique_speaker_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role})" if self.role else str(self.person)

    @property
    def shown_title(self) -> str:
        return self.title or self.person.title

    @property
    def shown_organisation(self) -> str:
        if self.organisation_name:
            return self.organisation_name
        return self.person.organisation.name if self.person.organisation_id else ""

    @property
    def affiliation(self) -> str:
        """'Senior Expert, Northeast Asia, U.S. Institute of Peace': title, then organisation."""
        return ", ".join(part for part in (self.shown_title, self.shown_organisation) if part)


class EventPartner(models.Model):
    class Kind(models.TextChoices):
        CO_ORGANISER = "co-organiser", "Co-organiser"
        SPONSOR = "sponsor", "Sponsor"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnerships"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CO_ORGANISER)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation", "kind"], name="unique_partner_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_kind_display()})"


class EventStateChange(models.Model):
    """The audit trail of an event's states: who moved it, from which state to which, why, when."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="state_changes")
    action = models.CharField(max_length=40, help_text="publish, unpublish, postpone, cancel, past")
    previous = models.CharField(max_length=20, choices=Event.Status.choices)
    state = models.CharField(max_length=20, choices=Event.Status.choices)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event}: {self.previous} -> {self.state} ({self.action})"
