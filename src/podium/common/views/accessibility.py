"""The accessibility statement (/accessibility/): what the site does, its known limits, whom to ask.

The contact address comes from settings.PODIUM_ACCESSIBILITY_EMAIL; the rest is the
template `common/accessibility.html`, kept in step with docs/accessibility.md.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


def accessibility_statement(request):
    return render(
        request,
        "common/accessibility.html",
        {"nav": "accessibility", "contact_email": settings.PODIUM_ACCESSIBILITY_EMAIL},
    )
