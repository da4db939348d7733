"""An event, its speakers with their role at it, its partners and topics."""

from __future__ import annotations

import zoneinfo

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
        CANCELLED = "cancelled", "Cancelled"

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
        return dateformat.format(self.local_start, "l, F j, Y | g:i A (T)")

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
