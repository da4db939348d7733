"""URL map of the site: each app brings its own `urls.py`.

/            public events (podium.events.urls): listing, event pages, people, feeds
/publications/   public publications
/register/   registration (podium.registration.urls)
/briefs/     public brief downloads and transcripts (podium.briefs.urls)
/accessibility/  the accessibility statement
/accounts/   sign in / out
/staff/      the staff area (namespace "staff", podium.common.staff_urls)
/admin/      Django admin, for administrators
"""

import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from podium.common.views.accessibility import accessibility_statement
from podium.common.views.media import media

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
    path("accessibility/", accessibility_statement, name="accessibility"),
    path("", include("podium.events.urls")),
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", media, name="media"),
]
