"""Django admin for administrators (staff work in the staff area, /staff/)."""

from django.contrib import admin

from podium.events.models import Event, EventPartner, EventSpeaker, Organisation, Person, Topic


class SpeakerInline(admin.TabularInline):
    model = EventSpeaker
    extra = 0
    autocomplete_fields = ["person"]


class PartnerInline(admin.TabularInline):
    model = EventPartner
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "time_zone", "status"]
    list_filter = ["status", "topics"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SpeakerInline, PartnerInline]
    filter_horizontal = ["topics"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "organisation"]
    search_fields = ["name", "title"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
