"""Background work on Celery: ingest (each task ingests one batch item and is safe to run
twice) and webhook deliveries."""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from claims.services import webhooks
from claims.services.batches import ingest_batch_item


@shared_task(
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=8,
)
def ingest_item(item_id: int) -> str:
    """Ingest one IngestItem; retried on transient database errors."""
    return ingest_batch_item(item_id)


@shared_task(bind=True)
def deliver_webhook(self, endpoint_id: int, event: str, payload: dict):
    """Deliver one event; on failure retry after exponential backoff, up to
    WEBHOOK_MAX_ATTEMPTS attempts in all. Every attempt is logged as a WebhookDelivery."""
    attempt = self.request.retries + 1
    if webhooks.deliver(endpoint_id=endpoint_id, event=event, payload=payload, attempt=attempt):
        return True
    if attempt >= settings.WEBHOOK_MAX_ATTEMPTS:
        return False
    # throw=False: a worker re-queues the task and finishes this one; inline (no broker),
    # Celery runs the returned retry at once instead of raising it into the write.
    return self.retry(countdown=webhooks.backoff_seconds(attempt), max_retries=None, throw=False)
