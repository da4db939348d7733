"""Every registrant email is accessible: a plain-text part beside the HTML, meaningful link
text, layout tables marked role="presentation", images with alt text, a language.

The HTML is parsed with the standard library's html.parser (no regexes over markup).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from podium.registration.domain.notifications import KINDS, build_email
from podium.registration.domain.registration import register

from .conftest import answers

pytestmark = pytest.mark.django_db
VAGUE_LINK_TEXT = {"click here", "here", "link", "this link", "more", "read more"}


class EmailHTML(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self.images: list[dict] = []
        self.links: list[str] = []
        self.lang = ""
        self._link: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang", "")
        elif tag == "table":
            self.tables.append(attrs)
        elif tag == "img":
            self.images.append(attrs)
        elif tag == "a":
            self._link = []

    def handle_data(self, data):
        if self._link is not None:
            self._link.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append(" ".join("".join(self._link).split()))
            self._link = None


@pytest.mark.parametrize("kind", sorted(k for k in KINDS if k != "message"))
def test_every_email_kind_has_text_and_accessible_html(general, kind):
    registration = register(
        general.event,
        general,
        email="ada@example.org",
        notify=False,
        answers=answers(),
        accessibility_request="Step-free access, please.",
    )
    email = build_email(registration, kind)
    assert email.body.strip(), "a plain-text part"
    assert "<" not in email.body.replace("<http", ""), "the text part is not HTML"
    (html, mimetype), *_ = email.alternatives
    assert mimetype == "text/html"
    parsed = EmailHTML()
    parsed.feed(html)
    assert parsed.lang == "en"
    assert parsed.tables and all(t.get("role") == "presentation" for t in parsed.tables)
    assert all(img.get("alt") for img in parsed.images)
    assert parsed.links and not [t for t in parsed.links if t.lower() in VAGUE_LINK_TEXT | {""}]
