"""Claimants in the API carry their track record, counted by the database."""

import pytest

from claims.services.review import bulk_review
from tests.factories import ClaimantFactory, ClaimFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signed_in_reader")]


def test_claimant_track_record(api, reviewer):
    source = ClaimantFactory(name="Ministry of Health")
    ids = [claim.pk for claim in ClaimFactory.create_batch(4, claimant=source)]
    bulk_review(claim_ids=ids[:3], status="confirmed", note="ok", reviewer=reviewer)
    bulk_review(claim_ids=ids[3:], status="false", note="no", reviewer=reviewer)
    record = api.get(f"/api/claimants/{source.pk}/").json()["track_record"]
    assert (record["claims"], record["confirmed"], record["false"]) == (4, 3, 1)
    assert record["confirmed_share"] == pytest.approx(0.75)


def test_claimant_list_is_one_query(api, django_assert_max_num_queries):
    for claimant in ClaimantFactory.create_batch(5):
        ClaimFactory(claimant=claimant)
    with django_assert_max_num_queries(1):
        response = api.get("/api/claimants/")
    assert len(response.json()["results"]) == 5
