"""Template context shared by every page."""

from django.conf import settings


def site(request):
    return {
        "SITE_NAME": getattr(settings, "PODIUM_SITE_NAME", "Podium"),
        "SITE_URL": settings.SITE_URL,
    }
