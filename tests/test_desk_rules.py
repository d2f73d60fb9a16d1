"""What a verdict needs (evidence rules, FACTCHECK_VERDICT_RULES) and the contradiction guard:
confirming a claim that contradicts a confirmed one is refused unless acknowledged."""

import pytest
from django.conf import settings as django_settings

from claims.models import Claim, Review
from claims.services.tokens import issue_token
from tests.factories import (
    ClaimFactory,
    ReviewerFactory,
    claims_about_one_incident,
)

pytestmark = [pytest.mark.django_db, pytest.mark.verdict_rules]
EVIDENCE = ["https://example.org/list"]


@pytest.fixture
def reviewer_api(api):
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(ReviewerFactory())}")
    return api


def review(api, claim, **body):
    return api.post(f"/api/claims/{claim.pk}/review/", {"note": "Checked", **body}, format="json")


def test_the_default_rules_are_in_force():
    assert django_settings.FACTCHECK_VERDICT_RULES == django_settings.DEFAULT_VERDICT_RULES


@pytest.mark.parametrize("status", ["confirmed", "false", "disputed"])
def test_these_verdicts_need_an_evidence_url(reviewer_api, status):
    claim = ClaimFactory()
    response = review(reviewer_api, claim, status=status)
    assert response.status_code == 400
    assert response.json()["missing"] == ["evidence_urls"]
    assert "evidence URL" in response.json()["detail"]
    assert Claim.objects.get(pk=claim.pk).version == 1
    assert review(reviewer_api, claim, status=status, evidence_urls=EVIDENCE).status_code == 200


def test_labelled_evidence_counts_and_keeps_its_label(reviewer_api):
    claim = ClaimFactory()
    response = review(
        reviewer_api,
        claim,
        status="confirmed",
        evidence=[{"url": "https://example.org/a", "label": "Hospital list"}],
    )
    assert response.status_code == 200, response.content
    assert response.json()["last_review"]["evidence"] == [
        {"url": "https://example.org/a", "label": "Hospital list"}
    ]


def test_unverifiable_needs_a_rationale(reviewer_api):
    claim = ClaimFactory()
    response = review(reviewer_api, claim, status="unverifiable")
    assert response.status_code == 400
    assert response.json()["missing"] == ["rationale"]
    ok = review(reviewer_api, claim, status="unverifiable", rationale="No source can be reached.")
    assert ok.status_code == 200


def test_in_review_needs_nothing(reviewer_api):
    assert review(reviewer_api, ClaimFactory(), status="in_review").status_code == 200


def test_bulk_review_follows_the_same_rules(reviewer_api):
    claims = [ClaimFactory(), ClaimFactory()]
    body = {"ids": [c.pk for c in claims], "status": "false", "note": "Wrong"}
    response = reviewer_api.post("/api/claims/bulk-review/", body, format="json")
    assert response.status_code == 400
    assert response.json()["missing"] == ["evidence_urls"]
    assert not Review.objects.exists()


def test_rules_come_from_settings(reviewer_api, settings):
    settings.FACTCHECK_VERDICT_RULES = {"confirmed": {"evidence": 2, "rationale": True}}
    response = review(reviewer_api, ClaimFactory(), status="confirmed", evidence_urls=EVIDENCE)
    assert response.status_code == 400
    assert response.json()["missing"] == ["evidence_urls", "rationale"]
    assert review(reviewer_api, ClaimFactory(), status="false").status_code == 200


# --- Contradictions ---------------------------------------------------------------------


@pytest.fixture
def rival_claims():
    """0 killed (US military) and 3 killed (an elder) about one incident: not both true."""
    return claims_about_one_incident(
        "The military said none died. An elder said three were killed.", (0, 3, 0), (31, 36, 3)
    )


def test_confirming_a_contradiction_of_a_confirmed_claim_is_refused(reviewer_api, rival_claims):
    low, high = rival_claims
    assert review(reviewer_api, low, status="confirmed", evidence_urls=EVIDENCE).status_code == 200
    response = review(reviewer_api, high, status="confirmed", evidence_urls=EVIDENCE)
    assert response.status_code == 409
    assert response.json()["conflicting_claims"] == [low.pk]
    assert f"confirmed claim {low.pk}" in response.json()["detail"]
    high.refresh_from_db()
    assert (high.status, high.version) == ("unverified", 1)
    assert not Review.objects.filter(claim=high).exists()


def test_an_acknowledged_conflict_needs_a_note_and_then_stands(reviewer_api, rival_claims):
    low, high = rival_claims
    review(reviewer_api, low, status="confirmed", evidence_urls=EVIDENCE)
    bare = review(
        reviewer_api, high, status="confirmed", evidence_urls=EVIDENCE, acknowledge_conflict=True
    )
    assert bare.status_code == 400
    assert "conflict_note" in bare.json()["detail"]
    response = review(
        reviewer_api,
        high,
        status="confirmed",
        evidence_urls=EVIDENCE,
        acknowledge_conflict=True,
        conflict_note="Different counting windows: before and after the hospital update.",
    )
    assert response.status_code == 200
    assert Claim.objects.get(pk=high.pk).status == "confirmed"


def test_disputing_a_contradiction_is_not_guarded(reviewer_api, rival_claims):
    low, high = rival_claims
    review(reviewer_api, low, status="confirmed", evidence_urls=EVIDENCE)
    assert review(reviewer_api, high, status="disputed", evidence_urls=EVIDENCE).status_code == 200


def test_bulk_confirming_two_rivals_at_once_is_refused(reviewer_api, rival_claims):
    low, high = rival_claims
    body = {
        "ids": [low.pk, high.pk],
        "status": "confirmed",
        "note": "Both",
        "evidence_urls": EVIDENCE,
    }
    response = reviewer_api.post("/api/claims/bulk-review/", body, format="json")
    assert response.status_code == 409
    assert response.json()["conflicting_claims"] == [low.pk, high.pk]
    assert set(Claim.objects.values_list("status", flat=True)) == {"unverified"}
    assert not Review.objects.exists()
