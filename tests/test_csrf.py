"""CSRF: a signed-in browser's POST without the CSRF token changes nothing anywhere.

Admin forms and session-authenticated API writes need the token (403 without it); API
clients that send a Token header carry no ambient credentials and need none.
"""

import pytest
from django.test import Client

from claims.models import Claim, Incident, IngestBatch, Review
from claims.services.tokens import issue_token
from sources.models import Article
from tests.factories import ClaimFactory, IncidentFactory, StaffReviewerFactory
from tests.reliability import ensure_reviewers_group

pytestmark = pytest.mark.django_db

NOTE = "Matches the hospital's list"


@pytest.fixture
def editor():
    ensure_reviewers_group()
    return StaffReviewerFactory(is_superuser=True)


@pytest.fixture
def browser(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def csrf_token(client: Client) -> str:
    """The token a page embeds; the admin index sets the CSRF cookie it is checked against."""
    assert client.get("/admin/").status_code == 200
    return client.cookies["csrftoken"].value


def snapshot():
    return (
        list(Claim.objects.order_by("pk").values_list("pk", "status", "version", "incident_id")),
        Review.objects.count(),
        Incident.objects.count(),
        Article.objects.count(),
        IngestBatch.objects.count(),
    )


def admin_posts(claim, incidents) -> dict[str, tuple[str, dict]]:
    return {
        "single review": (
            f"/admin/claims/claim/{claim.pk}/review/",
            {"status": "confirmed", "note": NOTE, "version": claim.version},
        ),
        "bulk review action": (
            "/admin/claims/claim/",
            {
                "action": "mark_confirmed",
                "_selected_action": [claim.pk],
                "apply": "1",
                "note": NOTE,
            },
        ),
        "move to new incident": (
            "/admin/claims/claim/",
            {
                "action": "move_to_new_incident",
                "_selected_action": [claim.pk],
                "apply": "1",
                "title": "Another event",
            },
        ),
        "merge incidents": (
            "/admin/claims/incident/",
            {"action": "merge_selected", "_selected_action": [i.pk for i in incidents]},
        ),
        "delete claim": (f"/admin/claims/claim/{claim.pk}/delete/", {"post": "yes"}),
        "import reviews confirm": (
            "/admin/claims/claim/import-reviews/",
            {"confirm": "1", "token": "x"},
        ),
        "logout": ("/admin/logout/", {}),
    }


@pytest.mark.parametrize(
    "name",
    [
        "single review",
        "bulk review action",
        "move to new incident",
        "merge incidents",
        "delete claim",
        "import reviews confirm",
        "logout",
    ],
)
def test_admin_post_without_csrf_token_is_403_and_changes_nothing(browser, name):
    claim = ClaimFactory()
    incidents = [IncidentFactory(), IncidentFactory()]
    url, data = admin_posts(claim, incidents)[name]
    before = snapshot()
    response = browser.post(url, data)
    assert response.status_code == 403, f"{name}: {response.status_code}"
    assert b"CSRF" in response.content
    assert snapshot() == before
    assert browser.get("/admin/").status_code == 200, "the POST logged the editor out"


def test_admin_login_without_csrf_token_is_403(editor):
    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": editor.username, "password": "correct horse battery"}
    )
    assert response.status_code == 403


def test_admin_review_with_csrf_token_goes_through(browser):
    claim = ClaimFactory()
    token = csrf_token(browser)
    response = browser.post(
        f"/admin/claims/claim/{claim.pk}/review/",
        {"status": "confirmed", "note": NOTE, "version": 1, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).status == "confirmed"


def api_writes(claim) -> dict[str, tuple[str, dict, int]]:
    return {
        "review": (f"/api/claims/{claim.pk}/review/", {"status": "false", "note": NOTE}, 200),
        "patch review": (f"/api/claims/{claim.pk}/", {"status": "false", "note": NOTE}, 200),
        "bulk review": (
            "/api/claims/bulk-review/",
            {"ids": [claim.pk], "status": "false", "note": NOTE},
            200,
        ),
        "ingest": ("/api/articles/", {"body": "Officials said two people were killed."}, 201),
        "batch": (
            "/api/batches/",
            {"articles": [{"body": "Police said four people died in the fire."}]},
            202,
        ),
    }


WRITES = ["review", "patch review", "bulk review", "ingest", "batch"]


@pytest.mark.parametrize("name", WRITES)
def test_session_api_write_without_csrf_token_is_403(browser, name):
    claim = ClaimFactory()
    url, body, _ = api_writes(claim)[name]
    method = browser.patch if name == "patch review" else browser.post
    before = snapshot()
    response = method(url, body, content_type="application/json")
    assert response.status_code == 403, response.content
    assert "CSRF" in response.json()["detail"]
    assert snapshot() == before


@pytest.mark.parametrize("name", WRITES)
def test_session_api_write_with_csrf_token_goes_through(browser, name):
    claim = ClaimFactory()
    url, body, expected = api_writes(claim)[name]
    method = browser.patch if name == "patch review" else browser.post
    token = csrf_token(browser)
    response = method(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == expected, response.content


@pytest.mark.parametrize("name", WRITES)
def test_token_api_write_needs_no_csrf_token(editor, name):
    claim = ClaimFactory()
    url, body, expected = api_writes(claim)[name]
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {issue_token(editor)}")
    method = client.patch if name == "patch review" else client.post
    response = method(url, body, content_type="application/json")
    assert response.status_code == expected, response.content
