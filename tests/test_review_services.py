"""review_claim and bulk_review: one Review per change, versions up, all or nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Claim, Review
from claims.services.exceptions import ReviewRejected, StaleVersion, UnknownClaims
from claims.services.review import bulk_review, review_claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_review_records_one_review_and_bumps_the_version(reviewer):
    claim = ClaimFactory()
    updated = review_claim(
        claim_id=claim.pk,
        status="confirmed",
        note="Matches the hospital's list",
        evidence_urls=["https://hospital.example/list"],
        reviewer=reviewer,
    )
    assert (updated.status, updated.version) == ("confirmed", 2)
    review = Review.objects.get(claim=claim)
    assert (review.from_status, review.to_status, review.version) == ("unverified", "confirmed", 2)
    assert review.evidence_urls == ["https://hospital.example/list"]
    assert review.reviewer == reviewer


def test_stale_expected_version_changes_nothing(reviewer):
    claim = ClaimFactory()
    review_claim(claim_id=claim.pk, status="in_review", note="Looking", reviewer=reviewer)
    with pytest.raises(StaleVersion) as raised:
        review_claim(
            claim_id=claim.pk,
            status="false",
            note="Old view",
            reviewer=reviewer,
            expected_version=1,
        )
    assert raised.value.current_version == 2
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("in_review", 2)
    assert Review.objects.filter(claim=claim).count() == 1


def test_user_without_review_permission_is_refused(user):
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        review_claim(claim_id=claim.pk, status="confirmed", note="x", reviewer=user)
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("status", "note", "evidence", "message"),
    [
        ("maybe", "x", [], "Unknown status 'maybe'"),
        ("confirmed", "  ", [], "note"),
        ("confirmed", "x", ["javascript:alert(1)"], "not an http"),
    ],
)
def test_invalid_review_requests_are_refused(reviewer, status, note, evidence, message):
    claim = ClaimFactory()
    with pytest.raises(ReviewRejected, match=message):
        review_claim(
            claim_id=claim.pk, status=status, note=note, evidence_urls=evidence, reviewer=reviewer
        )
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_bulk_review_gives_every_claim_one_review(reviewer, django_assert_max_num_queries):
    claims = ClaimFactory.create_batch(30)
    with django_assert_max_num_queries(8):
        count = bulk_review(
            claim_ids=[c.pk for c in claims], status="confirmed", note="Batch", reviewer=reviewer
        )
    assert count == 30
    assert Review.objects.filter(to_status="confirmed", version=2).count() == 30
    assert set(Claim.objects.values_list("status", "version")) == {("confirmed", 2)}


def test_bulk_review_with_one_unknown_id_changes_nothing(reviewer):
    claims = ClaimFactory.create_batch(3)
    ids = [c.pk for c in claims] + [999_999]
    with pytest.raises(UnknownClaims) as raised:
        bulk_review(claim_ids=ids, status="disputed", note="Batch", reviewer=reviewer)
    assert raised.value.missing_ids == [999_999]
    assert not Review.objects.exists()
    assert set(Claim.objects.values_list("status", flat=True)) == {"unverified"}
