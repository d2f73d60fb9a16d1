"""Claim search through the API: ?search= filters the list; /search/ ranks."""

import pytest

from tests.factories import ArticleFactory, ClaimantFactory, ClaimFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signed_in_reader")]


@pytest.fixture
def claims():
    elder = ClaimFactory(
        article=ArticleFactory(title="Strike near Jalalabad", body="Villagers mourned."),
        claimant=ClaimantFactory(name="Malik Adib", role="community elder"),
    )
    other = ClaimFactory(article=ArticleFactory(title="Airport", body="Marines died."))
    return elder, other


def test_list_search_filters_claims(api, claims):
    elder, _ = claims
    results = api.get("/api/claims/", {"search": "Jalalabad"}).json()["results"]
    assert [row["id"] for row in results] == [elder.pk]


def test_ranked_search_returns_matches_with_rank(api, claims):
    elder, _ = claims
    results = api.get("/api/claims/search/", {"q": "elder"}).json()
    assert [row["id"] for row in results] == [elder.pk]
    assert "rank" in results[0]


@pytest.mark.parametrize(
    "query", [{}, {"q": "  "}, {"q": "x", "limit": "0"}, {"q": "x", "limit": "a"}]
)
def test_ranked_search_refuses_bad_parameters(api, query):
    assert api.get("/api/claims/search/", query).status_code == 400
