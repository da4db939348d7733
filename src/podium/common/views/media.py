"""Uploaded files from local storage, with recordings of unpublished events kept private.

Pictures (events, people, organisations, publications) are public. Files
under `PRIVATE_PREFIXES` (recordings) are served only when a public event uses
them (`Event.video_file`, or a recording of the briefs app on a public event)
or to staff. With S3-compatible storage files have their own URLs and this
view is unused. `MEDIA_ROOT` is read per request, so tests may move it.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.http import Http404
from django.views.static import serve

from podium.events.models import Event

PRIVATE_PREFIXES = ("recordings/",)


def _public(path: str) -> bool:
    if not path.startswith(PRIVATE_PREFIXES):
        return True
    if Event.objects.filter(video_file=path).exclude(status=Event.Status.DRAFT).exists():
        return True
    try:
        Recording = apps.get_model("briefs", "Recording")
    except LookupError:
        return False
    return Recording.objects.filter(media=path).exclude(event__status=Event.Status.DRAFT).exists()


def media(request, path: str):
    if not (_public(path) or request.user.has_perm("accounts.access_staff_area")):
        raise Http404("No such file.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
