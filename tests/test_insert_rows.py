"""insert_rows, ingest's claim writer: COPY on PostgreSQL, bulk_create elsewhere; on both, the
rows it writes read back as the ORM would have written them."""

import pytest
from django.db import IntegrityError, connection, transaction

from claims.models import Claim, ClaimKind, Origin, Publication, Status
from claims.services.rows import insert_rows
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def casualty_row(article, start: int, **values) -> dict:
    return {
        "article_id": article.pk,
        "kind": ClaimKind.CASUALTY,
        "text": "13 US Marines",
        "start": start,
        "end": start + 13,
        "outcome": "killed",
        "count_min": 13,
        "count_max": 13,
        "mentions": [{"start": start, "end": start + 13, "text": "13 US Marines"}],
        **values,
    }


def test_rows_come_back_in_order_with_the_models_defaults():
    article = ArticleFactory()
    rows = [casualty_row(article, 0), casualty_row(article, 20, count_min=None, count_max=None)]

    keys = insert_rows(Claim, rows)

    assert len(keys) == 2 and keys[0] < keys[1]
    first, second = (Claim.objects.get(pk=key) for key in keys)
    assert (first.start, first.count_min, second.start, second.count_min) == (0, 13, 20, None)
    assert first.mentions == [{"start": 0, "end": 13, "text": "13 US Marines"}]
    assert first.status == Status.UNVERIFIED and first.version == 1
    assert first.origin == Origin.EXTRACTOR and first.publication == Publication.UNPUBLISHED
    assert first.created_at is not None
    assert abs((first.updated_at - first.created_at).total_seconds()) < 1
    assert first.claimant_id is None and first.superseded_by_id is None


def test_a_row_that_breaks_a_constraint_writes_nothing():
    article = ArticleFactory()
    rows = [casualty_row(article, 0), casualty_row(article, 0)]  # the same span twice

    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Claim, rows)

    assert not Claim.objects.filter(article=article).exists()


def test_a_field_the_model_lacks_is_refused_before_anything_is_written():
    article = ArticleFactory()
    if connection.vendor == "postgresql":
        with pytest.raises(ValueError, match="no fields \\['colour'\\]"):
            insert_rows(Claim, [casualty_row(article, 0, colour="red")])
    else:
        with pytest.raises(TypeError):
            insert_rows(Claim, [casualty_row(article, 0, colour="red")])
    assert not Claim.objects.filter(article=article).exists()


def test_no_rows_is_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert insert_rows(Claim, []) == []
