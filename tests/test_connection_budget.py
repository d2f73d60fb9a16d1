"""gunicorn refuses to start when its workers' pools could not all fit in the database."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from tests.servers import PRODUCTION_ENV, ROOT, current_database_url, free_port

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="reads max_connections"),
]


def start_gunicorn(**env) -> subprocess.CompletedProcess:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))},
        **PRODUCTION_ENV,
        "DATABASE_URL": current_database_url(),
        "BIND": f"127.0.0.1:{free_port()}",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "factcheck.wsgi"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_workers_times_pool_beyond_max_connections_refuses_to_start():
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        max_connections = int(cursor.fetchone()[0])
    workers = max_connections // 4 + 1  # x a pool of 4: more than the server allows
    result = start_gunicorn(WEB_CONCURRENCY=str(workers), DB_POOL_SIZE="4")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"{workers} processes x 4 connections = {workers * 4}" in output
    assert "exceeds the database's limit" in output and "WEB_CONCURRENCY" in output
    assert "Booting worker" not in output, "a worker started anyway"
