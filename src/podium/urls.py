"""URL map of the site: each app brings its own `urls.py`.

/            public events (podium.events.urls): listing, event pages, people, feeds
/publications/   public publications
/register/   registration (podium.registration.urls)
/briefs/     public brief downloads and transcripts (podium.briefs.urls)
/search/     the archive: search and ask across every event (podium.archive.urls)
/accessibility/  the accessibility statement
/accounts/   sign in / out
/staff/      the staff area (namespace "staff", podium.common.staff_urls)
/admin/      Django admin, for administrators
/files/      uploaded files, each checked against the object that owns it
/media/      old file links: redirect to /files/ (podium.common.views.files)
"""

import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from podium.common.views.accessibility import accessibility_statement
from podium.common.views.files import legacy_media, serve_file

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("podium.accounts.urls")),
    path("staff/", include("podium.common.staff_urls")),
    # --- Staff pages of the registration app: /staff/events/<slug>/registrations/…
    # (podium.registration.staff_urls, its own app_name/namespace).
    path("staff/events/<slug:slug>/registrations/", include("podium.registration.staff_urls")),
    # --- Staff pages of the briefs app: /staff/events/<slug>/brief/…
    # (podium.briefs.staff_urls, its own app_name/namespace).
    path("staff/events/<slug:slug>/brief/", include("podium.briefs.staff_urls")),
    path("publications/", include("podium.publications.urls")),
    path("register/", include("podium.registration.urls")),
    path("briefs/", include("podium.briefs.urls")),
    path("", include("podium.archive.urls")),
    path("accessibility/", accessibility_statement, name="accessibility"),
    path("", include("podium.events.urls")),
    # Uploaded files: only through the view that checks the owning object.
    path("files/<str:owner>/<int:pk>/<str:field>/<str:filename>", serve_file, name="file"),
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", legacy_media, name="media"
    ),
]

handler400 = "podium.common.views.errors.bad_request"
handler500 = "podium.common.views.errors.server_error"
