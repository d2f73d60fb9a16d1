"""Incidents gather casualty figures about one event; editors merge and split them."""

import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Claim, Incident
from claims.selectors import incident_figures, incident_list
from claims.services.incidents import merge_incidents, split_incident
from tests.factories import ClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def test_seed_civilian_deaths_range_from_zero_per_the_military_to_three_per_the_elder(
    seed_incident,
):
    outcomes = {o["outcome"]: o for o in incident_figures([seed_incident.pk])[seed_incident.pk]}
    killed = outcomes["killed"]
    assert killed["low"]["count_min"] == 0 and "military" in killed["low"]["claimant"].lower()
    assert killed["high"]["count_max"] == 3 and "elder" in killed["high"]["attribution"]
    assert {f["count_min"] for f in killed["figures"]} >= {0, 3, 180, 13}
    assert outcomes["injured"]["low"]["count_min"] == 4


def test_incident_list_counts_claims_by_status(seed_incident, reviewer):
    incident = incident_list().get(pk=seed_incident.pk)
    assert incident.claim_count == seed_incident.claims.count() >= 5
    assert incident.unverified_count == incident.claim_count


def test_merge_moves_claims_and_removes_the_emptied_incidents(reviewer):
    first, second = IncidentFactory(), IncidentFactory()
    a, b = ClaimFactory(incident=first), ClaimFactory(incident=second)
    survivor = merge_incidents(incident_ids=[second.pk, first.pk], editor=reviewer)
    assert survivor == first
    assert set(Claim.objects.filter(incident=first)) == {a, b}
    assert not Incident.objects.filter(pk=second.pk).exists()


def test_split_moves_the_chosen_claims_to_a_new_incident(reviewer):
    incident = IncidentFactory()
    keep, move = ClaimFactory(incident=incident), ClaimFactory(incident=incident)
    new = split_incident(claim_ids=[move.pk], title="Kabul airport bombing", editor=reviewer)
    assert new.title == "Kabul airport bombing"
    assert list(new.claims.all()) == [move]
    assert list(incident.claims.all()) == [keep]


def test_only_reviewers_regroup_incidents(user):
    first, second = IncidentFactory(), IncidentFactory()
    with pytest.raises(PermissionDenied):
        merge_incidents(incident_ids=[first.pk, second.pk], editor=user)
    assert Incident.objects.count() == 2
