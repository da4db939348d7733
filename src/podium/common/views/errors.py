"""Error pages: 400 names the limit a too-large form broke, 500 shows the request id, 429 for
throttled forms.

Django refuses form data over `DATA_UPLOAD_MAX_MEMORY_SIZE` before any view
runs (the CSRF check reads the form first), so no form can show that error;
the 400 page names the limit instead of a bare "Bad Request".
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

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


def server_error(request: HttpRequest) -> HttpResponse:
    """`handler500`: the plain error page with the id that finds the traceback in the log."""
    body = loader.get_template("500.html").render({"request_id": getattr(request, "id", "")})
    return HttpResponse(body, status=500)


def too_many_requests(request: HttpRequest, *, what: str = "requests") -> HttpResponse:
    """A clear "slow down" page (HTTP 429) for a throttled public form."""
    body = loader.get_template("429.html").render({"what": what}, request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = "600"
    return response
