"""Assignment: who works on what. Through HTTP: assign one claim or many (a list, an article,
an incident), the assignee's e-mail, the queue filters and their cost."""

import pytest
from django.core import mail

from claims.models import Claim, ClaimChange
from claims.services.tokens import issue_token
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    IncidentFactory,
    ReviewerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(db):
    return ReviewerFactory(username="alice", email="alice@desk.example")


@pytest.fixture
def chief(db):
    return ReviewerFactory(username="chief")


@pytest.fixture
def chief_api(api, chief):
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(chief)}")
    return api


def test_assigning_a_claim_sets_the_assignee_and_emails_them(
    chief_api, alice, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = chief_api.post(
            f"/api/claims/{claim.pk}/assign/",
            {"assignee": "alice", "message": "Check the hospital list first."},
            format="json",
        )
    assert response.status_code == 200, response.content
    assert response.json()["assignee"] == "alice"
    [email] = mail.outbox
    assert email.to == ["alice@desk.example"]
    assert "1 claim assigned to you" in email.subject
    assert "Check the hospital list first." in email.body
    assert f"/admin/claims/claim/{claim.pk}/change/" in email.body
    assert "chief assigned you" in email.body
    [change] = ClaimChange.objects.filter(claim=claim)
    assert (change.action, change.actor.username) == ("assigned", "chief")
    assert change.changes == {"assignee": [None, "alice"]}
    assert change.note == "Check the hospital list first."


def test_unassigning_with_null(chief_api, alice):
    claim = ClaimFactory(assignee=alice)
    response = chief_api.post(f"/api/claims/{claim.pk}/assign/", {"assignee": None}, format="json")
    assert response.status_code == 200
    assert Claim.objects.get(pk=claim.pk).assignee is None
    assert mail.outbox == []


def test_only_reviewers_can_be_assigned(chief_api):
    outsider = UserFactory(username="outsider")
    claim = ClaimFactory()
    response = chief_api.post(
        f"/api/claims/{claim.pk}/assign/", {"assignee": outsider.username}, format="json"
    )
    assert response.status_code == 400
    assert "not a reviewer" in response.json()["detail"]
    unknown = chief_api.post(
        f"/api/claims/{claim.pk}/assign/", {"assignee": "nobody"}, format="json"
    )
    assert unknown.status_code == 400
    assert Claim.objects.get(pk=claim.pk).assignee is None


def test_non_reviewers_cannot_assign(api, alice):
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(UserFactory())}")
    claim = ClaimFactory()
    response = api.post(f"/api/claims/{claim.pk}/assign/", {"assignee": "alice"}, format="json")
    assert response.status_code == 403
    assert Claim.objects.get(pk=claim.pk).assignee is None


def test_bulk_assign_all_claims_of_an_article_or_incident_with_one_email(
    chief_api, alice, django_capture_on_commit_callbacks
):
    article = ArticleFactory(body="Police said three were killed and four injured.")
    claims = [
        ClaimFactory(article=article, start=0, end=6, text="Police"),
        ClaimFactory(article=article, start=7, end=11, text="said"),
    ]
    other = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = chief_api.post(
            "/api/claims/bulk-assign/", {"article": article.pk, "assignee": "alice"}, format="json"
        )
    assert response.json() == {"assigned": 2, "assignee": "alice"}
    assert set(Claim.objects.filter(assignee__username="alice").values_list("pk", flat=True)) == {
        claim.pk for claim in claims
    }
    assert Claim.objects.get(pk=other.pk).assignee is None
    assert len(mail.outbox) == 1 and "2 claims assigned to you" in mail.outbox[0].subject

    incident = IncidentFactory()
    in_incident = ClaimFactory(incident=incident)
    response = chief_api.post(
        "/api/claims/bulk-assign/", {"incident": incident.pk, "assignee": "alice"}, format="json"
    )
    assert response.json()["assigned"] == 1
    assert Claim.objects.get(pk=in_incident.pk).assignee.username == "alice"


def test_bulk_assign_wants_exactly_one_selection(chief_api, alice):
    claim = ClaimFactory()
    body = {"ids": [claim.pk], "article": claim.article_id, "assignee": "alice"}
    response = chief_api.post("/api/claims/bulk-assign/", body, format="json")
    assert response.status_code == 400
    missing = chief_api.post(
        "/api/claims/bulk-assign/", {"ids": [claim.pk, 10**9], "assignee": "alice"}, format="json"
    )
    assert missing.status_code == 400
    assert missing.json()["missing_ids"] == [10**9]
    assert Claim.objects.get(pk=claim.pk).assignee is None


def test_assignee_filters_me_none_and_username(api, chief, alice, django_assert_num_queries):
    mine = ClaimFactory(assignee=chief)
    hers = ClaimFactory(assignee=alice)
    nobodys = ClaimFactory()
    api.force_authenticate(chief)

    def ids(query):
        with django_assert_num_queries(1):
            response = api.get(f"/api/claims/?{query}")
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids("assignee=me") == [mine.pk]
    assert ids("assignee=none") == [nobodys.pk]
    assert ids("assignee=alice") == [hers.pk]
    assert ids("assignee=alice&status=unverified") == [hers.pk]


def test_publication_filter(api, chief):
    api.force_authenticate(chief)
    draft = ClaimFactory(status="confirmed", awaiting_publication=True)
    ClaimFactory()
    assert [row["id"] for row in api.get("/api/claims/?publication=draft").json()["results"]] == [
        draft.pk
    ]
    assert api.get("/api/claims/?publication=published").json()["results"] == []
    assert api.get("/api/claims/?publication=bogus").status_code == 400
