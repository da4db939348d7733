"""Template tags of the archive: "What NAME said" on a speaker's page."""

from __future__ import annotations

from django import template

from podium.archive.domain.results import person_passages

register = template.Library()


@register.inclusion_tag("archive/_person_said.html", takes_context=True)
def person_said(context, person) -> dict:
    """The speaker's passages across events; ``?said=WORDS`` searches them."""
    request = context.get("request")
    query = request.GET.get("said", "") if request is not None else ""
    drafts = bool(request is not None and request.user.has_perm("briefs.view_brief"))
    return {"said": person_passages(person=person, query=query, include_drafts=drafts)}
