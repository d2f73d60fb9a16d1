"""The "mark as …" actions: an intermediate page asks for a note, then one Review per claim."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, Review
from tests.factories import ClaimFactory, bulk_claims

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")


def run_action(client, claims, action="mark_confirmed", url=CHANGELIST, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [claim.pk for claim in claims], **extra}
    return client.post(url, data)


def test_action_first_asks_for_a_note_and_says_how_many(reviewer_client):
    claims = ClaimFactory.create_batch(3)

    response = run_action(reviewer_client, claims, index=0)
    page = response.content.decode()

    assert response.status_code == 200
    assert "3 claims</strong> will be marked as" in page
    assert 'name="note"' in page
    assert not Review.objects.exists()
    assert set(Claim.objects.values_list("status", flat=True)) == {"unverified"}


def test_apply_reviews_each_claim_once_with_the_note(reviewer_client, staff_reviewer):
    claims = ClaimFactory.create_batch(3)
    untouched = ClaimFactory()

    response = run_action(
        reviewer_client,
        claims,
        apply="1",
        note="Matches the hospital list.",
        evidence_url="https://example.org/list",
    )

    assert response.status_code == 302
    assert Review.objects.count() == 3
    for claim in claims:
        claim.refresh_from_db()
        assert (claim.status, claim.version) == ("confirmed", 2)
        review = claim.reviews.get()
        assert (review.from_status, review.to_status) == ("unverified", "confirmed")
        assert review.note == "Matches the hospital list."
        assert review.evidence_urls == ["https://example.org/list"]
        assert review.reviewer == staff_reviewer
    untouched.refresh_from_db()
    assert untouched.status == "unverified"


def test_note_is_required(reviewer_client):
    claims = ClaimFactory.create_batch(2)

    response = run_action(reviewer_client, claims, apply="1", note="   ")

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Review.objects.exists()


def test_evidence_must_be_a_url(reviewer_client):
    claims = ClaimFactory.create_batch(2)

    response = run_action(reviewer_client, claims, apply="1", note="ok", evidence_url="nope")

    assert "Enter a valid URL." in response.content.decode()
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    "action, status",
    [
        ("mark_disputed", "disputed"),
        ("mark_false", "false"),
        ("mark_unverifiable", "unverifiable"),
        ("mark_in_review", "in_review"),
    ],
)
def test_every_status_has_an_action(reviewer_client, action, status):
    claim = ClaimFactory()

    run_action(reviewer_client, [claim], action=action, apply="1", note="Because.")

    claim.refresh_from_db()
    assert claim.status == status


def test_select_all_across_pages_reviews_every_matching_claim(reviewer_client):
    matching = ClaimFactory.create_batch(120)
    ClaimFactory(status="false")
    url = f"{CHANGELIST}?status__exact=unverified"
    first_page = sorted(claim.pk for claim in matching)[-100:]

    page = reviewer_client.post(
        url,
        {
            "action": "mark_confirmed",
            "select_across": "1",
            "index": 0,
            ACTION_CHECKBOX_NAME: first_page,
        },
    ).content.decode()
    assert "120 claims</strong> will be marked as" in page
    assert 'name="select_across" value="1"' in page

    reviewer_client.post(
        url,
        {
            "action": "mark_confirmed",
            "select_across": "1",
            ACTION_CHECKBOX_NAME: first_page,
            "apply": "1",
            "note": "All checked against the morgue list.",
        },
    )

    assert Claim.objects.filter(status="confirmed").count() == 120
    assert Review.objects.count() == 120
    assert Claim.objects.filter(status="false").count() == 1


@pytest.mark.slow
def test_three_thousand_claims_take_a_bounded_number_of_queries(reviewer_client):
    """Select-across reviews in bulk statements, never a query per claim (how long it takes
    is bench/run.py's bulk_review figure, measured beside raw SQL). 15 today, on SQLite
    and PostgreSQL; one query a claim would be 3,000."""
    bulk_claims(3000)
    one = Claim.objects.first()

    with CaptureQueriesContext(connection) as queries:
        response = reviewer_client.post(
            CHANGELIST,
            {
                "action": "mark_false",
                "select_across": "1",
                ACTION_CHECKBOX_NAME: [one.pk],
                "apply": "1",
                "note": "Fabricated series.",
            },
        )

    assert response.status_code == 302
    assert Review.objects.count() == 3000
    assert len(queries) <= 30, f"{len(queries)} queries for 3,000 claims"


def test_staff_without_the_review_permission_gets_no_review_actions(client, staff):
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(staff)
    claim = ClaimFactory()

    page = client.get(CHANGELIST).content.decode()
    run_action(client, [claim], apply="1", note="Sneaky.")

    assert "mark_confirmed" not in page
    assert not Review.objects.exists()
    claim.refresh_from_db()
    assert claim.status == "unverified"


def test_select_across_a_filter_that_joins_reviews_counts_each_claim_once(
    reviewer_client, staff_reviewer
):
    from claims.services.review import review_claim

    twice = ClaimFactory()
    for status in ("in_review", "disputed"):
        review_claim(claim_id=twice.pk, status=status, note="Looked.", reviewer=staff_reviewer)
    url = f"{CHANGELIST}?reviews__reviewer__id__exact={staff_reviewer.pk}"
    selection = {"action": "mark_false", "select_across": "1", ACTION_CHECKBOX_NAME: [twice.pk]}

    page = reviewer_client.post(url, {**selection, "index": 0}).content.decode()
    reviewer_client.post(url, {**selection, "apply": "1", "note": "Fabricated."})

    assert "1 claim</strong> will be marked as" in page
    twice.refresh_from_db()
    assert (twice.status, twice.version) == ("false", 4)


def test_select_all_is_held_to_the_bulk_review_limit(reviewer_client, monkeypatch):
    monkeypatch.setattr("claims.services.review.MAX_BULK_IDS", 2)
    claims = ClaimFactory.create_batch(3)

    data = {"action": "mark_confirmed", ACTION_CHECKBOX_NAME: [claims[0].pk], "index": 0}
    data.update(apply="1", note="All of them.", select_across="1")
    response = reviewer_client.post(CHANGELIST, data, follow=True)

    assert "3 claims are selected; a bulk review takes at most 2." in response.content.decode()
    assert not Review.objects.exists()


def test_ftp_evidence_is_refused_by_the_reviews_own_rule(reviewer_client):
    claims = ClaimFactory.create_batch(1)

    response = run_action(
        reviewer_client, claims, apply="1", note="ok", evidence_url="ftp://example.org/list"
    )

    assert "is not an http(s) URL." in response.content.decode()
    assert not Review.objects.exists()
