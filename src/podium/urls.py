"""URL map of the site: each app brings its own `urls.py`.

/            public events (podium.events.urls): listing, event pages, people, feeds
/publications/   public publications
/register/   registration (podium.registration.urls)
/briefs/     public brief downloads and transcripts (podium.briefs.urls)
/accounts/   sign in / out
/staff/      the staff area (namespace "staff", podium.common.staff_urls)
/admin/      Django admin, for administrators
"""

import re
from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from podium.common.views.media import media


def optional_include(module: str, prefix: str) -> list:
    """`path(prefix, include(module))` when `module` exists (apps still being built)."""
    return [path(prefix, include(module))] if find_spec(module) else []


urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("podium.accounts.urls")),
    path("staff/", include("podium.common.staff_urls")),
    # --- Staff pages of the registration app: /staff/events/<slug>/registrations/…
    # (podium.registration.staff_urls, its own app_name/namespace).
    *optional_include("podium.registration.staff_urls", "staff/events/<slug:slug>/registrations/"),
    # --- Staff pages of the briefs app: /staff/events/<slug>/brief/…
    # (podium.briefs.staff_urls, its own app_name/namespace).
    *optional_include("podium.briefs.staff_urls", "staff/events/<slug:slug>/brief/"),
    path("publications/", include("podium.publications.urls")),
    path("register/", include("podium.registration.urls")),
    path("briefs/", include("podium.briefs.urls")),
    path("", include("podium.events.urls")),
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", media, name="media"),
]

handler500 = "podium.common.views.errors.server_error"
