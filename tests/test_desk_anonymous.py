"""Anonymous readers (no token, no session) never see internal notes, reviewer usernames or
unpublished verdicts, on any endpoint or page: checked on the raw bytes of every answer."""

import pytest
from django.test import Client

from claims.models import Review
from claims.services.assignment import assign_claims
from claims.services.publication import publish_claims
from claims.services.review import review_claim
from claims.services.tokens import issue_token
from tests.factories import (
    EditorFactory,
    ReviewerFactory,
    claims_about_one_incident,
)

pytestmark = pytest.mark.django_db

NOTE = "INTERNAL-NOTE-7731 the source is a cousin of the mayor"
DRAFT_NOTE = "INTERNAL-DRAFT-5519 not sure yet"
USERNAME = "rita-reviewer-q8"
EDITOR = "eddie-editor-z3"
RATIONALE = "Public rationale: the hospital list names three."
EVIDENCE = ["https://example.org/hospital-list"]


@pytest.fixture
def desk():
    """A published verdict with a newer draft on top, an unpublished confirmation that
    contradicts it, an assignment: every kind of internal detail there is."""
    reviewer = ReviewerFactory(username=USERNAME)
    editor = EditorFactory(username=EDITOR)
    published, unpublished = claims_about_one_incident(
        "Police said three people were killed; a witness said one was.", (0, 6, 3), (38, 45, 1)
    )
    review_claim(
        claim_id=published.pk,
        status="disputed",
        note=NOTE,
        rationale=RATIONALE,
        evidence_urls=EVIDENCE,
        reviewer=reviewer,
    )
    publish_claims(claim_ids=[published.pk], editor=editor)
    review_claim(
        claim_id=published.pk,
        status="false",
        note=DRAFT_NOTE,
        rationale="Draft rationale",
        evidence_urls=EVIDENCE,
        reviewer=reviewer,
    )
    review_claim(
        claim_id=unpublished.pk,
        status="confirmed",
        note=NOTE,
        rationale="Unpublished rationale",
        evidence_urls=EVIDENCE,
        reviewer=reviewer,
    )
    assign_claims(claim_ids=[published.pk, unpublished.pk], assignee=reviewer, actor=editor)
    return {
        "published": published,
        "unpublished": unpublished,
        "article": published.article,
        "incident": published.incident,
        "review": Review.objects.filter(claim=unpublished).first(),
        "claimant": unpublished.claimant,
        "editor": editor,
    }


def anonymous_paths(desk) -> list[str]:
    published, unpublished = desk["published"].pk, desk["unpublished"].pk
    paths = ["/", "/api/claims/", "/api/claimreview/", "/api/incidents/", "/api/claimants/"]
    for claim in (published, unpublished):
        paths += [
            f"/api/claims/{claim}/",
            f"/api/claims/{claim}/history/",
            f"/api/claims/{claim}/conflicts/",
            f"/api/claims/{claim}/claimreview/",
            f"/factchecks/{claim}/",
        ]
    return [
        *paths,
        "/api/claims/?status=confirmed",
        "/api/claims/?status=false",
        "/api/claims/?has_conflict=true",
        "/api/claims/search/?q=Police",
        "/api/claims/?search=Police",
        "/api/articles/",
        f"/api/articles/{desk['article'].pk}/",
        f"/api/incidents/{desk['incident'].pk}/",
        f"/api/claimants/{desk['claimant'].pk}/",
        "/api/reviews/",
        f"/api/reviews/{desk['review'].pk}/",
        "/api/claims/?assignee=" + USERNAME,
        "/api/claims/?publication=draft",
    ]


SECRETS = [NOTE[:18], DRAFT_NOTE[:19], USERNAME, EDITOR, "Unpublished rationale", "Draft rationale"]


def test_no_anonymous_answer_holds_a_note_a_username_or_an_unpublished_verdict(desk):
    client = Client()
    answered = {}
    for path in anonymous_paths(desk):
        response = client.get(path)
        answered[path] = response.status_code
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, f"{path} ({response.status_code}) shows {secret!r}"
    # The published verdict is there, the unpublished confirmation is not.
    assert answered["/"] == 200
    assert answered[f"/factchecks/{desk['published'].pk}/"] == 200
    assert answered[f"/factchecks/{desk['unpublished'].pk}/"] == 404
    assert answered["/api/reviews/"] == 401
    assert answered["/api/claims/?assignee=" + USERNAME] == 400
    assert answered["/api/claims/?publication=draft"] == 400
    assert RATIONALE in client.get(f"/factchecks/{desk['published'].pk}/").content.decode()


def test_anonymous_status_filter_and_counts_see_only_published_verdicts(desk):
    client = Client()
    confirmed = client.get("/api/claims/?status=confirmed").json()["results"]
    assert confirmed == []
    disputed = client.get("/api/claims/?status=disputed").json()["results"]
    assert [row["id"] for row in disputed] == [desk["published"].pk]
    unverified = client.get("/api/claims/?status=unverified").json()["results"]
    assert desk["unpublished"].pk in [row["id"] for row in unverified]
    record = client.get(f"/api/claimants/{desk['claimant'].pk}/").json()["track_record"]
    assert (record["confirmed"], record["unverified"]) == (0, 1)
    incident = client.get(f"/api/incidents/{desk['incident'].pk}/").json()
    assert incident["statuses"]["confirmed"] == 0
    assert incident["statuses"]["disputed"] == 1
    figures = [figure["status"] for o in incident["outcomes"] for figure in o["figures"]]
    assert sorted(figures) == ["disputed", "unverified"]


def test_readers_with_a_token_see_everything(desk, api):
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(desk['editor'])}")
    listed = api.get("/api/claims/").content.decode()
    assert NOTE[:18] in listed and DRAFT_NOTE[:19] in listed and USERNAME in listed
    reviews = api.get("/api/reviews/")
    assert reviews.status_code == 200 and USERNAME in reviews.content.decode()
    history = api.get(f"/api/claims/{desk['published'].pk}/history/").json()
    assert [(entry["action"], entry["note"]) for entry in history] == [
        ("reviewed", NOTE),
        ("published", ""),
        ("reviewed", DRAFT_NOTE),
        ("assigned", ""),
    ]
    assert all(entry["reviewer"] in (USERNAME, EDITOR) for entry in history)
    mine = api.get("/api/claims/?status=confirmed").json()["results"]
    assert [row["id"] for row in mine] == [desk["unpublished"].pk]
    drafts = api.get("/api/claims/?publication=draft").json()["results"]
    assert {row["id"] for row in drafts} == {desk["published"].pk, desk["unpublished"].pk}
