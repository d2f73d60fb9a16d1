"""Context where a reviewer needs it: claimants list their claims, the review log is newest
first, reviewers rename incidents (recorded), help texts say what a field is."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from claims.models import Claim, Incident
from claims.services.review import review_claim
from sources.models import Claimant
from tests.factories import ClaimantFactory, ClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_client(client, staff_reviewer):
    client.force_login(staff_reviewer)
    return client


def test_claimant_page_lists_their_claims(reviewer_client):
    claimant = ClaimantFactory(name="Malik Adib")
    theirs = [ClaimFactory(claimant=claimant, count_min=n) for n in (4, 9)]
    other = ClaimFactory(claimant=ClaimantFactory())

    page = reviewer_client.get(
        reverse("admin:sources_claimant_change", args=[claimant.pk])
    ).content.decode()

    assert "Claims (2)" in page
    for claim in theirs:
        assert reverse("admin:claims_claim_change", args=[claim.pk]) in page
    assert reverse("admin:claims_claim_change", args=[other.pk]) not in page
    assert f"claimant__id__exact={claimant.pk}" in page


def test_review_log_is_newest_first(reviewer_client, staff_reviewer):
    late, early = ClaimFactory(), ClaimFactory()
    review_claim(
        claim_id=late.pk, status="confirmed", note="First decision.", reviewer=staff_reviewer
    )
    review_claim(
        claim_id=early.pk, status="false", note="Second decision.", reviewer=staff_reviewer
    )

    page = reviewer_client.get(reverse("admin:claims_review_changelist")).content.decode()

    assert page.index("Second decision.") < page.index("First decision.")


def test_reviewer_renames_an_incident_and_it_is_recorded(reviewer_client, staff_reviewer):
    incident = IncidentFactory(title="Article 12's incident")

    response = reviewer_client.post(
        reverse("admin:claims_incident_change", args=[incident.pk]),
        {"title": "  Jalalabad  airstrike "},
    )

    assert response.status_code == 302
    assert Incident.objects.get(pk=incident.pk).title == "Jalalabad airstrike"
    entry = LogEntry.objects.get(object_id=str(incident.pk))
    assert (entry.user, entry.is_change()) == (staff_reviewer, True)


def test_help_texts_say_what_a_field_is():
    for model, name in ((Claim, "group"), (Claim, "lower_bound"), (Claimant, "role")):
        help_text = str(model._meta.get_field(name).help_text)
        assert help_text and not help_text.startswith(("As written", '"')), (name, help_text)
