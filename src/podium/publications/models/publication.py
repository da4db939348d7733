"""A publication and its hand-picked link to events ("Related Publications")."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from podium.common.models.files import ProtectedFileField, ProtectedImageField
from podium.events.models import Event, Person, Topic


class Publication(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class Kind(models.TextChoices):
        ANALYSIS = "analysis", "Analysis"
        ARTICLE = "article", "Article"
        BRIEF = "brief", "Program Brief"
        COMMENTARY = "commentary", "Commentary"
        QA = "question-and-answer", "Question and Answer"
        REPORT = "report", "Report"
        TESTIMONY = "testimony", "Testimony"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    kind = models.CharField("type", max_length=30, choices=Kind.choices, default=Kind.ANALYSIS)
    published_on = models.DateField(help_text="The date printed on the publication.")
    summary = models.TextField(help_text="One paragraph for listings and event pages.")
    body = models.TextField(blank=True, help_text="Full text; paragraphs separated by blank lines.")
    url = models.URLField(
        "link", blank=True, help_text="Where the publication lives, if elsewhere."
    )
    file = ProtectedFileField(
        kind="document", prefix="publications", blank=True, help_text="A PDF or other document."
    )
    image = ProtectedImageField(kind="image", prefix="publications/images", blank=True)
    image_alt = models.CharField(max_length=300, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="publications")
    authors = models.ManyToManyField(Person, blank=True, related_name="publications")
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publications:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def body_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]


class EventPublication(models.Model):
    """A publication chosen by staff for an event's "Related Publications"."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="chosen_publications")
    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="event_links"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "publication"], name="unique_publication_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication} → {self.event}"
