"""The README's curl walkthrough, run as written (twice) against `runserver` on a demo
database: it must work on a used database, not only a fresh one, and end with a verdict on
the public page."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.servers import PRODUCTION_ENV, ROOT, running

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl"),
]


# What `make demo` runs (migrate, ingest seeds/) and a reviewer, in one process: three
# `manage.py` processes spent most of their time starting Django three times.
DEMO = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("ingest", "seeds/", verbosity=0)
call_command("create_reviewer", "alice")
"""


def walkthrough() -> str:
    readme = (ROOT / "README.md").read_text()
    start = readme.index("```sh\nAPI=http://127.0.0.1:8000/api\n") + len("```sh\n")
    return readme[start : readme.index("```", start)]


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_walkthrough_runs_twice_and_ends_with_a_published_verdict(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))},
        **PRODUCTION_ENV,
        "DATABASE_URL": database_url,
    }
    token = manage(env, "shell", "--no-imports", "-c", DEMO).strip().splitlines()[-1]
    with running("runserver", tmp_path, database_url=database_url) as server:
        script = (
            walkthrough()
            .replace("http://127.0.0.1:8000", server.url)
            .replace(".venv/bin/python", sys.executable)  # the Python running the tests
        )
        for attempt in (1, 2):
            result = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", script],
                cwd=ROOT,
                env={**env, "TOKEN": token},
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 0, f"run {attempt}:\n{result.stdout}\n{result.stderr}"
            assert result.stdout.rstrip().endswith("verdict-disputed"), result.stdout[-500:]
            assert '"status":"disputed"' in result.stdout.replace(" ", "")
