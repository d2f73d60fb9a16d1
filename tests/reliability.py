"""Helpers shared by the reliability tests: real HTTP calls, the reviewers group after a
flush, and figures recorded under $ARTIFACTS_DIR/reliability/."""

import fcntl
import importlib
import json
import os
import urllib.error
import urllib.request
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate

# The groups as claims' initial migration makes them.
GROUPS = importlib.import_module(
    "claims.migrations.0001_squashed_0013_desk_publication_assignment_webhooks"
).GROUPS


def _group(name: str, permissions: dict, using: str) -> Group:
    group, _ = Group.objects.using(using).get_or_create(name=name)
    for app_label, codenames in permissions.items():
        group.permissions.add(
            *Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )
    return group


def ensure_reviewers_group(using: str = "default") -> Group:
    """The ``reviewers`` and ``editors`` groups as migrations make them; returns reviewers.

    Transactional tests (live_server) flush every table afterwards, and the flush brings
    permissions back but not groups made by data migrations; later tests need them again.
    """
    groups = {name: _group(name, permissions, using) for name, permissions in GROUPS.items()}
    return groups["reviewers"]


def _restore_reviewers_group(sender, using="default", **kwargs):
    # A flush ends with post_migrate, which recreates content types and permissions (for
    # "sources" before "claims"); recreate the group too, so that a test running after any
    # transactional test finds the database as migrations left it, whatever the order.
    if sender.label == "claims":
        ensure_reviewers_group(using)


post_migrate.connect(_restore_reviewers_group, dispatch_uid="tests.reliability.reviewers_group")


def call(
    method: str,
    url: str,
    *,
    token: str = "",
    body=None,
    headers=None,
    timeout: float = 30,
) -> tuple[int, dict, dict]:
    """One HTTP request: (status, JSON body, headers) for successes and HTTP errors alike.

    A body that is not JSON comes back as ``{"raw": <its first 500 characters>}``.
    """
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", "application/json")
    if token:
        request.add_header("Authorization", f"Token {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, _json(response.read()), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, _json(error.read()), dict(error.headers)


def _json(raw: bytes) -> dict:
    try:
        parsed = json.loads(raw or b"{}")
    except ValueError:
        return {"raw": raw[:500].decode(errors="replace")}
    return parsed if isinstance(parsed, dict) else {"items": parsed}


def record(topic: str, name: str, figures: dict) -> None:
    """Print the figures and keep them in $ARTIFACTS_DIR/reliability/<topic>.json."""
    print(f"\n{topic}/{name}: {json.dumps(figures, sort_keys=True)}")
    folder = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "reliability"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{topic}.json"
    # Test processes run side by side (pytest -n): one read-modify-write at a time.
    with (folder / f".{topic}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        saved = json.loads(path.read_text()) if path.exists() else {}
        saved[name] = figures
        path.write_text(json.dumps(saved, indent=2, sort_keys=True))
