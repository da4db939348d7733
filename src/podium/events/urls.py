"""Public event URLs: listing at the site root, event pages, calendar files, feeds, people."""

from django.urls import path

from podium.events.interfaces.feeds import EventAtomFeed, EventFeed
from podium.events.views import public

app_name = "events"
urlpatterns = [
    path("", public.event_list, name="list"),
    path("events/", public.event_list, name="list_alias"),
    path("events/feed/", EventFeed(), name="feed"),
    path("events/feed/atom/", EventAtomFeed(), name="feed_atom"),
    path("events/<slug:slug>/", public.event_detail, name="detail"),
    path("events/<slug:slug>/calendar.ics", public.event_ics, name="ics"),
    path("people/<slug:slug>/", public.person_detail, name="person"),
]
