"""Database errors answered for what they are, on every page and endpoint, each logged.

Only a lost or refused connection is "database unavailable"; a lock wait or a query that
ran out of time, a server with no free connection, a deadlock, each gets its own short
answer with Retry-After (503, JSON under /api/), and any other database error is a JSON 500.
The cause (SQLSTATE and message) goes to the log with the request it failed. Without this,
a PostgreSQL restart showed a 500 traceback page, and every OperationalError (disk full
included) was called "unavailable" and logged nowhere.
"""

import logging
from dataclasses import dataclass

import psycopg
from django.db import DatabaseError, InterfaceError, connections
from django.http import HttpResponse, JsonResponse
from psycopg_pool import PoolTimeout

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DatabaseFailure:
    """How one kind of database error is answered."""

    status: int
    code: str
    message: str
    retry_after: int | None


UNAVAILABLE = DatabaseFailure(
    503, "unavailable", "The database is unavailable; try again shortly.", 5
)
NO_FREE_CONNECTION = DatabaseFailure(
    503, "database_busy", "The database has no free connection; try again shortly.", 2
)
LOCK_TIMEOUT = DatabaseFailure(
    503,
    "lock_timeout",
    "Another change to the same data is in progress; nothing was changed. Try again shortly.",
    2,
)
STATEMENT_TIMEOUT = DatabaseFailure(
    503, "statement_timeout", "The database took too long to answer; try again shortly.", 5
)
CONFLICT = DatabaseFailure(
    503,
    "write_conflict",
    "The change collided with a concurrent one and was rolled back; try again.",
    1,
)
DATABASE_ERROR = DatabaseFailure(
    500, "database_error", "The database could not complete the request.", None
)

# SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
BY_SQLSTATE = {
    "53300": NO_FREE_CONNECTION,  # too_many_connections
    "55P03": LOCK_TIMEOUT,  # lock_not_available (lock_timeout)
    "57014": STATEMENT_TIMEOUT,  # query_canceled (statement_timeout)
    "40P01": CONFLICT,  # deadlock_detected
    "40001": CONFLICT,  # serialization_failure
    "57P01": UNAVAILABLE,  # admin_shutdown: the server is stopping
    "57P02": UNAVAILABLE,  # crash_shutdown
    "57P03": UNAVAILABLE,  # cannot_connect_now: starting up or shutting down
}


def classify(error: DatabaseError) -> DatabaseFailure:
    """What the client is told about ``error`` (Django's wrapper of a driver error)."""
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    if isinstance(cause, PoolTimeout):
        # No pooled connection within DB_POOL_TIMEOUT: all in use, or none can be opened.
        return _probe_server()
    if sqlstate in BY_SQLSTATE:
        return BY_SQLSTATE[sqlstate]
    if sqlstate is not None and sqlstate.startswith("08"):  # class 08: connection exception
        return UNAVAILABLE
    if isinstance(error, InterfaceError):  # the connection was closed under us
        return UNAVAILABLE
    if isinstance(cause, psycopg.OperationalError) and sqlstate is None:
        # The server said nothing: the connection was refused or lost ("connection
        # refused", "server closed the connection unexpectedly", "the connection is lost").
        return UNAVAILABLE
    if "database is locked" in str(error):  # SQLite's busy timeout ran out
        return LOCK_TIMEOUT
    return DATABASE_ERROR


def _probe_server() -> DatabaseFailure:
    """After a pool timeout: can the server be reached at all? One direct connection
    attempt tells a busy pool (the server answers) from a server that refuses or is gone."""
    wrapper = connections["default"]
    params = {k: v for k, v in wrapper.get_connection_params().items() if k != "pool"}
    params["connect_timeout"] = 2
    try:
        psycopg.connect(**params).close()
    except psycopg.Error as probe_error:
        if getattr(probe_error, "sqlstate", None) == "53300":
            return NO_FREE_CONNECTION
        return UNAVAILABLE
    return NO_FREE_CONNECTION


def database_error_response(request, error: DatabaseError) -> HttpResponse:
    """The answer to a request that failed on ``error``, after logging why."""
    failure = classify(error)
    cause = error.__cause__ or error
    log.log(
        logging.ERROR if failure is DATABASE_ERROR else logging.WARNING,
        "%s %s answered %s %s: %s (SQLSTATE %s): %s",
        request.method,
        request.path,
        failure.status,
        failure.code,
        type(cause).__name__,
        getattr(cause, "sqlstate", None) or "none",
        str(cause).strip().splitlines()[0] if str(cause).strip() else "",
        exc_info=failure is DATABASE_ERROR,
    )
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": failure.message, "code": failure.code}, status=failure.status
        )
    else:
        response = HttpResponse(
            failure.message, status=failure.status, content_type="text/plain; charset=utf-8"
        )
    if failure.retry_after is not None:
        response["Retry-After"] = str(failure.retry_after)
    return response


class DatabaseErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError):
            return None
        return database_error_response(request, exception)
