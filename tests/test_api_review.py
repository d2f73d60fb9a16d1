"""POST /api/claims/{id}/review/ (and PATCH /api/claims/{id}/): one Review per accepted
write, ETag/If-Match optimistic locking, and who may review."""

import pytest

from claims.models import Claim, Review
from claims.services.review import review_claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

VERDICT = {
    "status": "confirmed",
    "note": "Matches the hospital's list",
    "evidence_urls": ["https://hospital.example/list"],
}


def review_url(claim) -> str:
    return f"/api/claims/{claim.pk}/review/"


def assert_unchanged(claim):
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.status, stored.version) == (claim.status, claim.version)
    assert not Review.objects.filter(claim=claim).exists()


def test_reviewer_review_records_one_review_and_returns_the_claim_with_new_etag(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)

    response = api.post(review_url(claim), VERDICT, format="json", HTTP_IF_MATCH='"1"')

    assert response.status_code == 200, response.content
    assert response.headers["ETag"] == '"2"'
    body = response.json()
    assert (body["status"], body["version"]) == ("confirmed", 2)
    assert body["last_review"]["note"] == VERDICT["note"]
    review = Review.objects.get(claim=claim)
    assert (review.from_status, review.to_status, review.version) == (
        "unverified",
        "confirmed",
        2,
    )
    assert review.evidence_urls == VERDICT["evidence_urls"]
    assert review.reviewer == reviewer


