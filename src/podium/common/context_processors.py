"""Template context shared by every page."""

from django.conf import settings

from podium.common.domain.urls import current_site_url


def site(request):
    return {
        "SITE_NAME": getattr(settings, "PODIUM_SITE_NAME", "Podium"),
        "SITE_URL": current_site_url(),
    }
