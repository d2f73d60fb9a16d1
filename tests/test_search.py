"""Claim search: full-text on PostgreSQL (GIN-indexed), substring on SQLite, same fields."""

import pytest
from django.db import connection

from claims.models import Claim
from claims.selectors import matching_claims, ranked_claims
from tests.factories import ArticleFactory, ClaimantFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims():
    elder = ClaimFactory(
        article=ArticleFactory(title="Drone strike near Jalalabad", body="Villagers mourned."),
        claimant=ClaimantFactory(name="Malik Adib", role="community elder"),
        attribution="a community elder",
    )
    marines = ClaimFactory(
        article=ArticleFactory(title="Airport bombing", body="Marines were among the dead.")
    )
    return elder, marines


def found(terms):
    return set(matching_claims(Claim.objects.all(), terms))


@pytest.mark.parametrize("terms", ["Villagers", "elder", "Malik Adib", "Jalalabad"])
def test_search_matches_text_attribution_claimant_and_article_title(claims, terms):
    elder, _ = claims
    assert found(terms) == {elder}


def test_search_does_not_match_unrelated_claims(claims):
    _, marines = claims
    assert found("Marines") == {marines}
    assert found("tsunami") == set()


def test_ranked_search_puts_the_best_match_first(claims):
    elder, marines = claims
    assert list(ranked_claims(Claim.objects.all(), "elder")) == [elder]


def test_blank_search_returns_everything(claims):
    assert found("   ") == set(claims)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgres_ranks_matches_and_has_gin_indexes(claims):
    elder, _ = claims
    ranked = ranked_claims(Claim.objects.all(), "community elder").get()
    assert ranked == elder and ranked.rank > 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gin%'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"claim_search_gin", "article_title_search_gin", "claimant_search_gin"} <= names
