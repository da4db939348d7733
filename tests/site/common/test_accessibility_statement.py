"""The accessibility statement: linked from every page's footer, its contact from settings."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_statement_names_the_configured_contact(client, settings):
    settings.PODIUM_ACCESSIBILITY_EMAIL = "access@institute.example"
    page = client.get(reverse("accessibility")).content.decode()
    assert "<h1>Accessibility statement</h1>" in page
    assert 'href="mailto:access@institute.example"' in page
    assert "WCAG" in page and "EventRegistration@usip.org" not in page


def test_every_public_page_links_to_the_statement(client):
    for url in (reverse("events:list"), reverse("publications:list"), reverse("accessibility")):
        page = client.get(url).content.decode()
        footer = page.split('<footer class="site-footer">', 1)[1]
        assert f'href="{reverse("accessibility")}">Accessibility</a>' in footer


def test_the_default_contact_is_the_seed_address(client):
    page = client.get(reverse("accessibility")).content.decode()
    assert 'href="mailto:EventRegistration@usip.org"' in page
