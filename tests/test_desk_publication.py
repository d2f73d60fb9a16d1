"""Deciding is not publishing: a verdict reaches readers only when an editor publishes it,
and a withdrawn one leaves a tombstone. All through HTTP."""

import datetime

import pytest
from django.test import Client

from claims.models import Claim
from claims.services.tokens import issue_token
from tests.factories import ClaimFactory, EditorFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

RATIONALE = "The provincial hospital's list names three dead."
NOTE = "Called the hospital; desk-only detail about source Q."


def token_client(api, user):
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user)}")
    return api


@pytest.fixture
def reviewer(db):
    return ReviewerFactory(username="rita-reviewer")


@pytest.fixture
def editor(db):
    return EditorFactory(username="eddie-editor")


def decide(api, reviewer, claim, status="confirmed", rationale=RATIONALE, note=NOTE):
    response = token_client(api, reviewer).post(
        f"/api/claims/{claim.pk}/review/",
        {
            "status": status,
            "note": note,
            "rationale": rationale,
            "evidence": [{"url": "https://example.org/list", "label": "Hospital list"}],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    api.credentials()
    return response.json()


def publish(api, editor, claim, **body):
    response = token_client(api, editor).post(
        f"/api/claims/{claim.pk}/publish/", body, format="json"
    )
    api.credentials()
    return response


def anonymous_views(claim) -> dict:
    client = Client()
    return {
        "detail": client.get(f"/api/claims/{claim.pk}/").json(),
        "feed": client.get("/api/claimreview/").json()["results"],
        "page": client.get(f"/factchecks/{claim.pk}/"),
        "claimreview": client.get(f"/api/claims/{claim.pk}/claimreview/"),
        "index": client.get("/").content.decode(),
    }


def test_a_decided_verdict_stays_invisible_to_anonymous_readers_until_published(
    api, reviewer, claim_factory=ClaimFactory
):
    claim = claim_factory()
    decide(api, reviewer, claim)
    seen = anonymous_views(claim)
    assert seen["detail"]["status"] == "unverified"
    assert seen["detail"]["verdict"] is None
    assert seen["detail"]["last_review"] is None
    assert seen["feed"] == []
    assert seen["page"].status_code == 404
    assert seen["claimreview"].status_code == 404
    assert claim.text not in seen["index"]
    # Readers with a token see the decision and that it awaits publication.
    inside = token_client(api, reviewer).get(f"/api/claims/{claim.pk}/").json()
    assert inside["status"] == "confirmed"
    assert inside["awaiting_publication"] is True
    assert inside["last_review"]["note"] == NOTE


def test_published_verdict_is_public_with_its_rationale(api, reviewer, editor):
    claim = ClaimFactory()
    decide(api, reviewer, claim)
    response = publish(api, editor, claim)
    assert response.status_code == 200, response.content
    assert response.json()["publication"] == "published"
    assert response.json()["awaiting_publication"] is False

    seen = anonymous_views(claim)
    assert seen["detail"]["status"] == "confirmed"
    assert seen["detail"]["verdict"]["rationale"] == RATIONALE
    assert seen["detail"]["verdict"]["evidence"] == [
        {"url": "https://example.org/list", "label": "Hospital list"}
    ]
    assert seen["page"].status_code == 200
    page = seen["page"].content.decode()
    assert RATIONALE in page and "Hospital list" in page
    assert NOTE not in page
    [entry] = seen["feed"]
    assert entry["reviewBody"] == RATIONALE
    assert entry["reviewRating"]["alternateName"] == "Confirmed"
    assert seen["claimreview"].json()["identifier"] == str(claim.pk)


def test_four_eyes_refuses_the_editor_who_decided(api, editor):
    claim = ClaimFactory()
    decide(api, editor, claim)
    response = publish(api, editor, claim)
    assert response.status_code == 403
    assert response.json()["code"] == "four_eyes"
    assert f"claim {claim.pk}" in response.json()["detail"]
    claim.refresh_from_db()
    assert claim.publication == "unpublished"


def test_four_eyes_off_lets_the_deciding_editor_publish(api, editor, settings):
    settings.FACTCHECK_FOUR_EYES = False
    claim = ClaimFactory()
    decide(api, editor, claim)
    assert publish(api, editor, claim).status_code == 200


def test_only_editors_publish(api, reviewer):
    claim = ClaimFactory()
    other = ReviewerFactory()
    decide(api, other, claim)
    response = publish(api, reviewer, claim)
    assert response.status_code == 403
    assert Claim.objects.get(pk=claim.pk).publication == "unpublished"


def test_a_verdict_without_rationale_cannot_be_published(api, reviewer, editor):
    claim = ClaimFactory()
    decide(api, reviewer, claim, rationale="")
    response = publish(api, editor, claim)
    assert response.status_code == 400
    assert "rationale" in response.json()["detail"]


def test_nothing_to_publish_before_a_verdict(api, editor):
    claim = ClaimFactory()
    response = publish(api, editor, claim)
    assert response.status_code == 400
    assert "No verdict" in response.json()["detail"]


def test_publish_with_a_stale_version_is_refused(api, reviewer, editor):
    claim = ClaimFactory()
    decide(api, reviewer, claim)
    decide(api, reviewer, claim, status="disputed", rationale="Two sources disagree.")
    response = publish(api, editor, claim, version=2)
    assert response.status_code == 412
    assert Claim.objects.get(pk=claim.pk).publication == "unpublished"


def test_a_new_verdict_on_a_published_claim_stays_a_draft(api, reviewer, editor):
    claim = ClaimFactory()
    decide(api, reviewer, claim)
    assert publish(api, editor, claim).status_code == 200
    decide(api, reviewer, claim, status="false", rationale="Later shown wrong.")
    seen = anonymous_views(claim)
    assert seen["detail"]["status"] == "confirmed"
    assert seen["detail"]["verdict"]["rationale"] == RATIONALE
    assert "Later shown wrong." not in seen["page"].content.decode()
    assert seen["feed"][0]["reviewRating"]["alternateName"] == "Confirmed"
    inside = token_client(api, reviewer).get(f"/api/claims/{claim.pk}/").json()
    assert (inside["status"], inside["awaiting_publication"]) == ("false", True)
    assert publish(api, editor, claim).status_code == 200
    assert anonymous_views(claim)["detail"]["status"] == "false"


def test_unpublish_leaves_a_410_page_and_a_tombstone_in_the_feed(api, reviewer, editor):
    claim = ClaimFactory()
    decide(api, reviewer, claim)
    assert publish(api, editor, claim).status_code == 200
    before = datetime.datetime.now(datetime.UTC).isoformat().replace("+00:00", "Z")
    response = token_client(api, editor).post(
        f"/api/claims/{claim.pk}/unpublish/",
        {"reason": "The hospital corrected its list."},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["publication"] == "withdrawn"

    client = Client()
    page = client.get(f"/factchecks/{claim.pk}/")
    assert page.status_code == 410
    assert "The hospital corrected its list." in page.content.decode()
    assert RATIONALE not in page.content.decode()
    feed = client.get("/api/claimreview/", {"updated_since": before}).json()["results"]
    assert feed == [
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"http://testserver/factchecks/{claim.pk}/",
            "identifier": str(claim.pk),
            "withdrawn": True,
            "dateWithdrawn": feed[0]["dateWithdrawn"],
            "withdrawalReason": "The hospital corrected its list.",
        }
    ]
    assert feed[0]["dateWithdrawn"] >= before[:19]
    assert client.get(f"/api/claims/{claim.pk}/claimreview/").status_code == 410
    detail = client.get(f"/api/claims/{claim.pk}/").json()
    assert (detail["status"], detail["verdict"]) == ("unverified", None)
    assert detail["withdrawal"]["reason"] == "The hospital corrected its list."
    history = token_client(api, editor).get(f"/api/claims/{claim.pk}/history/").json()
    assert [(entry["action"], entry["reviewer"]) for entry in history] == [
        ("reviewed", "rita-reviewer"),
        ("published", "eddie-editor"),
        ("withdrawn", "eddie-editor"),
    ]
    assert history[2]["note"] == "The hospital corrected its list."
    assert history[2]["changes"]["publication"] == ["published", "withdrawn"]


def test_unpublish_needs_a_reason_and_a_published_verdict(api, reviewer, editor):
    claim = ClaimFactory()
    decide(api, reviewer, claim)
    api = token_client(api, editor)
    assert (
        api.post(f"/api/claims/{claim.pk}/unpublish/", {"reason": "x"}, format="json").status_code
        == 400
    )
    assert publish(api, editor, claim).status_code == 200
    api = token_client(api, editor)
    response = api.post(f"/api/claims/{claim.pk}/unpublish/", {"reason": " "}, format="json")
    assert response.status_code == 400
    assert Claim.objects.get(pk=claim.pk).publication == "published"
