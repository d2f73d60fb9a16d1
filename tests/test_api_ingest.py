"""POST /api/articles/: staff ingest an article; the same text twice is one article."""

import pytest

from sources.models import Article

pytestmark = pytest.mark.django_db

URL = "/api/articles/"

BODY = (
    "The strike hit a car near Jalalabad on Saturday.\n\n"
    "A community elder said three people were killed, including two children.\n\n"
    '"We saw the car burn," a neighbour told Reuters.'
)

ARTICLE = {
    "title": "Drone strike near Jalalabad",
    "body": BODY,
    "url": "https://news.example/strike",
    "outlet": "Example News",
    "published_on": "2021-08-28",
}


def test_staff_ingest_returns_201_with_the_article_and_its_claims(api, staff):
    api.force_authenticate(staff)

    response = api.post(URL, ARTICLE, format="json")

    assert response.status_code == 201, response.content
    article = response.json()
    assert article["title"] == ARTICLE["title"]
    assert article["body"] == BODY
    assert article["outlet"]["name"] == "Example News"
    assert article["published_on"] == "2021-08-28"
    assert response.headers["Location"] == f"/api/articles/{article['id']}/"
    assert article["claims"], "the extractor found no claim in a casualty report"
    for claim in article["claims"]:
        assert BODY[claim["start"] : claim["end"]] == claim["text"]
        assert claim["article"]["id"] == article["id"]
    stored = Article.objects.get(pk=article["id"])
    assert stored.ingested_by == staff
    assert stored.claims.count() == len(article["claims"])


def test_same_text_again_returns_200_with_the_existing_article(api, staff):
    api.force_authenticate(staff)
    first = api.post(URL, ARTICLE, format="json").json()

    again = api.post(URL, {**ARTICLE, "title": "Another title"}, format="json")

    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert again.json()["claims"] == first["claims"]
    assert Article.objects.count() == 1


def test_only_body_is_required(api, staff):
    api.force_authenticate(staff)
    response = api.post(URL, {"body": BODY}, format="json")
    assert response.status_code == 201
    assert response.json()["title"] == BODY.split("\n", 1)[0]


def test_body_over_the_limit_is_400_saying_the_limit(api, staff, settings):
    settings.ARTICLE_MAX_BYTES = 100
    api.force_authenticate(staff)
    response = api.post(URL, {**ARTICLE, "body": "Word " * 100}, format="json")
    assert response.status_code == 400
    assert "limit is 100" in response.json()["detail"]
    assert not Article.objects.exists()


def test_request_far_over_the_limit_is_413_before_parsing(api, staff, settings):
    settings.ARTICLE_MAX_BYTES = 100
    api.force_authenticate(staff)
    response = api.post(URL, {**ARTICLE, "body": "Word " * 20_000}, format="json")
    assert response.status_code == 413
    assert "100 bytes" in response.json()["detail"]
    assert not Article.objects.exists()


def test_missing_body_is_400(api, staff):
    api.force_authenticate(staff)
    response = api.post(URL, {"title": "No text"}, format="json")
    assert response.status_code == 400
    assert "body" in response.json()["errors"]


def test_blank_body_is_400(api, staff):
    api.force_authenticate(staff)
    response = api.post(URL, {"body": "   \n  "}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_bad_url_is_400(api, staff):
    api.force_authenticate(staff)
    response = api.post(URL, {**ARTICLE, "url": "javascript:alert(1)"}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()["detail"]


def test_other_text_at_a_known_url_is_400(api, staff):
    api.force_authenticate(staff)
    api.post(URL, ARTICLE, format="json")
    response = api.post(URL, {**ARTICLE, "body": BODY + " Updated."}, format="json")
    assert response.status_code == 400
    assert ARTICLE["url"] in response.json()["detail"]


def test_bad_date_is_400(api, staff):
    api.force_authenticate(staff)
    response = api.post(URL, {**ARTICLE, "published_on": "last Tuesday"}, format="json")
    assert response.status_code == 400
    assert "published_on" in response.json()["detail"]


def test_malformed_json_is_400(api, staff):
    api.force_authenticate(staff)
    response = api.post(URL, '{"body": "unterminated', content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_anonymous_ingest_is_401(api):
    assert api.post(URL, ARTICLE, format="json").status_code == 401
    assert not Article.objects.exists()


def test_reviewer_who_is_not_staff_cannot_ingest(api, reviewer):
    api.force_authenticate(reviewer)
    response = api.post(URL, ARTICLE, format="json")
    assert response.status_code == 403
    assert "staff" in response.json()["detail"]
    assert not Article.objects.exists()


def test_plain_user_cannot_ingest(api, user):
    api.force_authenticate(user)
    assert api.post(URL, ARTICLE, format="json").status_code == 403


def test_articles_cannot_be_changed_or_deleted(api, staff):
    api.force_authenticate(staff)
    article = api.post(URL, ARTICLE, format="json").json()
    detail = f"{URL}{article['id']}/"
    assert api.patch(detail, {"title": "x"}, format="json").status_code == 405
    assert api.delete(detail).status_code == 405
