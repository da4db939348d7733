"""Template tags for pages that show registration (the event page includes ``_event_registration.html``)."""

from __future__ import annotations

from django import template

from podium.registration.domain.queries.registrations import public_options

register = template.Library()


@register.simple_tag
def registration_options(event):
    return public_options(event)


@register.filter
def answer_display(value) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)
