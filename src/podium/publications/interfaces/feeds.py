"""RSS and Atom feeds of published publications (django.contrib.syndication)."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from podium.publications.domain.queries.publications import public_publications
from podium.publications.models import Publication


class PublicationFeed(Feed):
    def title(self) -> str:
        return f"{settings.PODIUM_SITE_NAME} publications"

    link = "/publications/"
    description = "Reports, analyses and articles."

    def items(self):
        return public_publications()[:50]

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return item.summary

    def item_pubdate(self, item: Publication):
        return timezone.make_aware(datetime.combine(item.published_on, time(12)))

    def item_author_name(self, item: Publication):
        names = [a.display_name for a in item.authors.all()]
        return ", ".join(names) or None

    def item_categories(self, item: Publication):
        return [item.get_kind_display(), *(t.name for t in item.topics.all())]


class PublicationAtomFeed(PublicationFeed):
    feed_type = Atom1Feed
    subtitle = PublicationFeed.description
