"""Sample files stored for an event (the demo's recording and transcript) for editors to try the upload steps.

They belong to no object, so `podium.common.views.files` does not serve them;
this view does, to staff only, with the same response helper (byte ranges,
attachment, nosniff, sandboxing CSP). Recordings themselves are served by
`podium.common.views.files` like every other uploaded file.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404

from podium.briefs.domain.queries.media import sample_path, upload_samples
from podium.common.views.files import file_response
from podium.events.models import Event


def demo_sample(request, slug: str, filename: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    event = get_object_or_404(Event, slug=slug)
    if not request.user.has_perm("briefs.view_brief", event) or filename not in upload_samples(
        event
    ):
        raise Http404("No such file.")
    return file_response(
        request,
        default_storage,
        sample_path(event, filename),
        content_type=None,
        inline=False,
        filename=filename,
    )
