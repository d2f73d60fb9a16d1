"""Claims of one incident with the same claimant, outcome and figures are one group: shown
as ``same_as``, reviewed in one step (one Review each), collapsible in the list."""

import dataclasses

import pytest

from claims.models import Claim, ClaimChange, Review
from claims.services.curation import reject_claim, restore_claim
from claims.services.matching import regroup_incidents
from tests.factories import ArticleFactory, ClaimantFactory, ClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    """The same spokesman's "3 killed" in three outlets, and his "5 injured" once."""
    incident, spokesman = IncidentFactory(), ClaimantFactory(name="Tariq Mehmood")
    same = [
        ClaimFactory(article=ArticleFactory(), incident=incident, claimant=spokesman)
        for _ in range(3)
    ]
    alone = ClaimFactory(
        article=same[0].article, incident=incident, claimant=spokesman, outcome="injured", start=1
    )
    other_source = ClaimFactory(article=same[1].article, incident=incident, start=1)
    regroup_incidents([incident.pk])
    return same, alone, other_source


def test_same_claimant_outcome_and_figures_share_same_as(api, group):
    same, alone, other_source = group
    first = min(claim.pk for claim in same)
    for claim in same:
        assert api.get(f"/api/claims/{claim.pk}/").json()["same_as"] == first
    assert api.get(f"/api/claims/{alone.pk}/").json()["same_as"] is None
    assert api.get(f"/api/claims/{other_source.pk}/").json()["same_as"] is None
    listed = api.get(f"/api/claims/?same_as={first}").json()["results"]
    assert sorted(row["id"] for row in listed) == sorted(claim.pk for claim in same)


def test_the_list_collapses_a_group_into_one_row(api, group):
    same, alone, other_source = group
    rows = api.get("/api/claims/?collapse_groups=true").json()["results"]
    assert sorted(row["id"] for row in rows) == sorted(
        [min(c.pk for c in same), alone.pk, other_source.pk]
    )


def test_a_verdict_for_the_group_gives_each_claim_its_own_review(api, reviewer, group):
    same, alone, _ = group
    api.force_authenticate(reviewer)
    response = api.post(
        f"/api/claims/{same[2].pk}/review-group/",
        {"status": "confirmed", "note": "Morgue records"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["reviewed"] == 3
    for claim in same:
        claim.refresh_from_db()
        assert (claim.status, claim.version) == ("confirmed", 2)
        assert Review.objects.get(claim=claim).note == "Morgue records"
        [change] = ClaimChange.objects.filter(claim=claim)
        assert (change.action, change.note) == ("group_reviewed", "Morgue records")
    alone.refresh_from_db()
    assert alone.status == "unverified"


def test_group_verdict_is_all_or_nothing_and_for_reviewers(api, user, group):
    same, _, _ = group
    api.force_authenticate(user)
    url = f"/api/claims/{same[0].pk}/review-group/"
    assert api.post(url, {"status": "false", "note": "x"}, format="json").status_code == 403
    assert not Review.objects.exists()
    assert api.post("/api/claims/999999/review-group/", {}, format="json").status_code in {
        400,
        403,
    }


def test_admin_claim_page_lists_the_same_claim_elsewhere_and_reviews_the_group(
    client, staff_reviewer, group
):
    same, _, _ = group
    client.force_login(staff_reviewer)
    html = client.get(f"/admin/claims/claim/{same[0].pk}/change/").content.decode()
    assert "The same claim elsewhere (2)" in html and "Whole group" in html
    response = client.post(
        f"/admin/claims/claim/{same[0].pk}/review/",
        {"status": "disputed", "note": "Hospital disagrees", "version": 1, "whole_group": "on"},
    )
    assert response.status_code == 302
    assert set(
        Claim.objects.filter(pk__in=[c.pk for c in same]).values_list("status", flat=True)
    ) == {"disputed"}


def test_a_rejected_claim_leaves_its_group_and_the_incident_timeline(api, reviewer, group):
    same, _, _ = group
    first, *rest = sorted(same, key=lambda claim: claim.pk)
    reject_claim(claim_id=first.pk, reason="duplicate", note="Same wire copy", editor=reviewer)
    second = min(claim.pk for claim in rest)
    assert Claim.objects.get(pk=first.pk).same_as_id is None
    assert sorted(Claim.objects.filter(same_as_id=second).values_list("pk", flat=True)) == [
        claim.pk for claim in rest
    ]
    timeline = api.get(f"/api/incidents/{first.incident_id}/").json()["timeline"]
    points = {point["claim"] for outcome in timeline for point in outcome["points"]}
    assert first.pk not in points and {claim.pk for claim in rest} <= points

    restore_claim(claim_id=first.pk, note="Not a duplicate after all", editor=reviewer)
    assert set(Claim.objects.filter(same_as_id=first.pk).values_list("pk", flat=True)) == {
        claim.pk for claim in same
    }


def test_ingest_groups_as_regrouping_would_and_writes_a_joining_claim_once():
    """An article repeating a group already stored gets ``same_as`` as it is inserted (no
    UPDATE of its claims); whatever ingest grouped, regrouping the incident changes nothing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims.services.ingest import ingest_article
    from tests.factories import parsed_seed

    seed = parsed_seed()
    copies = [
        dataclasses.replace(seed, title=seed.title, body=f"Dispatch {n} -- {seed.body}", url="")
        for n in range(3)
    ]
    ingest_article(copies[0])
    ingest_article(copies[1])
    with CaptureQueriesContext(connection) as third:
        article = ingest_article(copies[2]).article
    incident_ids = set(article.claims.exclude(incident=None).values_list("incident_id", flat=True))
    grouped = dict(
        Claim.objects.filter(incident_id__in=incident_ids)
        .exclude(same_as=None)
        .values_list("pk", "same_as_id")
    )
    assert len(incident_ids) == 1 and article.claims.exclude(same_as=None).count() >= 1
    assert not [q for q in third.captured_queries if q["sql"].startswith('UPDATE "claims_claim"')]

    regroup_incidents(incident_ids)

    assert grouped == dict(
        Claim.objects.filter(incident_id__in=incident_ids)
        .exclude(same_as=None)
        .values_list("pk", "same_as_id")
    )
