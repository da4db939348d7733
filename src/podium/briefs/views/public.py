"""Public pages and downloads: the published brief and (when shown) the transcript.

Drafts never leave this module: only `Brief.published_version` of a public
event is rendered, and a transcript only when the editors chose to show it.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from podium.briefs.domain.content import load_brief, load_transcript
from podium.briefs.domain.queries.media import player_for_event
from podium.briefs.domain.queries.public import published_transcript
from podium.briefs.models import Brief
from podium.events.models import Event

BRIEF_FORMATS = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
}
TRANSCRIPT_FORMATS = {
    "vtt": "text/vtt; charset=utf-8",
    "srt": "application/x-subrip; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


def _public_brief(slug: str) -> Brief:
    event = get_object_or_404(Event, slug=slug)
    if not event.is_public:
        raise Http404("no such event")
    brief = Brief.objects.filter(event=event).select_related("published_version").first()
    if brief is None:
        raise Http404("no brief")
    return brief


def brief_download(request, slug: str, fmt: str):
    from podium.engine.brief import render_brief

    if fmt not in BRIEF_FORMATS:
        raise Http404("unknown format")
    brief = _public_brief(slug)
    if brief.published_version is None:
        raise Http404("the brief is not published")
    text = render_brief(load_brief(brief.published_version), fmt)
    response = HttpResponse(text, content_type=BRIEF_FORMATS[fmt])
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{slug}-brief.{fmt}"'
    return response


def _public_transcript(slug: str):
    brief = _public_brief(slug)
    if not brief.show_transcript or brief.transcript is None:
        raise Http404("the transcript is not public")
    return brief


def transcript_download(request, slug: str, fmt: str):
    from podium.engine.transcript import format_transcript

    if fmt not in TRANSCRIPT_FORMATS:
        raise Http404("unknown format")
    brief = _public_transcript(slug)
    text = format_transcript(load_transcript(brief.transcript), fmt)
    response = HttpResponse(text, content_type=TRANSCRIPT_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{slug}-transcript.{fmt}"'
    return response


def captions(request, slug: str):
    """The captions track of the event's recording: WebVTT of the published transcript.

    Speakers are `<v Name>` voice spans (the engine's WebVTT writer, webvtt-py);
    served inline (no attachment) for the player's `<track>`.
    """
    from podium.engine.transcript import format_transcript

    brief = _public_brief(slug)
    version = published_transcript(brief)
    if version is None:
        raise Http404("no published transcript")
    text = format_transcript(load_transcript(version), "vtt")
    return HttpResponse(text, content_type=TRANSCRIPT_FORMATS["vtt"])


def transcript_page(request, slug: str):
    brief = _public_transcript(slug)
    transcript = load_transcript(brief.transcript)
    return render(
        request,
        "briefs/transcript_page.html",
        {
            "event": brief.event,
            "player": player_for_event(brief.event),
            "turns": transcript.turns(),
        },
    )
