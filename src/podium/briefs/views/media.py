"""The demo's sample files (a recording and its transcript) for editors to try the upload steps.

They belong to no object, so `podium.common.views.files` does not serve them;
this view does, to staff only, with the same response helper (byte ranges,
attachment, nosniff, sandboxing CSP). Recordings themselves are served by
`podium.common.views.files` like every other uploaded file.
"""

from __future__ import annotations

import os

from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import default_storage
from django.http import Http404

from podium.briefs.domain.demo import DEMO_TRANSCRIPT, DEMO_VIDEO
from podium.common.views.files import file_response

SAMPLES = {os.path.basename(name): name for name in (DEMO_VIDEO, DEMO_TRANSCRIPT)}


def demo_sample(request, slug: str, filename: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    name = SAMPLES.get(filename)
    if name is None or not request.user.has_perm("briefs.view_brief"):
        raise Http404("No such file.")
    if not default_storage.exists(name):
        raise Http404("No such file.")
    return file_response(
        request, default_storage, name, content_type=None, inline=False, filename=filename
    )
