"""Production settings: `check --deploy` is clean, and DEBUG off refuses to start without a key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-test-only-secret-key-that-is-long-and-random-enough-4f9c2e7a1b",
    "ALLOWED_HOSTS": "factcheck.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args, **env):
    # Variables other tests may set in this process must not leak into "production".
    leaked = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in leaked}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issues_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_off_without_secret_key_refuses_to_start():
    settings = dict(PRODUCTION, SECRET_KEY="")
    result = manage("check", **settings)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def silenced_checks(**env) -> list[str]:
    code = "from django.conf import settings; print(','.join(settings.SILENCED_SYSTEM_CHECKS))"
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return [name for name in result.stdout.strip().split(",") if name]


def test_hsts_preload_reminder_is_silenced_only_until_preload_is_on():
    """Off, W021 ("you have not set SECURE_HSTS_PRELOAD") is silenced as expected; on, nothing
    is silenced, so a later preload-related warning would show. Fails if the silence is
    unconditional or SECURE_HSTS_PRELOAD=1 is not read."""
    assert silenced_checks(**PRODUCTION) == ["security.W021"]
    assert silenced_checks(**dict(PRODUCTION, SECURE_HSTS_PRELOAD="1")) == []
