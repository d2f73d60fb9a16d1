"""Does the web tier fit in the database's connection limit? Checked when gunicorn starts.

Each gunicorn worker is a process with its own pool of at most DB_POOL_SIZE connections
(without a pool, one per thread). If workers x that exceeds what PostgreSQL allows, the
busiest minute answers "too many clients" to this app and to every other client of the
server, so gunicorn refuses to start instead (gunicorn.conf.py).
"""

import psycopg
from django.conf import settings

# Connections left for everything that is not the web tier: Celery workers, cron
# (requeue_ingest), migrations, an operator's psql.
DEFAULT_RESERVED_FOR_OTHERS = 10


class ConnectionBudgetExceeded(RuntimeError):
    """The configured processes could open more connections than the database allows."""


def connections_per_process(threads: int) -> int:
    """The most connections one process opens: its pool's size, or one per thread."""
    return settings.DB_POOL_SIZE if settings.DB_POOL_SIZE > 0 else threads


def server_limit() -> int | None:
    """Connections PostgreSQL gives ordinary roles (max_connections minus the superuser
    reserve), or None when the database is not PostgreSQL or cannot be reached now."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return None
    try:
        with psycopg.connect(
            dbname=database["NAME"],
            user=database.get("USER") or None,
            password=database.get("PASSWORD") or None,
            host=database.get("HOST") or None,
            port=database.get("PORT") or None,
            connect_timeout=database["OPTIONS"].get("connect_timeout", 5),
        ) as connection:
            max_connections, reserved = connection.execute(
                "SELECT current_setting('max_connections')::int,"
                " current_setting('superuser_reserved_connections')::int"
            ).fetchone()
    except psycopg.Error:
        return None
    return max_connections - reserved


def check_connection_budget(
    *, processes: int, threads: int, reserved: int = DEFAULT_RESERVED_FOR_OTHERS
) -> str:
    """Raise ConnectionBudgetExceeded if ``processes`` x connections per process, plus
    ``reserved`` for other clients, exceed the server's limit; otherwise return a one-line
    summary for the log (also when the limit cannot be read)."""
    per_process = connections_per_process(threads)
    needed = processes * per_process
    summary = f"{processes} processes x {per_process} connections = {needed}"
    if settings.DB_POOL_SIZE and settings.DB_POOL_SIZE < threads:
        summary += f" (pool {settings.DB_POOL_SIZE} < {threads} threads: threads will wait)"
    limit = server_limit()
    if limit is None:
        return summary + "; the database's limit could not be read"
    if needed + reserved > limit:
        raise ConnectionBudgetExceeded(
            f"{summary}, plus {reserved} for workers, cron and operators, exceeds the "
            f"database's limit of {limit} connections (max_connections minus the superuser "
            "reserve). Lower WEB_CONCURRENCY, WEB_THREADS or DB_POOL_SIZE, or raise "
            "max_connections."
        )
    return f"{summary} (+{reserved} reserved) of the database's {limit}"
