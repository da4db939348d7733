"""The staff area's URL map, mounted at /staff/ under the namespace "staff".

Events, people, organisations, topics and publications live here. The
registration and briefs apps mount their own staff pages beside these, under
/staff/events/<slug>/registrations/… and /staff/events/<slug>/brief/… (see
podium/urls.py, where their include() lines go).
"""

from django.urls import path

from podium.common.views.dashboard import dashboard
from podium.events.views import staff as events
from podium.publications.views import staff as publications

app_name = "staff"
urlpatterns = [
    path("", dashboard, name="dashboard"),
    # events
    path("events/", events.event_list, name="event_list"),
    path("events/new/", events.event_create, name="event_create"),
    path("events/<slug:slug>/", events.event_detail, name="event_detail"),
    path("events/<slug:slug>/edit/", events.event_edit, name="event_edit"),
    path("events/<slug:slug>/status/", events.event_status, name="event_status"),
    path("events/<slug:slug>/cancel/", events.event_cancel, name="event_cancel"),
    path("events/<slug:slug>/copy/", events.event_copy, name="event_copy"),
    path("events/<slug:slug>/postpone/", events.event_postpone, name="event_postpone"),
    path("events/<slug:slug>/speakers/add/", events.speaker_form, name="speaker_add"),
    path("events/<slug:slug>/speakers/<int:pk>/", events.speaker_form, name="speaker_edit"),
    path(
        "events/<slug:slug>/speakers/<int:pk>/delete/", events.speaker_delete, name="speaker_delete"
    ),
    path("events/<slug:slug>/partners/add/", events.partner_add, name="partner_add"),
    path(
        "events/<slug:slug>/partners/<int:pk>/delete/", events.partner_delete, name="partner_delete"
    ),
    path("events/<slug:slug>/publications/", publications.event_related, name="event_related"),
    # people, organisations, topics
    path("people/", events.person_list, name="person_list"),
    path("people/new/", events.person_form, name="person_create"),
    path("people/<int:pk>/", events.person_form, name="person_edit"),
    path("organisations/", events.organisation_list, name="organisation_list"),
    path("organisations/new/", events.organisation_form, name="organisation_create"),
    path("organisations/<int:pk>/", events.organisation_form, name="organisation_edit"),
    path("topics/", events.topic_list, name="topic_list"),
    # publications
    path("publications/", publications.publication_list, name="publication_list"),
    path("publications/new/", publications.publication_form, name="publication_create"),
    path("publications/<int:pk>/", publications.publication_form, name="publication_edit"),
    path(
        "publications/<int:pk>/status/", publications.publication_status, name="publication_status"
    ),
]
