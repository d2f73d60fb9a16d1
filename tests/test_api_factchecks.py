"""ClaimReview through the API: per claim and as a feed filterable by updated_since."""

import datetime

import pytest
from django.utils import timezone

from claims.models import Claim
from claims.services.review import review_claim
from tests.factories import ClaimantFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def decide(claim, reviewer, status="confirmed"):
    return review_claim(claim_id=claim.pk, status=status, note="Checked", reviewer=reviewer)


def test_claimreview_of_a_reviewed_claim(api, reviewer):
    claim = ClaimFactory(claimant=ClaimantFactory(name="US military", kind="military"))
    decide(claim, reviewer, "false")
    response = api.get(f"/api/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200
    data = response.json()
    assert data["@type"] == "ClaimReview"
    assert data["reviewRating"]["alternateName"] == "False"
    assert data["itemReviewed"]["author"] == {"@type": "Organization", "name": "US military"}


def test_claim_without_verdict_has_no_claimreview(api):
    response = api.get(f"/api/claims/{ClaimFactory().pk}/claimreview/")
    assert response.status_code == 404
    assert "no verdict" in response.json()["detail"]


def test_feed_lists_only_verdicts_and_follows_updated_since(api, reviewer):
    old, new, _undecided = ClaimFactory(), ClaimFactory(), ClaimFactory()
    decide(old, reviewer)
    Claim.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=3))
    decide(new, reviewer, "disputed")

    everything = api.get("/api/claimreview/").json()["results"]
    assert {item["url"].rstrip("/").rsplit("/", 1)[-1] for item in everything} == {
        str(old.pk),
        str(new.pk),
    }
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    recent = api.get("/api/claimreview/", {"updated_since": since}).json()["results"]
    assert [item["reviewRating"]["alternateName"] for item in recent] == ["Disputed"]


def test_feed_runs_a_constant_number_of_queries(api, reviewer, django_assert_max_num_queries):
    for claim in ClaimFactory.create_batch(12):
        decide(claim, reviewer)
    with django_assert_max_num_queries(3):
        response = api.get("/api/claimreview/?page_size=12")
    assert len(response.json()["results"]) == 12
