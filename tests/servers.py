"""Real servers for the reliability tests: `runserver` and gunicorn as separate processes.

pytest-django's live_server closes the database connection after every request, which hides
what the project's own servers do with connections; these start the documented commands on
a free loopback port, with production settings (DEBUG off) on the test database, and stop
them at the end. Every wait is bounded.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT = 30
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "factcheck.settings",
    "DEBUG": "0",
    "SECRET_KEY": "a-test-only-secret-key-for-the-servers-the-tests-start-3f9a1c",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "FACTCHECK_PUBLISHER_URL": "https://factcheck.example.org/",
    "LOG_LEVEL": "WARNING",
    # libpq names the servers' connections, so connections_to() counts only theirs.
    "PGAPPNAME": "factcheck-test-server",
    # As in-process tests (conftest's verdict_rules): these servers test concurrency, errors
    # and the walkthrough, not the desk's evidence rules.
    "FACTCHECK_VERDICT_RULES": "{}",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def current_database_url() -> str:
    """The URL of the database this test runs on (pytest-django's test_… database)."""
    database = connection.settings_dict
    assert database["ENGINE"] == "django.db.backends.postgresql", "servers need PostgreSQL"
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    host = database["HOST"] or "127.0.0.1"
    host = host.replace("/", "%2F")
    port = database["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{database['NAME']}"


class Server:
    """One server process; ``url`` is its root, ``log`` what it printed so far."""

    def __init__(self, command: list[str], port: int, env: dict, log_path: Path):
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"the server exited ({self.process.returncode}):\n{self.log[-3000:]}"
                )
            try:
                # An unknown /api/ path: answered by Django (JSON 404) without the throttle.
                urllib.request.urlopen(self.url + "/api/no-such-endpoint/", timeout=5).read()
                return
            except urllib.error.HTTPError:
                return  # it answers, if only with an error
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise AssertionError(
            f"the server did not answer within {READY_TIMEOUT} s:\n{self.log[-3000:]}"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()


def server_command(kind: str, port: int) -> list[str]:
    if kind == "runserver":
        return [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    if kind == "gunicorn":
        return [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "factcheck.wsgi"]
    raise ValueError(kind)


@contextlib.contextmanager
def running(kind: str, tmp_path: Path, *, database_url: str | None = None, **env: str):
    """Start ``kind`` ("runserver" or "gunicorn") and yield it once it answers; stop it after."""
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))},
        **PRODUCTION_ENV,
        "DATABASE_URL": database_url or current_database_url(),
        "BIND": f"127.0.0.1:{port}",
        **env,
    }
    if database_url is None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM django_cache")  # no throttle counts from earlier tests
    server = Server(server_command(kind, port), port, environment, tmp_path / f"{kind}.log")
    try:
        server.wait_until_ready()
        yield server
    finally:
        server.stop()


def server_connections(database: str) -> int:
    """Connections the servers started here hold to ``database`` right now."""
    with psycopg.connect(**raw_connection_params()) as probe:
        return probe.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
            [database, PRODUCTION_ENV["PGAPPNAME"]],
        ).fetchone()[0]


def raw_connection_params() -> dict:
    """psycopg.connect() arguments for the test database, outside Django's pool."""
    return {k: v for k, v in connection.get_connection_params().items() if k != "pool"}
