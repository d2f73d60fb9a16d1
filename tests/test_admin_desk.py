"""The desk in the admin (Django test client): queues with counts on the index, assigning
from the list, publishing and withdrawing, and the contradiction's confirmation step."""

import pytest
from django.core import mail

from claims.models import Claim, ClaimChange
from claims.services.publication import publish_claims
from claims.services.review import review_claim
from tests.factories import (
    ClaimFactory,
    EditorFactory,
    StaffReviewerFactory,
    claims_about_one_incident,
)

pytestmark = pytest.mark.django_db
EVIDENCE = ["https://example.org/e"]


def signed_in(client, user):
    client.force_login(user)
    return client


def test_index_shows_my_queue_unassigned_and_awaiting_publication(client):
    reviewer = StaffReviewerFactory()
    ClaimFactory(assignee=reviewer)
    ClaimFactory(assignee=reviewer, status="confirmed", awaiting_publication=True)
    ClaimFactory.create_batch(2)
    html = signed_in(client, reviewer).get("/admin/").content.decode()
    assert 'href="/admin/claims/claim/?queue=mine"' in html
    counts = {
        key: html.split(f'class="queue-{key}"')[1].split('class="queue-count">')[1].split("<")[0]
        for key in ("mine", "unassigned", "awaiting")
    }
    assert counts == {"mine": "1", "unassigned": "2", "awaiting": "1"}
    mine = client.get("/admin/claims/claim/?queue=mine").context["cl"].result_list
    assert [claim.assignee_id for claim in mine] == [reviewer.pk]


def test_assign_action_asks_whom_then_assigns_and_emails(
    client, django_capture_on_commit_callbacks
):
    chief = StaffReviewerFactory()
    alice = StaffReviewerFactory(username="alice", email="alice@desk.example")
    claims = ClaimFactory.create_batch(2)
    client = signed_in(client, chief)
    form = client.post(
        "/admin/claims/claim/",
        {"action": "assign_selected", "_selected_action": [c.pk for c in claims]},
    )
    assert form.status_code == 200 and "alice" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            "/admin/claims/claim/",
            {
                "action": "assign_selected",
                "_selected_action": [c.pk for c in claims],
                "apply": "1",
                "assignee": alice.pk,
                "message": "Both from the same wire story",
            },
        )
    assert done.status_code == 302
    assert set(Claim.objects.values_list("assignee__username", flat=True)) == {"alice"}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@desk.example"]
    assert ClaimChange.objects.filter(action="assigned").count() == 2


def test_editor_publishes_from_the_claim_page_and_four_eyes_holds(client):
    reviewer, editor = StaffReviewerFactory(), EditorFactory()
    claim = ClaimFactory()
    review_claim(claim_id=claim.pk, status="disputed", note="n", rationale="r", reviewer=editor)
    client = signed_in(client, editor)
    page = client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    assert 'id="claim_publish_form"' in page
    refused = client.post(f"/admin/claims/claim/{claim.pk}/publish/", {"version": "2"}, follow=True)
    assert "Four eyes" in refused.content.decode()
    assert Claim.objects.get(pk=claim.pk).publication == "unpublished"

    review_claim(claim_id=claim.pk, status="false", note="n", rationale="r", reviewer=reviewer)
    stale = client.post(f"/admin/claims/claim/{claim.pk}/publish/", {"version": "2"}, follow=True)
    assert "a new review came in" in stale.content.decode()
    ok = client.post(f"/admin/claims/claim/{claim.pk}/publish/", {"version": "3"}, follow=True)
    assert "Verdict published." in ok.content.decode()
    assert Claim.objects.get(pk=claim.pk).public_status == "false"


def test_withdraw_action_asks_for_the_reason(client):
    claim = ClaimFactory()
    review_claim(
        claim_id=claim.pk, status="false", note="n", rationale="r", reviewer=StaffReviewerFactory()
    )
    editor = EditorFactory()
    publish_claims(claim_ids=[claim.pk], editor=editor)
    client = signed_in(client, editor)
    body = {"action": "withdraw_selected", "_selected_action": [claim.pk]}
    assert "reason" in client.post("/admin/claims/claim/", body).content.decode()
    client.post("/admin/claims/claim/", {**body, "apply": "1", "reason": "Source retracted"})
    claim.refresh_from_db()
    assert (claim.publication, claim.withdrawal_reason) == ("withdrawn", "Source retracted")


@pytest.mark.verdict_rules
def test_confirming_a_contradiction_in_the_admin_asks_for_an_acknowledgement(client):
    reviewer = StaffReviewerFactory()
    low, high = claims_about_one_incident(
        "The military said none died. An elder said three were killed.", (0, 3, 0), (31, 36, 3)
    )
    review_claim(
        claim_id=low.pk, status="confirmed", note="n", evidence_urls=EVIDENCE, reviewer=reviewer
    )
    client = signed_in(client, reviewer)
    decision = {
        "status": "confirmed",
        "note": "Hospital",
        "evidence_url": EVIDENCE[0],
        "version": "1",
    }
    step = client.post(f"/admin/claims/claim/{high.pk}/review/", decision)
    html = step.content.decode()
    assert step.status_code == 409
    assert f"contradicts confirmed claim {low.pk}" in html
    assert 'name="acknowledge_conflict"' in html and 'name="conflict_note"' in html
    assert Claim.objects.get(pk=high.pk).status == "unverified"
    done = client.post(
        f"/admin/claims/claim/{high.pk}/review/",
        {**decision, "acknowledge_conflict": "on", "conflict_note": "Different time windows"},
    )
    assert done.status_code == 302
    assert Claim.objects.get(pk=high.pk).status == "confirmed"
    [ack] = ClaimChange.objects.filter(claim=high, action="conflict_acknowledged")
    assert ack.note == "Different time windows" and ack.changes == {"contradicts": [None, [low.pk]]}
