"""People (speakers, authors) and organisations, reused across events."""

from django.db import models
from django.urls import reverse

from podium.common.models.files import ProtectedImageField


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField(blank=True)
    logo = ProtectedImageField(kind="image", prefix="organisations", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone who speaks at events or writes publications."""

    name = models.CharField(max_length=200, help_text="As printed: 'Susan A. Thornton'.")
    slug = models.SlugField(max_length=200, unique=True)
    honorific = models.CharField(
        max_length=100,
        blank=True,
        help_text="Printed before the name: 'Lieutenant General (retired)'.",
    )
    title = models.CharField(max_length=300, blank=True, help_text="Position: 'Senior Fellow'.")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    bio = models.TextField(blank=True)
    photo = ProtectedImageField(kind="image", prefix="people", blank=True)
    email = models.EmailField(blank=True, help_text="Private; never shown on public pages.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def bio_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.bio.split("\n\n") if p.strip()]

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("events:person", kwargs={"slug": self.slug})
