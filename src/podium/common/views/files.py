"""Every uploaded file is served here, after looking up the object that owns it.

`/files/<app.model>/<pk>/<field>/<stored name>`: the model must be listed in
`VISIBILITY`, the field must be a protected file field, the name must be the
object's current file, and the user must be allowed to see the object
(published, or a staff member with the preview permission). Anything else is
404, so there is no path to trick: no URL addresses storage directly.

Responses: Django's `FileResponse` over the storage API (any storage), the
Content-Type of the field's allow-list (never the browser's guess),
`Content-Disposition: attachment` except for pictures and audio/video
(players need them inline), `X-Content-Type-Options: nosniff`, a sandboxing
`Content-Security-Policy`, and byte ranges (206/416) for seeking.

`/media/<stored name>` survives for links made before this view existed: the
exact stored name of a file the user may see redirects to the file's address
(which checks again); anything else is 404. Stored names are not rewritten:
files uploaded before keep their names and are served here by their owner.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from podium.common.domain.ranges import RangeNotSatisfiable, byte_range
from podium.common.domain.uploads import served_type
from podium.common.models.files import ProtectedFileField, ProtectedImageField

CHUNK = 64 * 1024
FILE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _always(obj, user) -> bool:
    return True


def _event_visible(event, user) -> bool:
    return event.is_public or user.has_perm("events.preview_event", event)


VISIBILITY: dict[str, Callable] = {
    "events.event": _event_visible,
    "events.person": _always,
    "events.organisation": _always,
    "publications.publication": lambda p, user: (
        p.is_public or user.has_perm("publications.preview_publication", p)
    ),
    "briefs.recording": lambda r, user: (
        r.event.is_public or user.has_perm("briefs.view_brief", r.event)
    ),
}
"""Who may see the files of each owning model (public when the owner is).

Permissions are asked with the object, for rules that look at it."""


def protected_fields():
    """Every protected file field of the site's models."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, (ProtectedFileField, ProtectedImageField)):
                yield field


def _safe_headers(response):
    for name, value in FILE_HEADERS.items():
        response[name] = value


class _Slice:
    """`length` bytes of an open file from its current position (what a 206 sends)."""

    def __init__(self, file, length: int):
        self.file, self.left = file, length

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        size = self.left if size is None or size < 0 else min(size, self.left)
        data = self.file.read(size)
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.file.close()


def file_response(
    request, storage, name: str, *, content_type: str | None, inline: bool, filename: str
):
    """Stream stored file `name` with byte ranges and the safe headers of every file response.

    `content_type` None (a name outside every allow-list) sends an
    `application/octet-stream` attachment, which no browser renders.
    """
    if content_type is None:
        content_type, inline = "application/octet-stream", False
    size = storage.size(name)
    ranged = None if "If-Range" in request.headers else request.headers.get("Range")
    try:
        span = byte_range(ranged, size)
    except RangeNotSatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        _safe_headers(response)
        return response
    handle = storage.open(name, "rb")
    if span is None:
        response = FileResponse(
            _Slice(handle, size),
            content_type=content_type,
            as_attachment=not inline,
            filename=filename,
        )
        response["Content-Length"] = str(size)
    else:
        start, end = span
        handle.seek(start)
        response = FileResponse(
            _Slice(handle, end - start + 1),
            status=206,
            content_type=content_type,
            as_attachment=not inline,
            filename=filename,
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response.block_size = CHUNK
    response["Accept-Ranges"] = "bytes"
    _safe_headers(response)
    return response


@require_safe
def serve_file(request, owner: str, pk: int, field: str, filename: str):
    visible = VISIBILITY.get(owner)
    if visible is None:
        raise Http404("No such file.")
    model = apps.get_model(owner)
    try:
        model_field = model._meta.get_field(field)
    except LookupError:
        raise Http404("No such file.") from None
    if not isinstance(model_field, (ProtectedFileField, ProtectedImageField)):
        raise Http404("No such file.")
    obj = get_object_or_404(model, pk=pk)
    field_file = getattr(obj, field)
    if not field_file or os.path.basename(field_file.name) != filename:
        raise Http404("No such file.")
    if not visible(obj, request.user):
        raise Http404("No such file.")
    if not field_file.storage.exists(field_file.name):
        raise Http404("No such file.")
    kind = model_field.kind
    response = file_response(
        request,
        field_file.storage,
        field_file.name,
        content_type=served_type(field_file.name, kind),
        inline=kind.inline,
        filename=filename,
    )
    public = visible(obj, AnonymousUser())
    response["Cache-Control"] = "public, max-age=3600" if public else "private"
    return response


@require_safe
def legacy_media(request, path: str):
    """`/media/<stored name>` of old links: redirect to the file's checked address."""
    if not path:
        raise Http404("No such file.")
    for field in protected_fields():
        obj = field.model._default_manager.filter(**{field.name: path}).first()
        visible = VISIBILITY.get(field.model._meta.label_lower)
        if obj is not None and visible is not None and visible(obj, request.user):
            return HttpResponseRedirect(getattr(obj, field.name).url)
    raise Http404("No such file.")
