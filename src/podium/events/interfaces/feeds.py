"""RSS and Atom feeds of public events (django.contrib.syndication).

Feed readers render an item's description (RSS) and summary (Atom, `type="html"`)
as HTML, while staff write plain text that the site's templates escape. So the
description is escaped here too: `<script>` in a summary reaches readers as the
characters, never as markup.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from podium.events.domain.queries.events import public_events
from podium.events.models import Event


class EventFeed(Feed):
    def title(self) -> str:
        return f"{settings.PODIUM_SITE_NAME} events"

    link = "/"
    description = "Upcoming and recent public policy events."

    def items(self):
        return public_events().order_by("-starts_at")[:50]

    def item_title(self, item: Event) -> str:
        return item.title

    def item_description(self, item: Event) -> str:
        return escape(f"{item.when_display}. {item.lead}".strip())

    def item_pubdate(self, item: Event):
        return item.created_at

    def item_updateddate(self, item: Event):
        return item.updated_at

    def item_categories(self, item: Event):
        return [t.name for t in item.topics.all()]


class EventAtomFeed(EventFeed):
    feed_type = Atom1Feed
    subtitle = EventFeed.description
