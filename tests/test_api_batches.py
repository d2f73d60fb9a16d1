"""POST /api/batches/: many articles ingested in the background, progress visible."""

import pytest

from claims.models import IngestItem
from sources.models import Article

pytestmark = pytest.mark.django_db

ARTICLES = [
    {"title": "Bus crash", "body": "Five people were killed when a bus overturned, police said."},
    {"title": "Flood", "body": "At least 12 people are missing after the flood, officials said."},
    {"title": "Empty", "body": "   "},
]


def post_batch(api, articles, capture):
    """Tasks are queued on commit; the test's transaction never commits, so run them here."""
    with capture(execute=True):
        return api.post("/api/batches/", {"articles": articles}, format="json")


def test_staff_batch_is_accepted_and_each_article_accounted_for(
    api, staff, django_capture_on_commit_callbacks
):
    api.force_authenticate(staff)
    response = post_batch(api, ARTICLES, django_capture_on_commit_callbacks)
    assert response.status_code == 202, response.content
    batch = response.json()
    assert (batch["total"], batch["failed"]) == (3, 1)
    assert batch["failures"][0]["error"] == "The article body is empty."
    followed = api.get(response.headers["Location"]).json()
    assert (followed["done"], followed["pending"], followed["created_articles"]) == (2, 0, 2)
    assert Article.objects.count() == 2


def test_same_batch_twice_creates_no_new_articles(api, staff, django_capture_on_commit_callbacks):
    api.force_authenticate(staff)
    post_batch(api, ARTICLES[:2], django_capture_on_commit_callbacks)
    again = post_batch(api, ARTICLES[:2], django_capture_on_commit_callbacks)
    followed = api.get(again.headers["Location"]).json()
    assert (followed["done"], followed["created_articles"]) == (2, 0)
    assert Article.objects.count() == 2


@pytest.mark.parametrize("who", ["anonymous", "user", "reviewer"])
def test_only_staff_start_or_see_batches(api, who, user, reviewer):
    if who != "anonymous":
        api.force_authenticate({"user": user, "reviewer": reviewer}[who])
    expected = 401 if who == "anonymous" else 403
    assert api.post("/api/batches/", {"articles": ARTICLES}, format="json").status_code == expected
    assert api.get("/api/batches/").status_code == expected
    assert not IngestItem.objects.exists()


def test_empty_or_malformed_batches_are_refused(api, staff):
    api.force_authenticate(staff)
    assert api.post("/api/batches/", {"articles": []}, format="json").status_code == 400
    malformed = api.post("/api/batches/", "{not json", content_type="application/json")
    assert malformed.status_code == 400
    assert not IngestItem.objects.exists()
