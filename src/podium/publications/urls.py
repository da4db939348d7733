"""Public publication URLs: listing with filters, pages, feeds."""

from django.urls import path

from podium.publications.interfaces.feeds import PublicationAtomFeed, PublicationFeed
from podium.publications.views import public

app_name = "publications"
urlpatterns = [
    path("", public.publication_list, name="list"),
    path("feed/", PublicationFeed(), name="feed"),
    path("feed/atom/", PublicationAtomFeed(), name="feed_atom"),
    path("<slug:slug>/", public.publication_detail, name="detail"),
]
