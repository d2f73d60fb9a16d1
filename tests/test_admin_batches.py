"""Ingest batches in the admin: progress from one query, items inline, read-only for all."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, IngestBatchFactory, IngestItemFactory

pytestmark = pytest.mark.django_db

BATCHES = reverse("admin:claims_ingestbatch_changelist")


def make_batch(done=0, failed=0, pending=0, **fields):
    batch = IngestBatchFactory(**fields)
    for state, count in (("done", done), ("failed", failed), ("pending", pending)):
        for _ in range(count):
            IngestItemFactory(batch=batch, state=state)
    return batch


def test_list_shows_counts_and_progress(client, staff_reviewer):
    make_batch(done=42, failed=1, pending=17, created_by=staff_reviewer, source="cli")
    client.force_login(staff_reviewer)

    page = client.get(BATCHES).content.decode()

    assert "42/60 done, 1 failed" in page
    assert '<progress class="batch-progress" value="43" max="60">' in page
    for column, value in [("total", 60), ("done", 42), ("failed", 1), ("pending", 17)]:
        assert f'<td class="field-{column}">{value}</td>' in page, column
    assert staff_reviewer.username in page and "cli" in page


def test_list_queries_do_not_grow_with_batches(client, superuser, django_assert_max_num_queries):
    client.force_login(superuser)
    make_batch(done=2, created_by=superuser)
    with django_assert_max_num_queries(20) as few:
        assert client.get(BATCHES).status_code == 200
    for _ in range(20):
        make_batch(done=2, failed=1, created_by=superuser)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(BATCHES).status_code == 200


def test_batch_page_lists_items_with_article_link_and_error(client, superuser):
    batch = IngestBatchFactory()
    article = ArticleFactory(title="Strike near Jalalabad")
    IngestItemFactory(batch=batch, label="one.txt", state="done", article=article)
    IngestItemFactory(batch=batch, label="two.txt", state="failed", error="The body is empty.")
    client.force_login(superuser)

    page = client.get(reverse("admin:claims_ingestbatch_change", args=[batch.pk])).content.decode()

    assert "one.txt" in page and "two.txt" in page
    assert reverse("admin:sources_article_change", args=[article.pk]) in page
    assert "Strike near Jalalabad" in page
    assert "The body is empty." in page
    assert "1/2 done, 1 failed" in page


def test_read_only_even_for_superusers(client, superuser):
    batch = make_batch(done=1)
    client.force_login(superuser)
    change = reverse("admin:claims_ingestbatch_change", args=[batch.pk])

    page = client.get(change).content.decode()
    post = client.post(change, {"source": "edited"})
    delete = client.post(
        reverse("admin:claims_ingestbatch_delete", args=[batch.pk]), {"post": "yes"}
    )

    assert 'name="_save"' not in page
    assert post.status_code == 403
    assert delete.status_code == 403
    assert client.get(reverse("admin:claims_ingestbatch_add")).status_code == 403
    batch.refresh_from_db()
    assert batch.source == "api"


def test_staff_without_permission_cannot_see_batches(client, staff):
    client.force_login(staff)

    assert client.get(BATCHES).status_code == 403
