"""Error pages that need the request: the 500 page shows the request id; 429 for throttled forms."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader


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
