"""Claimants through HTTP: rename (a taken name answers 409 offering the merge), merge (claims
move, the track record is recomputed, every claim's history says so) and split one claim off."""

import pytest

from claims.models import ClaimChange
from claims.services.review import review_claim
from sources.models import Claimant
from tests.factories import ClaimantFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_api(api, reviewer):
    api.force_authenticate(reviewer)
    return api


@pytest.fixture
def elder_and_malik(reviewer):
    elder = ClaimantFactory(name="a community elder in Jalalabad")
    malik = ClaimantFactory(name="Malik Adib")
    elder_claims = [ClaimFactory(claimant=elder) for _ in range(2)]
    malik_claim = ClaimFactory(claimant=malik)
    review_claim(claim_id=elder_claims[0].pk, status="confirmed", note="ok", reviewer=reviewer)
    review_claim(claim_id=malik_claim.pk, status="false", note="no", reviewer=reviewer)
    return elder, malik, elder_claims, malik_claim


def test_renaming_to_a_name_that_exists_is_409_offering_the_merge(editor_api, elder_and_malik):
    elder, malik, *_ = elder_and_malik

    response = editor_api.post(
        f"/api/claimants/{elder.pk}/rename/", {"name": "malik adib", "note": "x"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["existing_id"] == malik.pk
    assert "merge" in response.json()["detail"]
    assert Claimant.objects.get(pk=elder.pk).name == "a community elder in Jalalabad"


def test_rename_is_recorded_on_each_claim(editor_api, elder_and_malik):
    elder, _, elder_claims, _ = elder_and_malik

    response = editor_api.post(
        f"/api/claimants/{elder.pk}/rename/",
        {"name": "Jalalabad elder", "role": "community elder", "note": "Shorter"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert (response.json()["name"], response.json()["role"]) == (
        "Jalalabad elder",
        "community elder",
    )
    entries = ClaimChange.objects.filter(action="claimant_renamed")
    assert sorted(entries.values_list("claim_id", flat=True)) == sorted(c.pk for c in elder_claims)
    assert entries.first().changes["claimant_name"] == [
        "a community elder in Jalalabad",
        "Jalalabad elder",
    ]


def test_merge_moves_the_claims_and_recomputes_the_track_record(editor_api, elder_and_malik):
    elder, malik, elder_claims, malik_claim = elder_and_malik

    response = editor_api.post(
        f"/api/claimants/{elder.pk}/merge/",
        {"into": malik.pk, "note": "The elder is Malik Adib"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    record = response.json()["track_record"]
    assert (record["claims"], record["confirmed"], record["false"]) == (3, 1, 1)
    assert record["confirmed_share"] == 0.5
    assert not Claimant.objects.filter(pk=elder.pk).exists()
    history = editor_api.get(f"/api/claims/{elder_claims[0].pk}/history/").json()
    assert history[-1]["action"] == "claimants_merged"
    assert history[-1]["changes"]["claimant"] == [elder.pk, malik.pk]
    assert history[-1]["version"] == 3


def test_merge_into_an_unknown_claimant_changes_nothing(editor_api, elder_and_malik):
    elder, _, elder_claims, _ = elder_and_malik

    response = editor_api.post(
        f"/api/claimants/{elder.pk}/merge/", {"into": 999_999, "note": "x"}, format="json"
    )

    assert response.status_code == 400
    assert Claimant.objects.filter(pk=elder.pk).exists()
    assert not ClaimChange.objects.exists()


def test_split_moves_one_claim_to_its_real_source(editor_api, elder_and_malik):
    elder, _, elder_claims, _ = elder_and_malik
    claim = elder_claims[1]

    response = editor_api.post(
        f"/api/claimants/{elder.pk}/split/",
        {"claim": claim.pk, "name": "Taliban spokesman", "note": "Quoted, not the elder"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )

    assert response.status_code == 200, response.json()
    assert response.json()["claimant"]["name"] == "Taliban spokesman"
    assert Claimant.objects.get(pk=elder.pk).claims.count() == 1
    [entry] = ClaimChange.objects.filter(claim=claim)
    assert entry.action == "claimant_split" and entry.version == 2


def test_split_with_a_stale_version_is_412(editor_api, elder_and_malik):
    elder, _, elder_claims, _ = elder_and_malik

    response = editor_api.post(
        f"/api/claimants/{elder.pk}/split/",
        {"claim": elder_claims[0].pk, "name": "Someone else", "note": "x"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )

    assert response.status_code == 412
    assert elder_claims[0].claimant_id == elder.pk
    assert not Claimant.objects.filter(name="Someone else").exists()


@pytest.mark.parametrize("path", ["rename", "merge"])
def test_non_reviewers_cannot_change_claimants(api, elder_and_malik, path):
    elder, malik, *_ = elder_and_malik
    api.force_authenticate(UserFactory())

    response = api.post(
        f"/api/claimants/{elder.pk}/{path}/",
        {"name": "New", "into": malik.pk, "note": "x"},
        format="json",
    )

    assert response.status_code == 403
    assert Claimant.objects.filter(pk=elder.pk, name="a community elder in Jalalabad").exists()
