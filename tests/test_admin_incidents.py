"""Incidents in the admin: figures side by side with their range, merge and split."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse

from claims.models import Claim, Incident
from claims.services.review import review_claim
from tests.factories import ClaimantFactory, ClaimFactory, IncidentFactory, StaffFactory

INCIDENTS = reverse("admin:claims_incident_changelist")
CLAIMS = reverse("admin:claims_claim_changelist")

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer_client(client):
    """Staff who may read claims and incidents but not review."""
    viewer = StaffFactory()
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_claim", "view_incident"])
    )
    client.force_login(viewer)
    return client


def test_list_shows_each_outcomes_range_across_named_sources(reviewer_client, seed_incident):
    page = reviewer_client.get(INCIDENTS).content.decode()

    assert "killed: 0 (US military) – 3 (a community elder in Jalalabad)" in page
    assert "injured: 4 (a community elder in Jalalabad)" in page


def test_list_summarises_claims_by_status(reviewer_client, staff_reviewer):
    incident = IncidentFactory()
    claims = ClaimFactory.create_batch(3, incident=incident)
    review_claim(claim_id=claims[0].pk, status="false", note="No.", reviewer=staff_reviewer)

    page = reviewer_client.get(INCIDENTS).content.decode()

    assert '<span class="claim-badge status-unverified">2 unverified</span>' in page
    assert '<span class="claim-badge status-false">1 false</span>' in page
    assert '<td class="field-claim_count">3</td>' in page


def test_outcome_without_named_source_says_so(reviewer_client):
    ClaimFactory(incident=IncidentFactory(), claimant=None, count_min=7)

    page = reviewer_client.get(INCIDENTS).content.decode()

    assert "killed: no named source (1 figure)" in page


def test_list_queries_do_not_grow_with_incidents(reviewer_client, django_assert_max_num_queries):
    def make_incidents(count):
        for _ in range(count):
            incident = IncidentFactory()
            ClaimFactory(incident=incident, claimant=ClaimantFactory(), count_min=1)
            ClaimFactory(incident=incident, claimant=ClaimantFactory(), count_min=5)

    make_incidents(2)
    with django_assert_max_num_queries(20) as few:
        assert reviewer_client.get(INCIDENTS).status_code == 200
    make_incidents(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert reviewer_client.get(INCIDENTS).status_code == 200


def test_change_page_shows_every_figure_with_claim_and_article_links(
    reviewer_client, seed_incident
):
    response = reviewer_client.get(reverse("admin:claims_incident_change", args=[seed_incident.pk]))
    page = response.content.decode()

    assert response.status_code == 200
    assert "killed: 0 (US military) – 3 (a community elder in Jalalabad)" in page
    figures = Claim.objects.filter(incident=seed_incident, count_min__isnull=False)
    for claim in figures:
        assert reverse("admin:claims_claim_change", args=[claim.pk]) in page
        assert (
            f"{reverse('admin:sources_article_change', args=[claim.article_id])}#claim-{claim.pk}"
            in page
        )
    assert "about 180 killed" in page
    assert "(the article)" in page  # a figure in the article's own voice


def test_merge_moves_claims_into_the_oldest_and_says_so(reviewer_client):
    first, second, third = IncidentFactory(title="Kabul"), IncidentFactory(), IncidentFactory()
    claims = [ClaimFactory(incident=incident) for incident in (first, second, third)]

    response = reviewer_client.post(
        INCIDENTS,
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [third.pk, first.pk, second.pk]},
        follow=True,
    )

    assert set(Claim.objects.filter(incident=first)) == set(claims)
    assert list(Incident.objects.all()) == [first]
    message = str(list(response.context["messages"])[0])
    assert "Merged 3 incidents into" in message and "Kabul" in message


def test_merge_of_one_incident_is_refused(reviewer_client):
    incident = IncidentFactory()

    response = reviewer_client.post(
        INCIDENTS, {"action": "merge_selected", ACTION_CHECKBOX_NAME: [incident.pk]}, follow=True
    )

    assert "at least two incidents" in str(list(response.context["messages"])[0])


def test_non_reviewers_neither_see_nor_run_merge_and_split(viewer_client):
    first, second = IncidentFactory(), IncidentFactory()
    claim = ClaimFactory(incident=first)

    incidents_page = viewer_client.get(INCIDENTS).content.decode()
    claims_page = viewer_client.get(CLAIMS).content.decode()
    viewer_client.post(
        INCIDENTS, {"action": "merge_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}
    )
    viewer_client.post(
        CLAIMS,
        {
            "action": "move_to_new_incident",
            ACTION_CHECKBOX_NAME: [claim.pk],
            "apply": "1",
            "title": "Other event",
        },
    )

    assert "merge_selected" not in incidents_page
    assert "move_to_new_incident" not in claims_page
    assert Incident.objects.count() == 2
    assert Claim.objects.get(pk=claim.pk).incident == first


def test_split_first_asks_for_a_title(reviewer_client):
    incident = IncidentFactory()
    claims = ClaimFactory.create_batch(2, incident=incident)

    response = reviewer_client.post(
        CLAIMS, {"action": "move_to_new_incident", ACTION_CHECKBOX_NAME: [c.pk for c in claims]}
    )

    assert response.status_code == 200
    assert "2 claims</strong> will leave their incident" in response.content.decode()
    assert Incident.objects.count() == 1


def test_split_moves_the_selected_claims_to_a_new_incident(reviewer_client):
    incident = IncidentFactory()
    stay, move = ClaimFactory(incident=incident), ClaimFactory(incident=incident)

    response = reviewer_client.post(
        CLAIMS,
        {
            "action": "move_to_new_incident",
            ACTION_CHECKBOX_NAME: [move.pk],
            "apply": "1",
            "title": "  Kabul airport   bombing ",
        },
        follow=True,
    )

    new = Incident.objects.exclude(pk=incident.pk).get()
    assert new.title == "Kabul airport bombing"
    assert list(new.claims.all()) == [move]
    assert list(incident.claims.all()) == [stay]
    assert "Moved 1 claim to the new incident" in str(list(response.context["messages"])[0])


def test_split_without_a_title_asks_again(reviewer_client):
    claim = ClaimFactory(incident=IncidentFactory())

    response = reviewer_client.post(
        CLAIMS,
        {"action": "move_to_new_incident", ACTION_CHECKBOX_NAME: [claim.pk], "apply": "1"},
    )

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert Incident.objects.count() == 1
