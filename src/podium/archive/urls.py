"""Public archive URLs: the search page, its JSON twin and the ask API."""

from django.urls import path

from podium.archive.views import public

app_name = "archive"
urlpatterns = [
    path("search/", public.search_page, name="search"),
    path("search.json", public.search_json, name="search_json"),
    path("search/ask.json", public.ask_json, name="ask_json"),
]
