"""Request ids: django-log-request-id's middleware, honouring only well-formed X-Request-ID values.

The id (from the proxy's X-Request-ID header, or a new uuid4) is on
``request.id``, in every log line (settings.LOGGING's filter), in the
``X-Request-ID`` response header and on the 500 page, so a visitor's report
finds the traceback. A header that is not a short token is replaced, so it
cannot forge log lines. With Sentry on (PODIUM_SENTRY_DSN), the id is also
the ``request_id`` tag of every event the request reports.
"""

from __future__ import annotations

import re
import sys

from log_request_id.middleware import RequestIDMiddleware as LibraryRequestIDMiddleware

WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestIDMiddleware(LibraryRequestIDMiddleware):
    def __call__(self, request):
        sentry = sys.modules.get("sentry_sdk")  # imported by settings only when a DSN is set
        if sentry is None:
            return super().__call__(request)
        request.id = self._get_request_id(request)  # the library's __call__ keeps it
        sentry.get_isolation_scope().set_tag("request_id", request.id)
        return super().__call__(request)

    def _get_request_id(self, request) -> str:
        if getattr(request, "id", None):
            return request.id
        given = request.META.get(self.request_id_header or "", "")
        if given and not WELL_FORMED_ID.fullmatch(given):
            return self._generate_id()
        return super()._get_request_id(request)
