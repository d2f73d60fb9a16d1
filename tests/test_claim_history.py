"""A claim's change record: append-only like reviews, and shown beside them as its history."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from claims import selectors
from claims.models import Claim, ClaimChange
from claims.services.history import field_changes, record_change, record_changes
from claims.services.review import review_claim
from tests.factories import ClaimFactory, StaffReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def change(reviewer):
    return record_change(
        claim=ClaimFactory(),
        action="corrected",
        actor=reviewer,
        note="  The article says four.  ",
        changes={"count_min": [3, 4], "count_max": [3, 4]},
        version=2,
    )


def test_record_change_keeps_who_why_and_old_and_new_values(change, reviewer):
    stored = ClaimChange.objects.get(pk=change.pk)
    assert (stored.action, stored.actor_id, stored.version) == ("corrected", reviewer.pk, 2)
    assert stored.note == "The article says four."
    assert stored.changes == {"count_min": [3, 4], "count_max": [3, 4]}


def test_record_change_refuses_an_unknown_action(reviewer):
    with pytest.raises(ValueError, match="Unknown change action"):
        record_change(claim=ClaimFactory(), action="rewritten", actor=reviewer)
    assert not ClaimChange.objects.exists()


def test_saving_or_deleting_a_change_is_refused(change):
    change.note = "rewritten"
    with pytest.raises(PermissionError):
        change.save()
    with pytest.raises(PermissionError):
        change.delete()
    with pytest.raises(PermissionError):
        ClaimChange.objects.filter(pk=change.pk).update(note="rewritten")
    with pytest.raises(PermissionError):
        ClaimChange.objects.all().delete()
    assert ClaimChange.objects.get(pk=change.pk).note == "The article says four."


def test_database_refuses_to_update_a_change(change):
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE claims_claimchange SET note = 'rewritten' WHERE id = %s", [change.pk]
            )
    assert ClaimChange.objects.get(pk=change.pk).note == "The article says four."


def test_database_refuses_an_unknown_action_and_a_version_twice(change):
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE claims_claim SET version = 1 WHERE id = %s", [change.claim_id])
            cursor.execute(
                "INSERT INTO claims_claimchange (claim_id, action, actor_id, created_at, note, "
                "changes, version) SELECT claim_id, 'rewritten', actor_id, created_at, note, "
                "changes, NULL FROM claims_claimchange WHERE id = %s",
                [change.pk],
            )
    with pytest.raises(IntegrityError), transaction.atomic():
        record_change(claim=change.claim_id, action="corrected", actor=change.actor, version=2)


def test_record_changes_writes_one_row_per_claim(reviewer, django_assert_num_queries):
    claims = [ClaimFactory() for _ in range(3)]
    with django_assert_num_queries(1):
        count = record_changes(
            [(claim.pk, {"claimant": [1, 2]}, claim.version + 1) for claim in claims],
            action="claimants_merged",
            actor=reviewer,
            note="Same person",
        )
    assert count == 3
    assert sorted(ClaimChange.objects.values_list("claim_id", flat=True)) == sorted(
        claim.pk for claim in claims
    )


def test_field_changes_lists_only_what_differs():
    claim = ClaimFactory()
    before = {"count_min": 3, "outcome": "killed", "claimant": None}
    after = {"count_min": 4, "outcome": "killed", "claimant": claim.article.outlet}

    assert field_changes(before, after) == {
        "count_min": [3, 4],
        "claimant": [None, claim.article.outlet.pk],
    }


def test_history_merges_reviews_and_changes_oldest_first_in_one_query(
    reviewer, django_assert_num_queries
):
    claim = ClaimFactory()
    review_claim(claim_id=claim.pk, status="in_review", note="Queued", reviewer=reviewer)
    Claim.objects.filter(pk=claim.pk).update(count_min=4, count_max=4, version=3)
    record_change(
        claim=claim,
        action="corrected",
        actor=reviewer,
        note="Four, not three",
        changes={"count_min": [3, 4]},
        version=3,
    )
    review_claim(claim_id=claim.pk, status="confirmed", note="Checked", reviewer=reviewer)

    with django_assert_num_queries(1):
        history = selectors.claim_history(claim.pk)

    assert [(entry["type"], entry["action"], entry["version"]) for entry in history] == [
        ("review", "reviewed", 2),
        ("change", "corrected", 3),
        ("review", "reviewed", 4),
    ]
    assert history[1]["changes"] == {"count_min": [3, 4]}
    assert history[1]["reviewer"] == reviewer.username
    assert history[0]["changes"] == {} and history[1]["evidence_urls"] == []


def test_api_history_shows_changes_with_their_fields(api, reviewer):
    claim = ClaimFactory()
    record_change(
        claim=claim,
        action="rejected",
        actor=reviewer,
        note="A quote, not a count",
        changes={"rejection": ["", "not_a_claim"]},
        version=2,
    )

    response = api.get(f"/api/claims/{claim.pk}/history/")

    assert response.status_code == 200
    [entry] = response.json()
    assert entry["type"] == "change" and entry["action"] == "rejected"
    assert entry["changes"] == {"rejection": ["", "not_a_claim"]}
    assert entry["note"] == "A quote, not a count"
    assert entry["reviewer"] == reviewer.username
    assert entry["from_status"] is None and entry["version"] == 2


def test_admin_claim_page_shows_changes_beside_reviews(client):
    editor = StaffReviewerFactory()
    claim = ClaimFactory()
    review_claim(claim_id=claim.pk, status="in_review", note="Queued for the desk", reviewer=editor)
    record_change(
        claim=claim,
        action="corrected",
        actor=editor,
        note="The article says <four>",
        changes={"count_min": [3, 4]},
        version=3,
    )
    client.force_login(editor)

    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()

    assert "History (2)" in page
    assert page.index("Queued for the desk") < page.index("The article says &lt;four&gt;")
    assert '<span class="history-field">count_min</span>: 3 → 4' in page
    assert ">Corrected</strong>" in page


def test_admin_refuses_to_delete_a_claim_whose_changes_would_go(client, superuser, change):
    client.force_login(superuser)

    client.post(reverse("admin:claims_claim_delete", args=[change.claim_id]), {"post": "yes"})

    assert Claim.objects.filter(pk=change.claim_id).exists()
    assert ClaimChange.objects.filter(pk=change.pk).exists()
