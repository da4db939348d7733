"""Staff URLs of registration, mounted at /staff/events/<slug>/registrations/ (namespace registration_staff)."""

from django.urls import path

from podium.registration.views import checkin, staff

app_name = "registration_staff"
urlpatterns = [
    path("", staff.registration_list, name="list"),
    path("add/", staff.registration_add, name="add"),
    path("bulk/", staff.registration_bulk, name="bulk"),
    path("message/", staff.message_registrants_view, name="message"),
    path("message/updated-invitations/", staff.updated_invitations, name="updated_invitations"),
    path("message/reminders/", staff.schedule_reminders, name="schedule_reminders"),
    path("export.csv", staff.export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", staff.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("export.json", staff.export, {"fmt": "json"}, name="export_json"),
    path("audit/", staff.audit_log, name="audit"),
    path("types/", staff.type_list, name="types"),
    path("types/add/", staff.type_edit, name="type_add"),
    path("types/template/", staff.type_template, name="type_template"),
    path("types/<int:pk>/", staff.type_edit, name="type_edit"),
    path("types/<int:pk>/form/", staff.form_editor, name="form_editor"),
    path("questions/<int:pk>/", staff.question_edit, name="question_edit"),
    path("checkin/", checkin.checkin_page, name="checkin"),
    path("checkin/search/", checkin.checkin_search, name="checkin_search"),
    path("checkin/counts/", checkin.checkin_counts_view, name="checkin_counts"),
    path("checkin/code/", checkin.checkin_by_code, name="checkin_code"),
    path("checkin/<int:pk>/", checkin.checkin_toggle, name="checkin_toggle"),
    path("<int:pk>/", staff.registration_detail, name="detail"),
    path("<int:pk>/approve/", staff.registration_approve, name="approve"),
    path("<int:pk>/reject/", staff.registration_reject, name="reject"),
    path("<int:pk>/cancel/", staff.registration_cancel, name="cancel"),
    path("<int:pk>/edit/", staff.registration_edit, name="edit"),
    path("<int:pk>/resend/", staff.registration_resend, name="resend"),
]