def test_etag_from_get_is_accepted_as_if_match(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    etag = api.get(f"/api/claims/{claim.pk}/").headers["ETag"]
    response = api.post(review_url(claim), VERDICT, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200


def test_stale_if_match_returns_412_and_changes_nothing(api, reviewer):
    claim = ClaimFactory()
    review_claim(claim_id=claim.pk, status="in_review", note="Looking", reviewer=reviewer)
    api.force_authenticate(reviewer)

    response = api.post(review_url(claim), VERDICT, format="json", HTTP_IF_MATCH='"1"')

    assert response.status_code == 412
    body = response.json()
    assert body["current_version"] == 2
    assert "version 2" in body["detail"]
    assert response.headers["ETag"] == '"2"'
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.status, stored.version) == ("in_review", 2)
    assert Review.objects.filter(claim=claim).count() == 1


@pytest.mark.parametrize("if_match", ['W/"1"', '"abc"', '"0"', '"2"', 'W/"1", "7"'])
def test_well_formed_if_match_that_does_not_match_strongly_is_412(api, reviewer, if_match):
    """RFC 9110 §13.1.1: strong comparison, so a weak tag never matches; a tag that is not
    ours is well-formed and simply does not match."""
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.post(review_url(claim), VERDICT, format="json", HTTP_IF_MATCH=if_match)
    assert response.status_code == 412, response.content
    assert response.headers["ETag"] == '"1"'
    assert response.json()["current_version"] == 1
    assert_unchanged(claim)


@pytest.mark.parametrize("if_match", ['"1", "4"', '"4", "1"', ' "9" ,W/"2", "1"'])
def test_if_match_list_matches_when_any_tag_is_current(api, reviewer, if_match):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.post(review_url(claim), VERDICT, format="json", HTTP_IF_MATCH=if_match)
    assert response.status_code == 200, response.content
    assert response.headers["ETag"] == '"2"'


def test_if_match_star_skips_the_version_check(api, reviewer):
    claim = ClaimFactory()
    review_claim(claim_id=claim.pk, status="in_review", note="Looking", reviewer=reviewer)
    api.force_authenticate(reviewer)
    response = api.post(review_url(claim), VERDICT, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 200
    assert response.json()["version"] == 3


@pytest.mark.parametrize("if_match", ["yesterday", '"1', "1", '"1" "2"', '"1",, x', "W/1"])
def test_malformed_if_match_is_400_and_changes_nothing(api, reviewer, if_match):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.post(review_url(claim), VERDICT, format="json", HTTP_IF_MATCH=if_match)
    assert response.status_code == 400
    assert "If-Match" in response.json()["detail"]
    assert_unchanged(claim)


def test_stale_version_in_body_returns_412_when_if_match_is_absent(api, reviewer):
    claim = ClaimFactory()
    review_claim(claim_id=claim.pk, status="in_review", note="Looking", reviewer=reviewer)
    api.force_authenticate(reviewer)
    response = api.post(review_url(claim), {**VERDICT, "version": 1}, format="json")
    assert response.status_code == 412
    assert Claim.objects.get(pk=claim.pk).status == "in_review"


def test_current_version_in_body_is_accepted(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.post(review_url(claim), {**VERDICT, "version": 1}, format="json")
    assert response.status_code == 200


def test_if_match_and_body_version_that_disagree_are_400(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.post(
        review_url(claim), {**VERDICT, "version": 2}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 400
    assert "version" in response.json()["detail"]
    assert_unchanged(claim)


def test_review_without_any_version_applies_to_the_current_one(api, reviewer):
    claim = ClaimFactory()
    review_claim(claim_id=claim.pk, status="in_review", note="Looking", reviewer=reviewer)
    api.force_authenticate(reviewer)
    response = api.post(review_url(claim), VERDICT, format="json")
    assert response.status_code == 200
    assert response.json()["version"] == 3
    assert Review.objects.filter(claim=claim).count() == 2


def test_patch_on_the_claim_is_an_alias_for_review(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.patch(f"/api/claims/{claim.pk}/", VERDICT, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200
    assert response.headers["ETag"] == '"2"'
    assert Review.objects.filter(claim=claim, to_status="confirmed").count() == 1


def test_patch_with_stale_if_match_returns_412(api, reviewer):
    claim = ClaimFactory()
    review_claim(claim_id=claim.pk, status="in_review", note="Looking", reviewer=reviewer)
    api.force_authenticate(reviewer)
    response = api.patch(f"/api/claims/{claim.pk}/", VERDICT, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 412


def test_unknown_status_is_400_listing_the_allowed_ones(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.post(review_url(claim), {**VERDICT, "status": "probably"}, format="json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "probably" in detail and "confirmed" in detail
    assert_unchanged(claim)


def test_missing_note_is_400(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.post(review_url(claim), {"status": "confirmed"}, format="json")
    assert response.status_code == 400
    assert "note" in response.json()["errors"]
    assert_unchanged(claim)


def test_evidence_that_is_not_a_url_is_400(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.post(
        review_url(claim), {**VERDICT, "evidence_urls": ["my notebook"]}, format="json"
    )
    assert response.status_code == 400
    assert "evidence_urls" in response.json()["detail"]
    assert_unchanged(claim)


def test_malformed_json_is_400_with_detail(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.post(
        review_url(claim), '{"status": "confirmed", ', content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]
    assert_unchanged(claim)


def test_review_of_unknown_claim_is_404(api, reviewer):
    api.force_authenticate(reviewer)
    response = api.post("/api/claims/999999/review/", VERDICT, format="json")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_anonymous_review_is_401(api):
    claim = ClaimFactory()
    response = api.post(review_url(claim), VERDICT, format="json")
    assert response.status_code == 401
    assert response.json()["detail"]
    assert_unchanged(claim)


def test_plain_user_review_is_403(api, user):
    claim = ClaimFactory()
    api.force_authenticate(user)
    response = api.post(review_url(claim), VERDICT, format="json")
    assert response.status_code == 403
    assert "reviewer" in response.json()["detail"]
    assert_unchanged(claim)


def test_staff_who_is_not_a_reviewer_cannot_review(api, staff):
    claim = ClaimFactory()
    api.force_authenticate(staff)
    assert api.post(review_url(claim), VERDICT, format="json").status_code == 403
    assert api.patch(f"/api/claims/{claim.pk}/", VERDICT, format="json").status_code == 403
    assert_unchanged(claim)


def test_superuser_may_review(api, superuser):
    claim = ClaimFactory()
    api.force_authenticate(superuser)
    assert api.post(review_url(claim), VERDICT, format="json").status_code == 200


def test_claims_cannot_be_replaced_or_deleted(api, reviewer):
    """Adding one is curation (tests/test_api_curation.py); a review body is not a claim."""
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    assert api.post("/api/claims/", VERDICT, format="json").status_code == 400
    assert api.put(f"/api/claims/{claim.pk}/", VERDICT, format="json").status_code == 405
    assert api.delete(f"/api/claims/{claim.pk}/").status_code == 405


def test_note_and_evidence_follow_the_services_rules(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)

    blank = api.post(review_url(claim), {**VERDICT, "note": "   "}, format="json")
    ftp = api.post(
        review_url(claim), {**VERDICT, "evidence_urls": ["ftp://example.org/x"]}, format="json"
    )

    assert blank.status_code == ftp.status_code == 400
    assert "note" in blank.json()["errors"]
    assert ftp.json()["errors"]["evidence_urls"] == [
        "Evidence 'ftp://example.org/x' is not an http(s) URL."
    ]
    assert not Review.objects.exists()
