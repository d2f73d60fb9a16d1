"""Permissions named for what they allow: reviewing claims, regrouping incidents and following
ingest are three rights, which the reviewers group holds and which can be given apart."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from claims.models import Claim
from claims.services.incidents import merge_incidents
from claims.services.review import review_claim
from tests.factories import ClaimFactory, IncidentFactory, IngestBatchFactory, StaffFactory

pytestmark = pytest.mark.django_db


def staff_with(*codenames):
    user = StaffFactory()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return type(user).objects.get(pk=user.pk)  # a fresh instance: no cached permissions


def test_the_reviewers_group_holds_all_three(staff_reviewer):
    assert staff_reviewer.has_perm("claims.review_claim")
    assert staff_reviewer.has_perm("claims.regroup_incidents")
    assert staff_reviewer.has_perm("claims.view_ingestbatch")


def test_reviewing_claims_does_not_allow_regrouping_incidents():
    reviewer_only = staff_with("review_claim", "view_claim", "view_incident")
    first, second = IncidentFactory(), IncidentFactory()
    claim = ClaimFactory(incident=second)

    review_claim(claim_id=claim.pk, status="confirmed", note="Yes.", reviewer=reviewer_only)
    with pytest.raises(PermissionDenied):
        merge_incidents(incident_ids=[first.pk, second.pk], editor=reviewer_only)

    assert Claim.objects.get(pk=claim.pk).incident_id == second.pk


def test_regrouping_is_allowed_by_its_own_permission_alone():
    regrouper = staff_with("regroup_incidents", "view_incident")
    first, second = IncidentFactory(), IncidentFactory()
    ClaimFactory(incident=second)

    survivor = merge_incidents(incident_ids=[first.pk, second.pk], editor=regrouper)

    assert survivor.pk == first.pk and survivor.claims.count() == 1


def test_following_ingest_is_the_view_permission_on_batches(client):
    batch = IngestBatchFactory()
    url = reverse("admin:claims_ingestbatch_change", args=[batch.pk])

    client.force_login(staff_with("review_claim", "view_claim"))
    refused = client.get(url).status_code
    client.force_login(staff_with("view_ingestbatch", "view_ingestitem"))
    allowed = client.get(url).status_code

    assert (refused, allowed) == (403, 200)
