"""Background ingest: a batch records every article it was given and what became of each."""

import datetime
from collections.abc import Sequence

from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from claims.models import IngestBatch, IngestItem
from claims.services.exceptions import ArticleRejected
from claims.services.ingest import ingest_article, validate_article_body
from sources.incoming import IncomingArticle


def create_ingest_batch(
    *, articles: Sequence[IncomingArticle], created_by=None, source: str = ""
) -> IngestBatch:
    """Record a batch of articles and queue one background task per article.

    Articles that cannot be stored (an empty or oversized body) are recorded as failed at
    once with the reason, so the batch's counts account for every entry. Tasks are queued
    only after the batch is committed; with no broker configured they run inline.
    """
    from claims.tasks import ingest_item  # claims.tasks imports this module

    with transaction.atomic():
        batch = IngestBatch.objects.create(created_by=created_by, source=source[:200])
        items = []
        for position, article in enumerate(articles):
            item = IngestItem(
                batch=batch,
                position=position,
                label=(article.label or article.title or f"#{position}")[:500],
                title=article.title[:500],
                body=article.body,
                url=article.url,
                outlet=article.outlet[:200],
                published_on=article.published_on,
            )
            try:
                validate_article_body(item.body)
            except ArticleRejected as error:
                item.state, item.error, item.body = IngestItem.State.FAILED, str(error), ""
                item.finished_at = timezone.now()
            items.append(item)
        IngestItem.objects.bulk_create(items)
        pending = list(
            IngestItem.objects.filter(batch=batch, state=IngestItem.State.PENDING).values_list(
                "pk", flat=True
            )
        )
        transaction.on_commit(lambda: [ingest_item.delay(pk) for pk in pending])
    return batch


def ingest_batch_item(item_id: int) -> str:
    """Ingest one pending batch item and record the outcome; a no-op if it is finished.

    Idempotent: if the worker dies after the article is stored but before the item is
    marked done, the retry finds the article by its content hash and only marks the item.
    """
    item = IngestItem.objects.filter(pk=item_id).first()
    if item is None or item.state != IngestItem.State.PENDING:
        return "skipped"
    IngestItem.objects.filter(pk=item_id).update(attempts=F("attempts") + 1)
    try:
        result = ingest_article(item.as_incoming(), ingested_by=item.batch.created_by)
    except (OperationalError, InterfaceError):
        raise  # transient: the task is retried
    except (ArticleRejected, IntegrityError, ValueError) as error:
        IngestItem.objects.filter(pk=item_id, state=IngestItem.State.PENDING).update(
            state=IngestItem.State.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        return "failed"
    IngestItem.objects.filter(pk=item_id, state=IngestItem.State.PENDING).update(
        state=IngestItem.State.DONE,
        article=result.article,
        created_article=result.created,
        finished_at=timezone.now(),
    )
    return "created" if result.created else "present"


def requeue_stalled_items(*, older_than: datetime.timedelta) -> int:
    """Send again the tasks of batch items still pending after ``older_than``.

    The database, not the broker, is the record of what is left to do: a task can be lost
    in the broker (a worker killed between taking it and noting it as unacked, a broker
    restarted without persistence). Sending one twice is harmless, since an item is
    ingested once (its state) and an article stored once (its content hash). Returns how
    many tasks were sent.
    """
    from claims.tasks import ingest_item  # claims.tasks imports this module

    cutoff = timezone.now() - older_than
    stalled = list(
        IngestItem.objects.filter(
            state=IngestItem.State.PENDING, batch__created_at__lte=cutoff
        ).values_list("pk", flat=True)
    )
    for item_id in stalled:
        ingest_item.delay(item_id)
    return len(stalled)
