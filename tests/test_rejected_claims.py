"""A rejected claim leaves contradictions, incident figures, track records, public pages and
ClaimReview, but stays in the database with its history."""

import pytest

from claims import selectors
from claims.models import Claim
from claims.services.curation import reject_claim, restore_claim
from claims.services.publication import withdraw_claims
from tests.factories import decide_and_publish
from tests.test_api_claims_read import contradicting_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    return contradicting_pair()


def test_a_rejected_claim_contradicts_nothing(api, pair, reviewer):
    military, elder = pair
    assert [row["id"] for row in api.get(f"/api/claims/{military.pk}/conflicts/").json()] == [
        elder.pk
    ]

    reject_claim(claim_id=elder.pk, reason="wrong_speaker", note="Not the elder", editor=reviewer)

    assert api.get(f"/api/claims/{military.pk}/conflicts/").json() == []
    assert api.get(f"/api/claims/{military.pk}/").json()["has_conflict"] is False
    assert api.get("/api/claims/?has_conflict=true").json()["results"] == []


def test_a_rejected_claim_leaves_incident_figures_and_track_records(api, pair, reviewer):
    military, elder = pair
    reject_claim(claim_id=elder.pk, reason="duplicate", note="Same as the lede", editor=reviewer)

    [incident] = api.get("/api/incidents/").json()["results"]
    [killed] = incident["outcomes"]
    assert [figure["claim"] for figure in killed["figures"]] == [military.pk]
    assert incident["claims"] == 1
    record = api.get(f"/api/claimants/{elder.claimant_id}/").json()["track_record"]
    assert record["claims"] == 0

    restore_claim(claim_id=elder.pk, note="Not a duplicate", editor=reviewer)

    assert api.get(f"/api/claimants/{elder.claimant_id}/").json()["track_record"]["claims"] == 1


def test_rejected_claims_are_never_public(client, api, pair, reviewer):
    military, elder = pair
    editor = decide_and_publish(military, reviewer, "disputed")
    assert military.pk in [claim.pk for claim in selectors.published_factchecks()]
    # Withdraw the verdict, reject, and publish it again behind the services' back.
    withdraw_claims(claim_ids=[military.pk], editor=editor, reason="Not ours")
    reject_claim(claim_id=military.pk, reason="other", note="Not ours", editor=reviewer)
    Claim.objects.filter(pk=military.pk).update(
        publication="published", public_status="disputed", withdrawn_at=None, withdrawal_reason=""
    )

    assert military.pk not in [claim.pk for claim in selectors.published_factchecks()]
    assert api.get(f"/api/claims/{military.pk}/claimreview/").status_code == 404
    assert client.get(f"/factchecks/{military.pk}/").status_code == 404
    assert military.pk not in [claim.pk for claim in selectors.claimreview_feed()]
    api.force_authenticate(reviewer)
    assert api.get(f"/api/claims/{military.pk}/history/").json()[-1]["action"] == "rejected"
