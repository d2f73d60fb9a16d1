"""Claimants' track record in the admin: counts by status and share confirmed, from the DB."""

import pytest
from django.urls import reverse

from claims.services.review import bulk_review
from tests.factories import ClaimantFactory, ClaimFactory

pytestmark = pytest.mark.django_db

CLAIMANTS = reverse("admin:sources_claimant_changelist")


def cell(column: str, value) -> str:
    return f'<td class="field-{column}">{value}</td>'


def test_list_shows_counts_by_status_and_confirmed_share(reviewer_client, staff_reviewer):
    ministry = ClaimantFactory(name="Ministry")
    ids = [claim.pk for claim in ClaimFactory.create_batch(6, claimant=ministry)]
    bulk_review(claim_ids=ids[:3], status="confirmed", note="ok", reviewer=staff_reviewer)
    bulk_review(claim_ids=ids[3:4], status="false", note="no", reviewer=staff_reviewer)
    bulk_review(claim_ids=ids[4:5], status="unverifiable", note="?", reviewer=staff_reviewer)

    page = reviewer_client.get(CLAIMANTS).content.decode()

    for column, value in [
        ("claim_count", 6),
        ("confirmed_count", 3),
        ("disputed_count", 0),
        ("false_count", 1),
        ("unverifiable_count", 1),
        ("unverified_count", 1),
        ("confirmed_share", "75%"),
    ]:
        assert cell(column, value) in page, column


def test_share_is_a_dash_before_any_decision(reviewer_client):
    ClaimFactory(claimant=ClaimantFactory())

    page = reviewer_client.get(CLAIMANTS).content.decode()

    assert cell("confirmed_share", "—") in page


def test_columns_sort_in_the_database(reviewer_client, staff_reviewer):
    reliable, shaky, undecided = (ClaimantFactory(name=name) for name in ("A", "B", "C"))
    reliable_claims = ClaimFactory.create_batch(2, claimant=reliable)
    shaky_claims = ClaimFactory.create_batch(2, claimant=shaky)
    ClaimFactory.create_batch(3, claimant=undecided)
    bulk_review(
        claim_ids=[c.pk for c in reliable_claims],
        status="confirmed",
        note="ok",
        reviewer=staff_reviewer,
    )
    bulk_review(
        claim_ids=[shaky_claims[0].pk], status="confirmed", note="ok", reviewer=staff_reviewer
    )
    bulk_review(claim_ids=[shaky_claims[1].pk], status="false", note="no", reviewer=staff_reviewer)
    display = reviewer_client.get(CLAIMANTS).context["cl"].list_display

    def order(column, descending=False):
        index = display.index(column)
        params = {"o": f"-{index}" if descending else str(index)}
        response = reviewer_client.get(CLAIMANTS, params)
        return [claimant.name for claimant in response.context["cl"].result_list]

    assert order("confirmed_share") == ["C", "B", "A"]
    assert order("confirmed_share", descending=True) == ["A", "B", "C"]
    assert order("claim_count", descending=True)[0] == "C"
    assert order("false_count", descending=True)[0] == "B"


def test_list_queries_do_not_grow_with_claimants(reviewer_client, django_assert_max_num_queries):
    def make(count):
        for _ in range(count):
            ClaimFactory(claimant=ClaimantFactory())

    make(2)
    with django_assert_max_num_queries(20) as few:
        assert reviewer_client.get(CLAIMANTS).status_code == 200
    make(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert reviewer_client.get(CLAIMANTS).status_code == 200
