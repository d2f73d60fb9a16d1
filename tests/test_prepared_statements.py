"""On PostgreSQL a connection prepares the statements it repeats (DB_PREPARE_THRESHOLD), so
the claim list is not planned again on every request; -1 turns it off."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from tests.factories import ClaimFactory
from tests.servers import ROOT, current_database_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements"),
]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_the_claim_list_is_prepared_once_it_has_run_five_times(api, reviewer):
    ClaimFactory.create_batch(3)
    api.force_authenticate(reviewer)
    assert not any("claims_claim" in sql for sql in prepared_statements())
    for _ in range(6):
        assert api.get("/api/claims/", {"status": "unverified"}).status_code == 200
    listing = [sql for sql in prepared_statements() if 'FROM "claims_claim"' in sql]
    assert listing, "the claim list was planned again on every request"
    assert api.get("/api/claims/", {"status": "unverified"}).json()["results"]


def binding_options(threshold: str) -> str:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))},
        "DEBUG": "1",
        "DATABASE_URL": current_database_url(),
        "DB_PREPARE_THRESHOLD": threshold,
    }
    script = (
        "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS'];"
        "print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_threshold_is_a_setting_and_minus_one_turns_preparing_off():
    assert binding_options("") == "True 5"
    assert binding_options("2") == "True 2"
    assert binding_options("-1") == "None None"
