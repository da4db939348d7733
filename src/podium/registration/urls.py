"""Public registration URLs, mounted at /register/ by the root URLconf."""

from django.urls import path

from podium.registration.views import public

app_name = "registration"
urlpatterns = [
    path("confirm/<str:token>/", public.confirm, name="confirm"),
    path("manage/<str:token>/", public.manage, name="manage"),
    path("manage/<str:token>/edit/", public.manage_edit, name="manage_edit"),
    path("manage/<str:token>/cancel/", public.manage_cancel, name="manage_cancel"),
    path("manage/<str:token>/accept/", public.manage_accept, name="manage_accept"),
    path("manage/<str:token>/ticket/", public.manage_ticket, name="manage_ticket"),
    path("manage/<str:token>/calendar.ics", public.manage_ics, name="manage_ics"),
    path("<slug:event_slug>/resend-link/", public.resend_link, name="resend_link"),
    path("<slug:event_slug>/check-your-inbox/", public.check_inbox, name="check_inbox"),
    path("<slug:event_slug>/<slug:type_slug>/", public.registration_form, name="form"),
]
