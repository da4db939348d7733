"""Django admin for administrators (staff work in the staff area, /staff/)."""

from django.contrib import admin

from podium.publications.models import EventPublication, Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "published_on", "kind", "status"]
    list_filter = ["status", "kind", "topics"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics", "authors"]


@admin.register(EventPublication)
class EventPublicationAdmin(admin.ModelAdmin):
    list_display = ["event", "publication", "order"]
