"""POST /api/claims/bulk-review/: all or nothing, one Review per claim, fixed query count."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Review
from tests.factories import ClaimFactory, bulk_claims

pytestmark = pytest.mark.django_db

URL = "/api/claims/bulk-review/"


def many_claims(count: int) -> list[int]:
    return bulk_claims(count)


def verdict(ids, **fields):
    return {"ids": ids, "status": "false", "note": "Fabricated series", **fields}


def test_bulk_review_gives_each_claim_one_review(api, reviewer):
    claims = [ClaimFactory(), ClaimFactory(status="in_review")]
    api.force_authenticate(reviewer)

    response = api.post(URL, verdict([claim.pk for claim in claims]), format="json")

    assert response.status_code == 200, response.content
    assert response.json() == {"reviewed": 2, "status": "false"}
    for claim in claims:
        stored = Claim.objects.get(pk=claim.pk)
        assert (stored.status, stored.version) == ("false", 2)
        review = Review.objects.get(claim=claim)
        assert (review.from_status, review.to_status) == (claim.status, "false")
        assert review.reviewer == reviewer


def test_repeated_ids_are_reviewed_once(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.post(URL, verdict([claim.pk, claim.pk]), format="json")
    assert response.json()["reviewed"] == 1
    assert Review.objects.filter(claim=claim).count() == 1


def test_unknown_id_is_400_listing_it_and_nothing_changes(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)

    response = api.post(URL, verdict([claim.pk, 999998, 999999]), format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["missing_ids"] == [999998, 999999]
    assert "999998" in body["detail"] and "Nothing was changed" in body["detail"]
    assert Claim.objects.get(pk=claim.pk).status == "unverified"
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    "ids, complaint",
    [
        ([], "empty"),
        ("1,2,3", "list"),
        ([1, -2], "-2"),
        ([1, 0], "0"),
        ([1, "2"], "'2'"),
        ([1, True], "True"),
        ([1, 2.5], "2.5"),
        ([1, None], "None"),
    ],
)
def test_ids_must_be_a_non_empty_list_of_positive_integers(api, reviewer, ids, complaint):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.post(URL, verdict(ids), format="json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("ids:") and complaint in detail, detail
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_more_than_fifty_thousand_ids_is_400(api, reviewer):
    api.force_authenticate(reviewer)
    response = api.post(URL, verdict(list(range(1, 50_002))), format="json")
    assert response.status_code == 400
    assert "50000" in response.json()["detail"]


def test_missing_ids_field_is_400(api, reviewer):
    api.force_authenticate(reviewer)
    response = api.post(URL, {"status": "false", "note": "x"}, format="json")
    assert response.status_code == 400
    assert "ids" in response.json()["errors"]


def test_unknown_status_is_400_and_nothing_changes(api, reviewer):
    claim = ClaimFactory()
    api.force_authenticate(reviewer)
    response = api.post(URL, verdict([claim.pk], status="fake"), format="json")
    assert response.status_code == 400
    assert "fake" in response.json()["detail"]
    assert not Review.objects.exists()


def test_malformed_json_is_400(api, reviewer):
    api.force_authenticate(reviewer)
    response = api.post(URL, "{ids: [1]}", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_anonymous_bulk_review_is_401(api):
    claim = ClaimFactory()
    assert api.post(URL, verdict([claim.pk]), format="json").status_code == 401
    assert not Review.objects.exists()


def test_plain_user_and_non_reviewer_staff_bulk_review_is_403(api, user, staff):
    claim = ClaimFactory()
    for who in (user, staff):
        api.force_authenticate(who)
        assert api.post(URL, verdict([claim.pk]), format="json").status_code == 403
    assert not Review.objects.exists()


def test_query_count_does_not_grow_with_the_number_of_claims(api, reviewer):
    """One locking read and one UPDATE whatever the size; the review INSERTs are batched
    (SQLite allows ~120 rows per INSERT, PostgreSQL 2,000)."""
    other_queries, inserts = [], []
    for size in (10, 1_000):
        ids = many_claims(size)
        api.force_authenticate(User.objects.get(pk=reviewer.pk))  # permissions not cached
        with CaptureQueriesContext(connection) as queries:
            response = api.post(URL, verdict(ids), format="json")
        assert response.status_code == 200
        statements = [query["sql"] for query in queries.captured_queries]
        batched = [sql for sql in statements if sql.startswith('INSERT INTO "claims_review"')]
        inserts.append(len(batched))
        other_queries.append(len(statements) - len(batched))
    assert other_queries[0] == other_queries[1], other_queries
    assert inserts[0] == 1
    assert inserts[1] <= 1_000 // 100, inserts


def test_ten_thousand_claims_in_one_request(api, reviewer):
    ids = many_claims(10_000)
    api.force_authenticate(reviewer)
    response = api.post(URL, verdict(ids), format="json")
    assert response.status_code == 200
    assert response.json()["reviewed"] == 10_000
    assert Review.objects.count() == 10_000
    assert not Claim.objects.exclude(status="false").exists()
