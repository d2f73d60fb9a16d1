"""Reading claims, articles, claimants and reviews through /api/: shape, filters, pages."""

import datetime

import pytest
from django.utils import timezone

from claims import spec
from claims.models import Claim
from claims.services.review import review_claim
from tests.factories import (
    ArticleFactory,
    ClaimantFactory,
    ClaimFactory,
    IncidentFactory,
    OutletFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signed_in_reader")]


# The claim's own fields (claims.spec; the incident is not shown), then where it stands.
CLAIM_FIELDS = {
    "id",
    *(field.name for field in spec.FIELDS if field.name != "incident"),
    *("count_display", "status", "version", "origin", "extractor_version", "rejection_reason"),
    *("has_conflict", "updated_at"),
    *("assignee", "awaiting_publication", "publication", "verdict", "withdrawal"),
    "last_review",
    *("mentions", "subcount", "superseded_by", "same_as"),
}


def listed_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def contradicting_pair():
    """The seed's shape: the military says 0 civilians died, an elder says 3 people."""
    body = "The military said no civilians died. An elder said three people were killed there."
    article = ArticleFactory(body=body, title="Strike near Jalalabad")
    incident = IncidentFactory()
    military = ClaimFactory(
        article=article,
        incident=incident,
        claimant=ClaimantFactory(name="US military", kind="military"),
        start=18,
        end=35,
        text=body[18:35],
        count_min=0,
        count_max=0,
        group="civilians",
    )
    elder = ClaimFactory(
        article=article,
        incident=incident,
        claimant=ClaimantFactory(name="community elder"),
        start=51,
        end=81,
        text=body[51:81],
        count_min=3,
        count_max=3,
        group="people",
        attribution="An elder",
    )
    return military, elder


def test_claim_list_shows_every_documented_field(api, reviewer):
    claim = ClaimFactory(claimant=ClaimantFactory(name="Red Crescent", role="spokesman"))
    review_claim(claim_id=claim.pk, status="confirmed", note="Morgue list", reviewer=reviewer)

    row = api.get("/api/claims/").json()["results"][0]

    assert set(row) == CLAIM_FIELDS
    assert row["article"] == {
        "id": claim.article.pk,
        "title": claim.article.title,
        "url": claim.article.url,
    }
    assert row["claimant"]["name"] == "Red Crescent"
    assert set(row["claimant"]) == {"id", "name", "kind", "role"}
    assert (row["status"], row["version"], row["count_display"]) == ("confirmed", 2, "3")
    assert row["last_review"] == {
        "from_status": "unverified",
        "to_status": "confirmed",
        "note": "Morgue list",
        "rationale": "",
        "evidence_urls": [],
        "evidence": [],
        "reviewer": reviewer.username,
        "created_at": row["last_review"]["created_at"],
    }


def test_unreviewed_claim_has_null_last_review_and_claimant(api):
    ClaimFactory()
    row = api.get("/api/claims/").json()["results"][0]
    assert row["last_review"] is None
    assert row["claimant"] is None


def test_last_review_is_the_newest_one(api, reviewer):
    claim = ClaimFactory()
    review_claim(claim_id=claim.pk, status="in_review", note="Looking", reviewer=reviewer)
    review_claim(claim_id=claim.pk, status="disputed", note="Two sources", reviewer=reviewer)
    row = api.get(f"/api/claims/{claim.pk}/").json()
    assert row["last_review"]["to_status"] == "disputed"
    assert row["last_review"]["from_status"] == "in_review"


def test_claim_detail_sends_its_version_as_etag(api, reviewer):
    claim = ClaimFactory()
    review_claim(claim_id=claim.pk, status="confirmed", note="ok", reviewer=reviewer)
    response = api.get(f"/api/claims/{claim.pk}/")
    assert response.status_code == 200
    assert response.headers["ETag"] == '"2"'
    assert response.json()["version"] == 2


def test_unknown_claim_is_a_json_404(api):
    response = api.get("/api/claims/999999/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_unknown_api_path_is_a_json_404(api):
    response = api.get("/api/claims/not-a-number/")
    assert response.status_code == 404
    assert "No API endpoint" in response.json()["detail"]


def test_missing_trailing_slash_gets_a_hint(api):
    response = api.get("/api/claims")
    assert response.status_code == 404
    assert "/api/claims/" in response.json()["detail"]


def test_status_filter_takes_comma_separated_values(api):
    confirmed = ClaimFactory(status="confirmed")
    disputed = ClaimFactory(status="disputed")
    ClaimFactory(status="false")
    ids = listed_ids(api.get("/api/claims/?status=confirmed,disputed"))
    assert sorted(ids) == sorted([confirmed.pk, disputed.pk])


def test_status_filter_takes_repeated_values(api):
    confirmed = ClaimFactory(status="confirmed")
    disputed = ClaimFactory(status="disputed")
    ClaimFactory()
    ids = listed_ids(api.get("/api/claims/?status=confirmed&status=disputed"))
    assert sorted(ids) == sorted([confirmed.pk, disputed.pk])


def test_unknown_status_filter_is_400_naming_the_allowed_values(api):
    response = api.get("/api/claims/?status=confirmed,maybe")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "maybe" in detail and "unverifiable" in detail


def test_kind_and_outcome_filters(api):
    killed = ClaimFactory(outcome="killed")
    injured = ClaimFactory(outcome="injured")
    statement = ClaimFactory(kind="statement", outcome="", count_min=None)
    assert listed_ids(api.get("/api/claims/?outcome=injured")) == [injured.pk]
    assert listed_ids(api.get("/api/claims/?kind=statement")) == [statement.pk]
    assert sorted(listed_ids(api.get("/api/claims/?kind=casualty&outcome=killed,injured"))) == (
        sorted([killed.pk, injured.pk])
    )


def test_article_claimant_and_outlet_filters(api):
    outlet = OutletFactory()
    in_outlet = ClaimFactory(article=ArticleFactory(outlet=outlet))
    claimant = ClaimantFactory()
    by_claimant = ClaimFactory(claimant=claimant)
    ClaimFactory()
    assert listed_ids(api.get(f"/api/claims/?outlet={outlet.pk}")) == [in_outlet.pk]
    assert listed_ids(api.get(f"/api/claims/?claimant={claimant.pk}")) == [by_claimant.pk]
    article_id = by_claimant.article_id
    assert listed_ids(api.get(f"/api/claims/?article={article_id}")) == [by_claimant.pk]


def test_updated_since_filter(api):
    old = ClaimFactory()
    new = ClaimFactory()
    long_ago = timezone.now() - datetime.timedelta(days=3)
    Claim.objects.filter(pk=old.pk).update(updated_at=long_ago)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert listed_ids(api.get("/api/claims/", {"updated_since": since})) == [new.pk]


def test_malformed_updated_since_is_400(api):
    response = api.get("/api/claims/?updated_since=yesterday")
    assert response.status_code == 400
    assert "updated_since" in response.json()["detail"]


def test_has_conflict_filter_and_flag(api):
    military, elder = contradicting_pair()
    calm = ClaimFactory()
    assert sorted(listed_ids(api.get("/api/claims/?has_conflict=true"))) == sorted(
        [military.pk, elder.pk]
    )
    assert listed_ids(api.get("/api/claims/?has_conflict=false")) == [calm.pk]
    row = api.get(f"/api/claims/{military.pk}/").json()
    assert row["has_conflict"] is True


def test_search_looks_in_text_attribution_claimant_and_article_title(api):
    military, elder = contradicting_pair()
    other = ClaimFactory(article=ArticleFactory(title="Flooding in Sindh"))
    assert sorted(listed_ids(api.get("/api/claims/?search=civilians"))) == [military.pk]
    assert listed_ids(api.get("/api/claims/?search=an elder")) == [elder.pk]
    assert listed_ids(api.get("/api/claims/?search=US military")) == [military.pk]
    assert listed_ids(api.get("/api/claims/?search=sindh")) == [other.pk]


def test_default_order_is_most_recently_changed_first(api, reviewer):
    first = ClaimFactory()
    second = ClaimFactory()
    review_claim(claim_id=first.pk, status="confirmed", note="ok", reviewer=reviewer)
    assert listed_ids(api.get("/api/claims/")) == [first.pk, second.pk]


def test_ordering_by_id(api):
    claims = [ClaimFactory() for _ in range(3)]
    ids = [claim.pk for claim in claims]
    assert listed_ids(api.get("/api/claims/?ordering=id")) == ids
    assert listed_ids(api.get("/api/claims/?ordering=-id")) == ids[::-1]


def test_cursor_pages_neither_skip_nor_repeat_while_claims_change(api, reviewer):
    claims = [ClaimFactory() for _ in range(7)]
    same_time = timezone.now() - datetime.timedelta(hours=1)
    Claim.objects.update(updated_at=same_time)  # ties on updated_at are broken by id

    first_page = api.get("/api/claims/?page_size=3").json()
    # A claim on a later page changes: it moves to the front, past the reader's cursor.
    review_claim(claim_id=claims[0].pk, status="false", note="Fabricated", reviewer=reviewer)
    seen = [row["id"] for row in first_page["results"]]
    url = first_page["next"]
    while url:
        page = api.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]

    assert len(seen) == len(set(seen)), "a claim was listed twice"
    # Every claim that did not change is listed exactly once; the changed one is now
    # before the cursor (the next read from the top shows it first).
    assert set(seen) == {claim.pk for claim in claims[1:]}
    assert listed_ids(api.get("/api/claims/?page_size=1")) == [claims[0].pk]


def test_page_size_is_capped(api):
    response = api.get("/api/claims/?page_size=100000")
    assert response.status_code == 200


def test_history_lists_every_review_oldest_first(api, reviewer):
    claim = ClaimFactory()
    for status in ("in_review", "disputed", "false"):
        review_claim(claim_id=claim.pk, status=status, note=f"now {status}", reviewer=reviewer)
    response = api.get(f"/api/claims/{claim.pk}/history/")
    assert response.status_code == 200
    history = response.json()
    assert [review["to_status"] for review in history] == ["in_review", "disputed", "false"]
    assert [review["version"] for review in history] == [2, 3, 4]
    assert history[0]["reviewer"] == reviewer.username


def test_history_of_unreviewed_claim_is_empty(api):
    claim = ClaimFactory()
    response = api.get(f"/api/claims/{claim.pk}/history/")
    assert (response.status_code, response.json()) == (200, [])


def test_history_of_unknown_claim_is_404(api):
    assert api.get("/api/claims/999999/history/").status_code == 404


def test_conflicts_lists_the_contradicting_claims(api):
    military, elder = contradicting_pair()
    response = api.get(f"/api/claims/{military.pk}/conflicts/")
    assert response.status_code == 200
    rows = response.json()
    assert [row["id"] for row in rows] == [elder.pk]
    assert set(rows[0]) == CLAIM_FIELDS
    assert rows[0]["has_conflict"] is True


def test_conflicts_of_claim_without_any_is_empty(api):
    claim = ClaimFactory()
    response = api.get(f"/api/claims/{claim.pk}/conflicts/")
    assert (response.status_code, response.json()) == (200, [])


def test_conflicts_of_unknown_claim_is_404(api):
    assert api.get("/api/claims/999999/conflicts/").status_code == 404


def test_article_list_is_newest_first_without_bodies(api):
    older = ArticleFactory()
    newer = ArticleFactory(outlet=OutletFactory(name="Reuters"))
    rows = api.get("/api/articles/").json()["results"]
    assert [row["id"] for row in rows] == [newer.pk, older.pk]
    assert "body" not in rows[0]
    assert rows[0]["outlet"]["name"] == "Reuters"


def test_article_detail_includes_body_and_claims_in_reading_order(api):
    military, elder = contradicting_pair()
    response = api.get(f"/api/articles/{military.article_id}/")
    assert response.status_code == 200
    article = response.json()
    assert article["body"] == military.article.body
    assert [claim["id"] for claim in article["claims"]] == [military.pk, elder.pk]
    assert set(article["claims"][0]) == CLAIM_FIELDS


def test_article_filters(api):
    outlet = OutletFactory()
    mine = ArticleFactory(outlet=outlet, title="Kabul airport blast")
    ArticleFactory()
    assert listed_ids(api.get(f"/api/articles/?outlet={outlet.pk}")) == [mine.pk]
    assert listed_ids(api.get("/api/articles/?search=airport")) == [mine.pk]


def test_unknown_article_is_404(api):
    assert api.get("/api/articles/999999/").status_code == 404


def test_claimants_list_detail_and_filters(api):
    elder = ClaimantFactory(name="community elder", kind="person")
    army = ClaimantFactory(name="US military", kind="military")
    assert sorted(listed_ids(api.get("/api/claimants/"))) == sorted([elder.pk, army.pk])
    assert listed_ids(api.get("/api/claimants/?kind=military")) == [army.pk]
    assert listed_ids(api.get("/api/claimants/?search=elder")) == [elder.pk]
    detail = api.get(f"/api/claimants/{army.pk}/").json()
    assert (detail["name"], detail["kind"]) == ("US military", "military")
    assert api.get("/api/claimants/999999/").status_code == 404


def test_reviews_list_detail_and_filters(api, reviewer):
    one, two = ClaimFactory(), ClaimFactory()
    review_claim(claim_id=one.pk, status="confirmed", note="ok", reviewer=reviewer)
    review_claim(claim_id=two.pk, status="false", note="no", reviewer=reviewer)
    rows = api.get("/api/reviews/").json()["results"]
    assert [row["claim"] for row in rows] == [two.pk, one.pk]
    assert listed_ids(api.get(f"/api/reviews/?claim={one.pk}")) == [rows[1]["id"]]
    assert listed_ids(api.get("/api/reviews/?to_status=false")) == [rows[0]["id"]]
    assert len(listed_ids(api.get(f"/api/reviews/?reviewer={reviewer.username}"))) == 2
    detail = api.get(f"/api/reviews/{rows[0]['id']}/").json()
    assert (detail["to_status"], detail["reviewer"]) == ("false", reviewer.username)


def test_previous_links_walk_back_over_the_same_rows(api):
    claims = [ClaimFactory() for _ in range(5)]
    Claim.objects.update(updated_at=timezone.now())  # one bulk change: all tied
    pages = [api.get("/api/claims/?page_size=2").json()]
    while pages[-1]["next"]:
        pages.append(api.get(pages[-1]["next"]).json())
    forward = [[row["id"] for row in page["results"]] for page in pages]
    assert sum(forward, []) == [claim.pk for claim in reversed(claims)]

    back = api.get(pages[-1]["previous"]).json()
    assert [row["id"] for row in back["results"]] == forward[-2]
    first = api.get(back["previous"]).json()
    assert [row["id"] for row in first["results"]] == forward[0]
    assert first["previous"] is None


def test_invalid_cursor_is_400(api):
    response = api.get("/api/claims/?cursor=not-a-cursor")
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]
