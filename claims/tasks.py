"""Background ingest on Celery. Each task ingests one batch item and is safe to run twice."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

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
