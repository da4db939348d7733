"""The site's URLs plus ``/test-only/raise/``, a view that fails (see raising_site)."""

from django.urls import include, path


def raising_view(request):
    raise RuntimeError("deliberate failure for the error-logging test")


urlpatterns = [path("test-only/raise/", raising_view), path("", include("podium.urls"))]
handler500 = "podium.common.views.errors.server_error"
