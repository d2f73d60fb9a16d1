"""Webhooks: each event a subscribed endpoint asked for is POSTed to it as signed JSON.

Events are sent only after the write that caused them commits, by Celery (inline when no
broker is configured), and nothing a receiver does (slow, down, answering 500) can block
or undo that write: failures are logged and retried with exponential backoff.
"""

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.models import WebhookDelivery, WebhookEndpoint

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Factcheck-Signature"


def _endpoints_for(event: str) -> list[int]:
    # Endpoints are few and SQLite cannot search inside JSON lists: filter in Python.
    return [
        endpoint.pk
        for endpoint in WebhookEndpoint.objects.filter(active=True).only("pk", "events")
        if event in (endpoint.events or [])
    ]


def subscribed(event: str) -> bool:
    """Whether any active endpoint wants ``event`` (so callers can skip building payloads)."""
    return bool(_endpoints_for(event))


def notify(event: str, payloads: Sequence[dict]) -> None:
    """Queue one delivery of ``event`` per payload to every endpoint subscribed to it, once
    the current transaction commits (at once outside one). Never raises."""
    payloads = list(payloads)
    if not payloads:
        return

    def send() -> None:
        from claims.tasks import deliver_webhook  # claims.tasks imports the services

        try:
            endpoint_ids = _endpoints_for(event)
        except Exception:
            log.exception("Could not look up webhook endpoints for %s", event)
            return
        for endpoint_id in endpoint_ids:
            for payload in payloads:
                try:
                    deliver_webhook.delay(endpoint_id, event, payload)
                except Exception:
                    log.exception("Could not queue webhook %s to endpoint %s", event, endpoint_id)

    transaction.on_commit(send)


def signature(secret: str, body: bytes) -> str:
    """The X-Factcheck-Signature value: ``sha256=`` and the hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff_seconds(attempt: int) -> int:
    """Seconds before the attempt after ``attempt``: base × 2^(attempt − 1), capped at an hour."""
    return min(settings.WEBHOOK_BACKOFF_SECONDS * 2 ** (attempt - 1), 3600)


def deliver(*, endpoint_id: int, event: str, payload: dict, attempt: int) -> bool:
    """POST one event to one endpoint and log the attempt; True if it answered 2xx.

    An endpoint deleted or switched off since the event was queued is skipped (True: there
    is nothing to retry).
    """
    endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id, active=True).first()
    if endpoint is None:
        return True
    body = json.dumps(
        {"event": event, "sent_at": timezone.now().isoformat(), "data": payload},
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    request = urllib.request.Request(
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "factcheck-webhooks/1",
            "X-Factcheck-Event": event,
            SIGNATURE_HEADER: signature(endpoint.secret, body),
        },
    )
    status_code, error = None, ""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as answer:
            status_code = answer.status
    except urllib.error.HTTPError as refused:
        status_code, error = refused.code, f"HTTP {refused.code} {refused.reason}"
    except Exception as failure:  # a receiver's failure is logged, never raised
        error = f"{type(failure).__name__}: {failure}"[:2000]
    duration_ms = (time.perf_counter() - started) * 1000
    WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=event,
        payload=payload,
        attempt=attempt,
        status_code=status_code,
        error=error,
        duration_ms=round(duration_ms, 2),
    )
    return status_code is not None and 200 <= status_code < 300
