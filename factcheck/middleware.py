"""Turn a lost database connection into a clean 503, on every page and endpoint.

Without this a PostgreSQL restart shows clients a 500 traceback page (or a hang); with it
they get a short answer saying to retry, and Django's connection health checks reconnect on
the next request once the database is back.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = "5"


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        log.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
        message = "The database is unavailable; try again shortly."
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message, "code": "unavailable"}, status=503)
        else:
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = RETRY_AFTER_SECONDS
        return response
