"""A match in the band below the join threshold is proposed; reviewers accept or reject it
through the API (or the incident page), and the decision is recorded."""

import datetime
import json
from pathlib import Path

import pytest

from claims.models import Claim, ClaimChange, Incident, IncidentProposal
from claims.services.ingest import ingest_articles
from sources.incoming import IncomingArticle

pytestmark = pytest.mark.django_db

ARTICLES = {
    article["id"]: article
    for article in json.loads(
        (Path(__file__).parent / "incident_pairs" / "articles.json").read_text("utf-8")
    )
}


def ingest(key):
    article = ARTICLES[key]
    [result] = ingest_articles(
        [
            IncomingArticle(
                title=article["title"],
                body=article["body"],
                outlet=article["outlet"],
                published_on=datetime.date.fromisoformat(article["published_on"]),
            )
        ]
    )
    return result.article


def incident_of(article):
    return Claim.objects.filter(article=article, kind="casualty").values_list(
        "incident_id", flat=True
    )[0]


@pytest.fixture
def proposed():
    """Typhoon reports a day apart whose toll rose in between: no shared figure, so the
    score lands in the proposal band (about 0.47) instead of joining."""
    first, second = ingest("luzon-1"), ingest("luzon-2")
    assert incident_of(first) != incident_of(second)
    [proposal] = IncidentProposal.objects.all()
    assert proposal.incident_id == incident_of(first) and proposal.article == second
    return proposal


def test_reviewer_lists_the_proposals_with_what_they_share(api, reviewer, proposed):
    api.force_authenticate(reviewer)
    [row] = api.get(f"/api/incidents/{proposed.incident_id}/proposals/").json()
    assert row["state"] == "proposed" and row["article"]["id"] == proposed.article_id
    assert 0.35 <= row["score"] < 0.55
    assert "edgar posadas" in row["reasons"]["shared_claimants"]


def test_accepting_moves_the_article_and_records_the_decision(api, reviewer, proposed):
    api.force_authenticate(reviewer)
    left_behind = incident_of(proposed.article)
    url = f"/api/incidents/{proposed.incident_id}/proposals/{proposed.pk}/accept/"
    response = api.post(url, {"note": "Same typhoon, next day's toll"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["decided_by"], body["note"]) == (
        "accepted",
        reviewer.username,
        "Same typhoon, next day's toll",
    )
    assert body["decided_at"]
    assert incident_of(proposed.article) == proposed.incident_id
    assert not Incident.objects.filter(pk=left_behind).exists()
    moved = Claim.objects.filter(article=proposed.article, kind="casualty")
    for claim in moved:
        [change] = ClaimChange.objects.filter(claim=claim)
        assert (change.action, change.actor, change.changes) == (
            "incident_matched",
            reviewer,
            {"incident": [left_behind, proposed.incident_id]},
        )
    history = api.get(f"/api/claims/{moved[0].pk}/history/").json()
    assert [entry["action"] for entry in history] == ["incident_matched"]
    again = api.post(url, {"note": "twice"}, format="json")
    assert again.status_code == 400 and "already accepted" in again.json()["detail"]


def test_rejecting_records_and_moves_nothing(api, reviewer, proposed):
    api.force_authenticate(reviewer)
    own = incident_of(proposed.article)
    url = f"/api/incidents/{proposed.incident_id}/proposals/{proposed.pk}/reject/"
    assert api.post(url, {}, format="json").status_code == 200
    proposed.refresh_from_db()
    assert (proposed.state, proposed.decided_by) == ("rejected", reviewer)
    assert incident_of(proposed.article) == own
    assert set(ClaimChange.objects.values_list("action", flat=True)) == {"match_rejected"}


def test_only_reviewers_see_or_decide_proposals(api, user, proposed):
    base = f"/api/incidents/{proposed.incident_id}/proposals/"
    assert api.get(base).status_code in {401, 403}
    api.force_authenticate(user)
    assert api.get(base).status_code == 403
    assert api.post(f"{base}{proposed.pk}/accept/", {}, format="json").status_code == 403
    proposed.refresh_from_db()
    assert proposed.state == "proposed"


def test_a_proposal_of_another_incident_is_404(api, reviewer, proposed):
    api.force_authenticate(reviewer)
    other = incident_of(proposed.article)
    response = api.post(
        f"/api/incidents/{other}/proposals/{proposed.pk}/accept/", {}, format="json"
    )
    assert response.status_code == 404


def test_admin_incident_page_shows_proposals_timeline_and_accepts(client, staff_reviewer, proposed):
    client.force_login(staff_reviewer)
    page = client.get(f"/admin/claims/incident/{proposed.incident_id}/change/")
    html = page.content.decode()
    assert "Proposed matches (1)" in html and "<svg" in html and "circle" in html
    response = client.post(
        f"/admin/claims/incident/{proposed.incident_id}/proposals/{proposed.pk}/accept/",
        {"note": "same storm"},
    )
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert (proposed.state, proposed.note) == ("accepted", "same storm")
