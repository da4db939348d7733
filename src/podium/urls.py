"""URL map of the site: each app brings its own `urls.py`."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("podium.accounts.urls")),
    path("", include("podium.events.urls")),
    path("publications/", include("podium.publications.urls")),
    path("register/", include("podium.registration.urls")),
    path("briefs/", include("podium.briefs.urls")),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
