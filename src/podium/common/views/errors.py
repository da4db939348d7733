"""The 400 page: says what was wrong when the request body was larger than the site accepts.

Django refuses form data over `DATA_UPLOAD_MAX_MEMORY_SIZE` before any view
runs (the CSRF check reads the form first), so no form can show that error;
this page names the limit instead of a bare "Bad Request".
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.shortcuts import render

from podium.common.domain.uploads import readable_size


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        limit = readable_size(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        reason = (
            f"The form sent more than {limit} of text, the most this site accepts. "
            "Upload a large transcript as a file instead of pasting it."
        )
    elif isinstance(exception, TooManyFieldsSent):
        reason = "The form sent more fields than this site accepts."
    else:
        reason = "The request could not be understood."
    return render(request, "400.html", {"reason": reason}, status=400)
