"""Reviews are the record: the application can add them but never edit or remove them."""

import pytest

from claims.models import Review
from tests.factories import ClaimFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    return Review.objects.create(
        claim=ClaimFactory(),
        from_status="unverified",
        to_status="disputed",
        version=2,
        note="Local sources disagree",
        reviewer=ReviewerFactory(),
    )


def test_saving_an_existing_review_is_refused(review):
    review.note = "rewritten"
    with pytest.raises(PermissionError):
        review.save()
    assert Review.objects.get(pk=review.pk).note == "Local sources disagree"


def test_deleting_a_review_is_refused(review):
    with pytest.raises(PermissionError):
        review.delete()
    assert Review.objects.filter(pk=review.pk).exists()


def test_queryset_update_and_delete_are_refused(review):
    with pytest.raises(PermissionError):
        Review.objects.filter(pk=review.pk).update(note="rewritten")
    with pytest.raises(PermissionError):
        Review.objects.all().delete()
    assert Review.objects.get(pk=review.pk).note == "Local sources disagree"
