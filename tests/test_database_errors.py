"""Database errors are answered for what they are, and each answer logs its cause.

Only a lost or refused connection is "database unavailable"; a lock held elsewhere, a
statement over its time limit, a server out of connections, a deadlock each get their own
JSON 503 with Retry-After; anything else (a full disk) is a JSON 500, logged with its trace.
"""

import json
import logging
import threading
import time

import psycopg
import pytest
from django.db import OperationalError, connection, connections, transaction
from django.test import RequestFactory

from claims.services.tokens import issue_token
from factcheck import middleware
from tests.factories import ClaimFactory, ReviewerFactory
from tests.reliability import call, ensure_reviewers_group
from tests.servers import free_port, raw_connection_params, running

postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: DATABASE_URL=postgres://…"
)


def wrapped(driver_error: Exception) -> OperationalError:
    """The error as Django raises it: its own class, the driver's error as the cause."""
    try:
        raise OperationalError(str(driver_error)) from driver_error
    except OperationalError as error:
        return error


def answer(error, path="/api/claims/"):
    return middleware.database_error_response(RequestFactory().get(path), error)


# The driver errors answered 503 with Retry-After, by the code each answer carries.
RETRYABLE = {
    "database_busy": psycopg.errors.TooManyConnections("sorry, too many clients already"),
    "write_conflict": psycopg.errors.DeadlockDetected("deadlock detected"),
    "lock_timeout": psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"),
    "statement_timeout": psycopg.errors.QueryCanceled(
        "canceling statement due to statement timeout"
    ),
    "unavailable": psycopg.errors.AdminShutdown("terminating connection"),
}
DISK_FULL = psycopg.errors.DiskFull("could not extend file: No space left on device")


@pytest.mark.parametrize(
    ("driver_error", "status", "code"),
    [(error, 503, code) for code, error in RETRYABLE.items()]
    + [(DISK_FULL, 500, "database_error")],
)
def test_each_database_error_gets_its_own_answer_and_logs_its_cause(
    driver_error, status, code, caplog
):
    with caplog.at_level(logging.WARNING, logger="factcheck.middleware"):
        response = answer(wrapped(driver_error))
    assert (response.status_code, json.loads(response.content)["code"]) == (status, code)
    assert ("Retry-After" in response) == (status == 503)
    logged = caplog.records[-1]
    assert driver_error.sqlstate in logged.getMessage()
    assert type(driver_error).__name__ in logged.getMessage()
    assert bool(logged.exc_info) == (status == 500), "a 500 logs its traceback"


def test_pages_get_the_same_answer_as_plain_text():
    response = answer(wrapped(psycopg.errors.LockNotAvailable("lock timeout")), path="/")
    assert response.status_code == 503 and response["Content-Type"].startswith("text/plain")
    assert response["Retry-After"] == "2"


def test_a_refused_connection_is_database_unavailable(tmp_path):
    """A server on a closed port: a quick JSON 503 'unavailable', never a hang or a 500."""
    closed = f"postgres://postgres@127.0.0.1:{free_port()}/factcheck"
    with running(
        "gunicorn", tmp_path, database_url=closed, WEB_CONCURRENCY="1", DB_POOL_TIMEOUT="1"
    ) as server:
        started = time.monotonic()
        code, body, headers = call("GET", server.url + "/api/claims/")
        seconds = time.monotonic() - started
        page_code, _, page_headers = call("GET", server.url + "/")
        log = server.log
    assert (code, body["code"], headers["Retry-After"]) == (503, "unavailable", "5")
    assert seconds < 5, f"the refusal took {seconds:.1f} s"
    assert page_code == 503 and page_headers["Retry-After"] == "5"
    assert "GET /api/claims/ answered 503 unavailable" in log


@postgresql
@pytest.mark.django_db
def test_connections_carry_lock_and_statement_timeouts_below_gunicorns():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('lock_timeout'), current_setting('statement_timeout')"
        )
        assert cursor.fetchone() == ("2s", "15s")


@postgresql
@pytest.mark.django_db
def test_a_statement_over_its_time_limit_is_a_statement_timeout(caplog):
    with pytest.raises(OperationalError) as raised, transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 50")
            cursor.execute("SELECT pg_sleep(2)")
    with caplog.at_level(logging.WARNING, logger="factcheck.middleware"):
        response = answer(raised.value)
    assert response.status_code == 503
    assert json.loads(response.content)["code"] == "statement_timeout"
    assert "57014" in caplog.records[-1].getMessage()


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_terminates_is_database_unavailable():
    own = connections.create_connection("default")
    try:
        with pytest.raises(OperationalError) as raised, own.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    finally:
        own.close()
    assert middleware.classify(raised.value) is middleware.UNAVAILABLE


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_write_on_a_locked_row_answers_503_lock_timeout_and_other_reads_go_on(tmp_path):
    ensure_reviewers_group()
    locked, other = ClaimFactory(), ClaimFactory()
    token = issue_token(ReviewerFactory())
    holder = psycopg.connect(**raw_connection_params())
    try:
        holder.execute("SELECT 1 FROM claims_claim WHERE id = %s FOR UPDATE", [locked.pk])
        with running("gunicorn", tmp_path, WEB_CONCURRENCY="2", DB_LOCK_TIMEOUT_MS="500") as server:
            reads = []

            def reader():
                for _ in range(10):
                    started = time.monotonic()
                    code, _, _ = call("GET", f"{server.url}/api/claims/{other.pk}/", token=token)
                    reads.append((code, time.monotonic() - started))

            thread = threading.Thread(target=reader)
            thread.start()
            started = time.monotonic()
            code, body, headers = call(
                "POST",
                f"{server.url}/api/claims/{locked.pk}/review/",
                token=token,
                body={"status": "false", "note": "while locked"},
            )
            waited = time.monotonic() - started
            thread.join(timeout=60)
            log = server.log
    finally:
        holder.close()
    assert (code, body["code"]) == (503, "lock_timeout"), body
    assert headers["Retry-After"] == "2"
    assert waited < 5, f"the write waited {waited:.1f} s"
    assert "55P03" in log
    assert {code for code, _ in reads} == {200}
    assert max(seconds for _, seconds in reads) < 3
