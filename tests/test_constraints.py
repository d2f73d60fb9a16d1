"""Each invariant is enforced by the database itself, not only by the application."""

import pytest
from django.db import IntegrityError, connection, transaction

from claims.models import Claim, Review
from sources.models import Article, Claimant
from tests.factories import ArticleFactory, ClaimantFactory, ClaimFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


def refused(**fields):
    """Update one claim row behind the ORM's back and expect the database to refuse it."""
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(**fields)


def test_count_min_above_count_max_is_refused():
    refused(count_min=5, count_max=4)


def test_span_ending_before_it_starts_is_refused():
    refused(start=4, end=4)


def test_unknown_status_is_refused():
    refused(status="maybe")


def test_unknown_kind_is_refused():
    refused(kind="rumour")


def test_unknown_outcome_is_refused():
    refused(outcome="vaporised")


def test_count_claim_without_number_or_outcome_is_refused():
    refused(outcome="", count_min=None, count_max=None)


def test_same_span_twice_in_one_article_is_refused():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(article=claim.article, start=claim.start, end=claim.end)


def test_same_content_hash_twice_is_refused():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="Copy", body=article.body, content_hash=article.content_hash)


def test_same_url_twice_is_refused_but_empty_urls_are_not():
    ArticleFactory(url="https://news.example/story")
    ArticleFactory(url="")
    ArticleFactory(url="")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://news.example/story")


def test_empty_body_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="Empty", body="", content_hash="0" * 64)


def test_same_claimant_name_with_other_case_and_punctuation_is_refused():
    ClaimantFactory(name="The U.N.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claimant.objects.create(name="the UN")


def test_database_refuses_to_update_a_review():
    claim = ClaimFactory()
    review = Review.objects.create(
        claim=claim,
        from_status="unverified",
        to_status="confirmed",
        version=2,
        note="Checked",
        reviewer=ReviewerFactory(),
    )
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE claims_review SET note = 'rewritten' WHERE id = %s", [review.pk])
    assert Review.objects.get(pk=review.pk).note == "Checked"


def test_two_reviews_with_the_same_version_are_refused():
    claim = ClaimFactory()
    reviewer = ReviewerFactory()
    fields = dict(claim=claim, from_status="unverified", to_status="confirmed", reviewer=reviewer)
    Review.objects.create(version=2, note="first", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(version=2, note="second", **fields)
