"""Fixtures shared by the site-wide browser tests (accessibility audit, keyboard journeys)."""

from __future__ import annotations

import pytest


@pytest.fixture
def browser_site(settings, tmp_path):
    """Settings for a live server driven by Chromium: media in tmp, tasks and mail in-process."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
