"""requeue_ingest sends again the tasks of items still pending, and only those."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from claims.models import IngestBatch, IngestItem
from sources.models import Article

pytestmark = pytest.mark.django_db

BODY = "Four people were injured in the fire, the fire brigade said."


def stalled_batch(age: datetime.timedelta) -> IngestBatch:
    """A batch whose task never reached a worker (as if the broker lost it)."""
    batch = IngestBatch.objects.create(source="test")
    IngestBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - age)
    IngestItem.objects.create(batch=batch, position=0, label="fire", title="Fire", body=BODY)
    return batch


def requeue(*args) -> str:
    out = StringIO()
    call_command("requeue_ingest", *args, stdout=out)
    return out.getvalue()


def test_stalled_items_are_ingested_when_requeued():
    batch = stalled_batch(datetime.timedelta(hours=1))
    assert "1 pending items queued again" in requeue()
    item = batch.items.get()
    assert item.state == "done" and item.article == Article.objects.get()


def test_recent_items_are_left_to_their_first_delivery():
    batch = stalled_batch(datetime.timedelta(seconds=5))
    assert "0 pending items queued again" in requeue("--older-than", "600")
    assert batch.items.get().state == "pending"


def test_requeueing_a_finished_item_changes_nothing():
    stalled_batch(datetime.timedelta(hours=1))
    requeue()
    IngestItem.objects.update(state="pending")  # as if a duplicate delivery raced the first
    requeue()
    assert Article.objects.count() == 1
    assert IngestItem.objects.get().state == "done"
