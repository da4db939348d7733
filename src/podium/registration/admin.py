"""Django admin for administrators: read-mostly views of registration data.

Changes that have rules (register, approve, cancel, capacity) belong in the
staff area, which goes through ``podium.registration.domain``; here the
status and capacity fields are read-only so the admin cannot oversell.
"""

from django.contrib import admin

from podium.registration.models import (
    AuditEntry,
    FormSection,
    Question,
    Registration,
    RegistrationType,
)


class SectionInline(admin.TabularInline):
    model = FormSection
    extra = 0


@admin.register(RegistrationType)
class RegistrationTypeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "event",
        "capacity",
        "requires_approval",
        "waiting_list_enabled",
        "is_active",
    ]
    list_filter = ["requires_approval", "is_active"]
    search_fields = ["name", "event__title"]
    readonly_fields = ["capacity"]
    inlines = [SectionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["label", "key", "kind", "required", "section"]
    list_filter = ["kind", "required"]
    search_fields = ["label", "key"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "first_name",
        "last_name",
        "event",
        "registration_type",
        "status",
        "created_at",
    ]
    list_filter = ["status", "accessibility_flagged", "registration_type__name"]
    search_fields = ["email", "first_name", "last_name", "checkin_code"]
    readonly_fields = [
        "event",
        "registration_type",
        "status",
        "email",
        "email_normalised",
        "checkin_code",
        "manage_nonce",
        "created_at",
        "confirmed_at",
        "waitlisted_at",
        "cancelled_at",
        "checked_in_at",
        "checked_in_by",
        "anonymised_at",
    ]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "action", "actor", "registration"]
    list_filter = ["action"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
