"""ClaimReview JSON-LD carries every field schema.org and Google's fact-check markup require."""

import datetime

import pytest

from claims.claimreview import claim_review
from claims.models import Claim
from claims.selectors import published_factchecks
from claims.services.review import review_claim
from tests.factories import (
    ArticleFactory,
    ClaimantFactory,
    ClaimFactory,
    OutletFactory,
    decide_and_publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def publisher(settings):
    settings.FACTCHECK_PUBLISHER_NAME = "Example Fact Check"
    settings.FACTCHECK_PUBLISHER_URL = "https://factcheck.example/"


@pytest.fixture
def confirmed_claim(reviewer):
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
    assert data["claimReviewed"].startswith("Malik Adib: ")
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
        "ratingValue": 3,
        "bestRating": 3,
        "worstRating": 1,
        "alternateName": "Confirmed",
    }


@pytest.mark.parametrize(
    ("status", "value", "name"), [("false", 1, "False"), ("disputed", 2, "Disputed")]
)
def test_every_verdict_has_a_rating(confirmed_claim, reviewer, status, value, name):
    review_claim(claim_id=confirmed_claim.pk, status=status, note="Changed", reviewer=reviewer)
    rating = review_of(confirmed_claim)["reviewRating"]
    assert (rating["ratingValue"], rating["alternateName"]) == (value, name)
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]


def test_rating_numbers_mean_truth_as_a_normaliser_reads_them(confirmed_claim, reviewer):
    """(value - worst) / (best - worst), as claimreview-collector normalises: false 0,
    disputed halfway, confirmed 1."""
    normalised = {}
    for status in ("false", "disputed", "confirmed"):
        review_claim(claim_id=confirmed_claim.pk, status=status, note=status, reviewer=reviewer)
        rating = review_of(confirmed_claim)["reviewRating"]
        span = rating["bestRating"] - rating["worstRating"]
        normalised[status] = (rating["ratingValue"] - rating["worstRating"]) / span
    assert normalised == {"false": 0.0, "disputed": 0.5, "confirmed": 1.0}


def test_unverifiable_carries_only_its_textual_rating(confirmed_claim, reviewer):
    review_claim(
        claim_id=confirmed_claim.pk, status="unverifiable", note="No access", reviewer=reviewer
    )
    rating = review_of(confirmed_claim)["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "Unverifiable"}


def test_item_reviewed_is_a_claim_by_the_claimant_appearing_in_the_article(confirmed_claim):
    item = review_of(confirmed_claim)["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Malik Adib", "jobTitle": "elder"}
    assert item["datePublished"] == "2021-08-28"
    assert item["appearance"]["url"] == "https://news.example/drone-strike"
    assert item["appearance"]["@type"] == "NewsArticle"
    assert item["firstAppearance"]["url"] == "https://news.example/drone-strike"


def test_no_first_appearance_without_an_article_url(reviewer):
    claim = ClaimFactory(article=ArticleFactory(url=""))
    review_claim(claim_id=claim.pk, status="false", note="Wrong", reviewer=reviewer)
    assert "firstAppearance" not in review_of(claim)["itemReviewed"]


def test_own_voice_claim_is_authored_by_the_outlet_never_the_headline(reviewer):
    article = ArticleFactory(title="Drone strike kills 10", outlet=OutletFactory(name="Daily"))
    claim = ClaimFactory(article=article, claimant=None)
    review_claim(claim_id=claim.pk, status="false", note="Wrong", reviewer=reviewer)
    assert review_of(claim)["itemReviewed"]["author"] == {"@type": "Organization", "name": "Daily"}
    orphan = ClaimFactory(article=ArticleFactory(outlet=None), claimant=None)
    review_claim(claim_id=orphan.pk, status="false", note="Wrong", reviewer=reviewer)
    assert "author" not in review_of(orphan)["itemReviewed"]


def test_url_comes_from_the_request_when_no_publisher_url_is_set(api, reviewer, settings):
    settings.FACTCHECK_PUBLISHER_URL = ""
    claim = ClaimFactory()
    decide_and_publish(claim, reviewer, "false")
    page = api.get(f"/factchecks/{claim.pk}/", HTTP_HOST="checks.example.net")
    assert f'"url": "http://checks.example.net/factchecks/{claim.pk}/"' in page.content.decode()
    assert "127.0.0.1" not in page.content.decode()


def test_claims_without_a_verdict_have_no_claim_review():
    undecided = [ClaimFactory(status="unverified"), ClaimFactory(status="in_review")]
    published = published_factchecks()
    assert not published.filter(pk__in=[claim.pk for claim in undecided]).exists()


def test_claim_reviewed_is_a_short_statement_of_the_claim_itself(reviewer):
    body = "The army said no civilians were killed and 3 soldiers were injured in the raid."
    article = ArticleFactory(body=body)
    army = ClaimantFactory(name="The army", kind="military")
    killed = ClaimFactory(
        article=article,
        claimant=army,
        kind="casualty",
        outcome="killed",
        count_min=0,
        count_max=0,
        group="civilians",
        start=14,
        end=41,
        text=body[14:41],
    )
    injured = ClaimFactory(
        article=article,
        claimant=army,
        kind="casualty",
        outcome="injured",
        count_min=3,
        count_max=3,
        group="soldiers",
        start=46,
        end=66,
        text=body[46:66],
    )
    for claim in (killed, injured):
        review_claim(claim_id=claim.pk, status="disputed", note="Contested", reviewer=reviewer)
    assert review_of(killed)["claimReviewed"] == "The army: no civilians killed"
    assert review_of(injured)["claimReviewed"] == "The army: 3 soldiers injured"


def test_statement_drops_its_attribution_and_stays_under_google_advice(reviewer):
    said = "Pentagon spokesman John Kirby said " + "the threat remains very real " * 6
    claim = ClaimFactory(
        article=ArticleFactory(body=said),
        kind="statement",
        outcome="",
        count_min=None,
        count_max=None,
        start=0,
        end=len(said),
        text=said,
        attribution="Pentagon spokesman John Kirby",
        claimant=ClaimantFactory(name="John Kirby", kind="person"),
    )
    review_claim(claim_id=claim.pk, status="unverifiable", note="No access", reviewer=reviewer)
    statement = review_of(claim)["claimReviewed"]
    assert statement.startswith("John Kirby: the threat remains very real")
    assert len(statement) <= 75 and statement.endswith("…")


def test_seed_claims_each_get_their_own_claim_reviewed(reviewer):
    from django.core.management import call_command

    call_command("ingest", "seeds/", stdout=__import__("io").StringIO())
    statements = {}
    for claim in Claim.objects.select_related("claimant", "article__outlet"):
        review_claim(claim_id=claim.pk, status="disputed", note="Checked", reviewer=reviewer)
        text = review_of(claim)["claimReviewed"]
        assert len(text) <= 75, text
        statements.setdefault(text, []).append(claim.pk)
    shared = {text: ids for text, ids in statements.items() if len(ids) > 1}
    assert not shared, f"claims sharing a claimReviewed: {shared}"
    assert "US military: no civilians killed" in statements
