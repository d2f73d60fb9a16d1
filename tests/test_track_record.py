"""A claimant's record: claims by status and the share confirmed, computed by the database."""

import pytest

from claims.selectors import claimant_track_records
from claims.services.review import bulk_review
from tests.factories import ClaimantFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_counts_and_shares(reviewer, django_assert_num_queries):
    source = ClaimantFactory(name="Ministry")
    claims = ClaimFactory.create_batch(6, claimant=source)
    ids = [c.pk for c in claims]
    bulk_review(claim_ids=ids[:3], status="confirmed", note="ok", reviewer=reviewer)
    bulk_review(claim_ids=ids[3:4], status="false", note="no", reviewer=reviewer)
    bulk_review(claim_ids=ids[4:5], status="unverifiable", note="?", reviewer=reviewer)
    with django_assert_num_queries(1):
        record = claimant_track_records().get(pk=source.pk)
    assert record.claim_count == 6
    assert (record.confirmed_count, record.false_count, record.disputed_count) == (3, 1, 0)
    assert (record.unverifiable_count, record.unverified_count) == (1, 1)
    assert record.confirmed_share == pytest.approx(0.75)
    assert record.refuted_share == pytest.approx(0.25)


def test_share_is_null_before_any_decision():
    source = ClaimantFactory()
    ClaimFactory(claimant=source)
    record = claimant_track_records().get(pk=source.pk)
    assert record.confirmed_share is None and record.claim_count == 1
