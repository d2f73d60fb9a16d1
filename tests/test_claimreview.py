"""ClaimReview JSON-LD carries every field schema.org and Google's fact-check markup require."""

import datetime

import pytest

from claims.claimreview import claim_review
from claims.models import Claim
from claims.selectors import published_factchecks
from claims.services.review import review_claim
from tests.factories import ArticleFactory, ClaimantFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed_claim(reviewer, settings):
    settings.FACTCHECK_PUBLISHER_NAME = "Example Fact Check"
    settings.FACTCHECK_PUBLISHER_URL = "https://factcheck.example/"
    article = ArticleFactory(
        url="https://news.example/drone-strike", published_on=datetime.date(2021, 8, 28)
    )
    claim = ClaimFactory(
        article=article, claimant=ClaimantFactory(name="Malik Adib", kind="person", role="elder")
    )
    return review_claim(
        claim_id=claim.pk,
        status="confirmed",
        note="Hospital records agree",
        evidence_urls=["https://hospital.example/records"],
        reviewer=reviewer,
    )


def review_of(claim):
    claim = Claim.objects.select_related("article__outlet", "claimant").get(pk=claim.pk)
    return claim_review(claim, claim.reviews.get(version=claim.version))


def test_required_fields_are_present(confirmed_claim):
    data = review_of(confirmed_claim)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ClaimReview"
    assert confirmed_claim.text in data["claimReviewed"]
    assert data["url"] == f"https://factcheck.example/factchecks/{confirmed_claim.pk}/"
    assert data["author"] == {
        "@type": "Organization",
        "name": "Example Fact Check",
        "url": "https://factcheck.example/",
    }
    datetime.date.fromisoformat(data["datePublished"])


def test_rating_maps_status_to_value_and_name(confirmed_claim):
    rating = review_of(confirmed_claim)["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "ratingValue": 4,
        "bestRating": 4,
        "worstRating": 1,
        "alternateName": "Confirmed",
    }


@pytest.mark.parametrize(
    ("status", "value", "name"),
    [("false", 1, "False"), ("disputed", 2, "Disputed"), ("unverifiable", 3, "Unverifiable")],
)
def test_every_verdict_has_a_rating(confirmed_claim, reviewer, status, value, name):
    review_claim(claim_id=confirmed_claim.pk, status=status, note="Changed", reviewer=reviewer)
    rating = review_of(confirmed_claim)["reviewRating"]
    assert (rating["ratingValue"], rating["alternateName"]) == (value, name)
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]


def test_item_reviewed_is_a_claim_by_the_claimant_appearing_in_the_article(confirmed_claim):
    item = review_of(confirmed_claim)["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Malik Adib", "jobTitle": "elder"}
    assert item["datePublished"] == "2021-08-28"
    assert item["appearance"]["url"] == "https://news.example/drone-strike"
    assert item["appearance"]["@type"] == "NewsArticle"


def test_claims_without_a_verdict_have_no_claim_review():
    undecided = [ClaimFactory(status="unverified"), ClaimFactory(status="in_review")]
    published = published_factchecks()
    assert not published.filter(pk__in=[claim.pk for claim in undecided]).exists()


def test_claim_reviewed_is_the_sentence_holding_the_span(reviewer):
    body = (
        "Officials spoke on Monday. The army said no civilians died in the raid. Others disagree."
    )
    start = body.index("no civilians died")
    claim = ClaimFactory(
        article=ArticleFactory(body=body), start=start, end=start + 17, text="no civilians died"
    )
    review_claim(claim_id=claim.pk, status="disputed", note="Contested", reviewer=reviewer)
    assert review_of(claim)["claimReviewed"] == "The army said no civilians died in the raid."
