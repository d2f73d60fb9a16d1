"""Every contradiction flag can be dismissed by a reviewer with a note, and is then gone."""

import pytest

from claims.models import Claim, ClaimChange, ContradictionDismissal
from claims.selectors import with_conflict_flag
from tests.factories import ArticleFactory, ClaimantFactory, ClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    incident, article = IncidentFactory(), ArticleFactory()
    low = ClaimFactory(article=article, incident=incident, claimant=ClaimantFactory(), count_min=2)
    high = ClaimFactory(
        article=article, incident=incident, claimant=ClaimantFactory(), count_min=6, start=1
    )
    return low, high


def flagged(claim):
    return with_conflict_flag(Claim.objects.filter(pk=claim.pk)).get().has_conflict


def test_reviewer_dismisses_a_flag_with_a_note(api, reviewer, pair):
    low, high = pair
    assert flagged(low) and flagged(high)
    api.force_authenticate(reviewer)
    response = api.post(
        f"/api/claims/{high.pk}/conflicts/{low.pk}/dismiss/",
        {"note": "Two different villages"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["dismissed_by"] == reviewer.username
    dismissal = ContradictionDismissal.objects.get()
    assert (dismissal.first_claim, dismissal.second_claim) == (low, high)
    assert not flagged(low) and not flagged(high)
    assert api.get(f"/api/claims/{low.pk}/conflicts/").json() == []
    changes = ClaimChange.objects.order_by("claim_id")
    assert [(c.claim_id, c.action, c.changes, c.note) for c in changes] == [
        (low.pk, "conflict_dismissed", {"contradicts": [high.pk, None]}, "Two different villages"),
        (high.pk, "conflict_dismissed", {"contradicts": [low.pk, None]}, "Two different villages"),
    ]


def test_a_note_is_required_and_only_flagged_pairs_can_be_dismissed(api, reviewer, pair):
    low, high = pair
    api.force_authenticate(reviewer)
    url = f"/api/claims/{high.pk}/conflicts/{low.pk}/dismiss/"
    assert api.post(url, {"note": "  "}, format="json").status_code == 400
    assert api.post(url, {"note": "fine"}, format="json").status_code == 201
    again = api.post(url, {"note": "again"}, format="json")
    assert again.status_code == 400 and "not flagged" in again.json()["detail"]
    missing = api.post(f"/api/claims/{high.pk}/conflicts/999999/dismiss/", {"note": "x"})
    assert missing.status_code == 404
    assert ContradictionDismissal.objects.count() == 1


def test_only_reviewers_dismiss(api, user, pair):
    low, high = pair
    url = f"/api/claims/{high.pk}/conflicts/{low.pk}/dismiss/"
    assert api.post(url, {"note": "x"}, format="json").status_code in {401, 403}
    api.force_authenticate(user)
    assert api.post(url, {"note": "x"}, format="json").status_code == 403
    assert flagged(low) and not ContradictionDismissal.objects.exists()
    assert not ClaimChange.objects.exists()


def test_admin_claim_page_dismisses_a_flag(client, staff_reviewer, pair):
    low, high = pair
    client.force_login(staff_reviewer)
    assert "Dismiss" in client.get(f"/admin/claims/claim/{low.pk}/change/").content.decode()
    response = client.post(
        f"/admin/claims/claim/{low.pk}/conflicts/{high.pk}/dismiss/", {"note": "sub-count"}
    )
    assert response.status_code == 302
    assert not flagged(low)
    assert ContradictionDismissal.objects.get().dismissed_by == staff_reviewer
