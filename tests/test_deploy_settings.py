"""Production settings: `check --deploy` is clean; configuration fails closed (DEBUG off unless
set, no blank secret, a public ClaimReview address).

One `check --deploy` runs in a fresh process on the production settings, as an operator runs
it. The other cases read factcheck/settings.py in this process under a made-up environment
(each subprocess cost a second of Django start-up for one line of settings).
"""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Tags, run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-test-only-secret-key-that-is-long-and-random-enough-4f9c2e7a1b",
    "ALLOWED_HOSTS": "factcheck.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "FACTCHECK_PUBLISHER_URL": "https://factcheck.example.org/",
}
# Variables other tests may set in this process must not leak into "production".
LEAKED = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}


def environment(**env) -> dict:
    return {**{k: v for k, v in os.environ.items() if k not in LEAKED}, **env}


def production_settings(**env) -> dict:
    """factcheck/settings.py's names as that environment makes them (raises what it raises)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in LEAKED:
            patch.delenv(name, raising=False)
        for name, value in env.items():
            patch.setenv(name, value)
        return runpy.run_path(str(ROOT / "factcheck" / "settings.py"))


def test_check_deploy_reports_no_issues_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment(**PRODUCTION),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_off_without_secret_key_refuses_to_start():
    settings = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        production_settings(**settings)


def test_hsts_preload_reminder_is_silenced_only_until_preload_is_on():
    """Off, W021 ("you have not set SECURE_HSTS_PRELOAD") is silenced as expected; on, nothing
    is silenced, so a later preload-related warning would show. Fails if the silence is
    unconditional or SECURE_HSTS_PRELOAD=1 is not read."""
    assert production_settings(**PRODUCTION)["SILENCED_SYSTEM_CHECKS"] == ["security.W021"]
    preload = production_settings(**dict(PRODUCTION, SECURE_HSTS_PRELOAD="1"))
    assert preload["SECURE_HSTS_PRELOAD"] is True
    assert preload["SILENCED_SYSTEM_CHECKS"] == []


def test_debug_is_off_when_unset_or_empty():
    for value in (None, "", "  "):
        settings = {k: v for k, v in PRODUCTION.items() if k != "DEBUG"}
        if value is not None:
            settings["DEBUG"] = value
        assert production_settings(**settings)["DEBUG"] is False, f"DEBUG={value!r}"


def test_whitespace_secret_key_is_refused_even_in_debug():
    blank = " " * 3
    for debug in ("0", "1"):
        with pytest.raises(ImproperlyConfigured, match="empty or only whitespace"):
            production_settings(**dict(PRODUCTION, DEBUG=debug, SECRET_KEY=blank))


@pytest.mark.parametrize(
    "url",
    ["", "http://127.0.0.1:8000/", "https://localhost/", "http://factcheck.example.org/"],
)
def test_check_deploy_insists_on_a_public_publisher_url(url):
    """The deploy checks (those `check --deploy` adds) run on the URL the settings read."""
    configured = production_settings(**dict(PRODUCTION, FACTCHECK_PUBLISHER_URL=url))
    with override_settings(
        DEBUG=configured["DEBUG"], FACTCHECK_PUBLISHER_URL=configured["FACTCHECK_PUBLISHER_URL"]
    ):
        errors = run_checks(tags=[Tags.security], include_deployment_checks=True)
    assert "claims.E001" in [error.id for error in errors], f"{url!r} was accepted"
