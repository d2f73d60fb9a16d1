"""The anonymous throttle, counted atomically in the cache every process shares.

DRF's AnonRateThrottle reads a client's request history, appends and writes it back: with
several gunicorn workers serving one client at once, concurrent requests read the same
history and overwrite each other's, so 207 of 700 parallel requests passed a 120/minute
limit even on a shared cache. This one counts each window of the rate's length with one
atomic increment (Redis INCR, or on the database cache a single INSERT … ON CONFLICT DO
UPDATE … RETURNING), and weighs in the previous window's count by how much of it still
falls within the last full period, so a burst across a window boundary is not let through
twice ("sliding window counter"). Refused requests count too: a client that keeps hammering
stays refused.
"""

import random
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils import timezone
from rest_framework.throttling import AnonRateThrottle

# One request in this many also deletes the database cache's expired windows.
PURGE_ONE_IN = 200


class SharedAnonRateThrottle(AnonRateThrottle):
    """AnonRateThrottle's rate and client identity (NUM_PROXIES), fixed-window counting."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:  # signed in: not throttled
            return True
        now = time.time()
        window = int(now // self.duration)
        window_end = (window + 1) * self.duration
        self.wait_seconds = window_end - now
        current = count_request(f"{key}:{window}", expires_at=window_end + self.duration)
        if current > self.num_requests:
            return False
        still_counted = (window_end - now) / self.duration  # of the previous window
        previous = previous_count(f"{key}:{window - 1}")
        return current + previous * still_counted <= self.num_requests

    def wait(self):
        return self.wait_seconds


def count_request(key: str, *, expires_at: float) -> int:
    """Add one to ``key``'s count, atomically, and return the new count."""
    cache = caches["default"]
    if isinstance(cache, DatabaseCache):
        return _count_in_database(cache, key, expires_at)
    timeout = max(1, int(expires_at - time.time()) + 1)
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=timeout)
        return 1


def previous_count(key: str) -> int:
    """The count ``count_request`` left under ``key``, 0 if none."""
    cache = caches["default"]
    if not isinstance(cache, DatabaseCache):
        return cache.get(key, 0)
    connection = connections[router.db_for_read(cache.cache_model_class)]
    table = connection.ops.quote_name(cache._table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE cache_key = %s", [key])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _count_in_database(cache: DatabaseCache, key: str, expires_at: float) -> int:
    connection = connections[router.db_for_write(cache.cache_model_class)]
    table = connection.ops.quote_name(cache._table)
    expires = datetime.fromtimestamp(expires_at, tz=UTC if settings.USE_TZ else None)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, '1', %s) "
            f"ON CONFLICT (cache_key) DO UPDATE SET value = "
            f"CAST(CAST({table}.value AS INTEGER) + 1 AS TEXT) RETURNING value",
            [key, expires],
        )
        count = int(cursor.fetchone()[0])
        if random.randrange(PURGE_ONE_IN) == 0:
            cursor.execute(
                f"DELETE FROM {table} WHERE cache_key LIKE %s AND expires < %s",
                ["%throttle_anon_%", timezone.now()],
            )
    return count
