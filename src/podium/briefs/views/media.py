"""Serving a recording with HTTP byte ranges, so players can seek in it.

Browsers seek in `<video>` by asking for byte ranges; Django's own file
responses ignore the Range header, so this view answers a single
``bytes=start-end`` range itself (206 Partial Content) and reads through
Django's storage API, whatever the storage is. A deployment that serves media
from S3 or a web server can point `MEDIA_URL` there instead; the player uses
this view so that it works on a fresh machine too.
"""

from __future__ import annotations

import mimetypes
import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404

from podium.briefs.models import Recording

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def recording_media(request, pk: int, filename: str):
    recording = get_object_or_404(Recording.objects.select_related("event"), pk=pk)
    if not recording.media:
        raise Http404("no file")
    if not recording.event.is_public and not request.user.has_perm(
        "briefs.view_brief", recording.event
    ):
        raise Http404("no such recording")
    name = recording.media.name
    size = default_storage.size(name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    match = _RANGE.match(request.headers.get("Range", "").strip())
    if not match or not (match[1] or match[2]):
        response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        response["Content-Length"] = str(size)
        return response
    if match[1]:
        start = int(match[1])
        end = min(int(match[2]), size - 1) if match[2] else size - 1
    else:  # the last N bytes
        start, end = max(0, size - int(match[2])), size - 1
    if start >= size or start > end:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    response = StreamingHttpResponse(_read(name, start, end), status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    return response


def _read(name: str, start: int, end: int):
    with default_storage.open(name, "rb") as fh:
        fh.seek(start)
        left = end - start + 1
        while left > 0:
            chunk = fh.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk
