"""Production settings: `check --deploy` is clean; configuration fails closed (DEBUG off unless
set, no blank secret, a public ClaimReview address)."""

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
    "FACTCHECK_PUBLISHER_URL": "https://factcheck.example.org/",
}


def manage(*args, **env):
    # Variables other tests may set in this process must not leak into "production".
    leaked = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
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
    settings = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
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


def test_debug_is_off_when_unset_or_empty():
    for value in (None, "", "  "):
        settings = {k: v for k, v in PRODUCTION.items() if k != "DEBUG"}
        if value is not None:
            settings["DEBUG"] = value
        result = manage(
            "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", **settings
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == "False", f"DEBUG={value!r}"


def test_whitespace_secret_key_is_refused_even_in_debug():
    blank = " " * 3
    for debug in ("0", "1"):
        result = manage("check", **dict(PRODUCTION, DEBUG=debug, SECRET_KEY=blank))
        assert result.returncode != 0
        assert "SECRET_KEY is set but empty or only whitespace" in result.stderr


def test_check_deploy_insists_on_a_public_publisher_url():
    for url in (
        "",
        "http://127.0.0.1:8000/",
        "https://localhost/",
        "http://factcheck.example.org/",
    ):
        result = manage("check", "--deploy", **dict(PRODUCTION, FACTCHECK_PUBLISHER_URL=url))
        assert result.returncode != 0, f"{url!r} was accepted"
        assert "claims.E001" in result.stderr + result.stdout
