"""Slugs that stay unique, built on Django's `slugify`."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify


def unique_slug(
    model: type[models.Model],
    text: str,
    *,
    instance=None,
    max_length: int = 180,
    scope: dict | None = None,
) -> str:
    """A slug of `text` unused by any other row of `model` ('-2', '-3'… appended if needed).

    `scope` narrows "other rows" (`{"event": event}` for slugs unique per event).
    """
    base = slugify(text)[:max_length].strip("-") or "item"
    others = model._default_manager.filter(**(scope or {}))
    if instance is not None and instance.pk:
        others = others.exclude(pk=instance.pk)
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
