"""No N+1: each read costs a fixed number of queries whatever the number of rows."""

import pytest
from django.contrib.auth.models import User

from claims.models import Claim
from claims.services.curation import bulk_reject
from claims.services.review import bulk_review
from claims.services.tokens import issue_token
from tests.factories import ArticleFactory, ClaimantFactory, IncidentFactory, bulk_claims

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signed_in_reader")]


LIST_QUERIES = 1  # claims joined with article, claimant, conflict flag and latest review


@pytest.fixture
def busy_article(reviewer):
    """One article with 120 claims, each with a claimant, an incident and two reviews."""
    article = ArticleFactory(body="x" * 200)
    incident = IncidentFactory()
    claimants = [ClaimantFactory() for _ in range(4)]
    ids = bulk_claims(120, article, incident=incident, claimant=lambda i: claimants[i % 4])
    bulk_review(claim_ids=ids, status="in_review", note="Looking", reviewer=reviewer)
    bulk_review(claim_ids=ids, status="disputed", note="Sources differ", reviewer=reviewer)
    return article


def page(api, url):
    response = api.get(url)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("page_size", [10, 100])
def test_claim_list_runs_the_same_queries_for_10_or_100_rows(
    api, busy_article, page_size, django_assert_num_queries
):
    with django_assert_num_queries(LIST_QUERIES):
        rows = page(api, f"/api/claims/?page_size={page_size}")["results"]
    assert len(rows) == page_size
    assert all(row["last_review"]["to_status"] == "disputed" for row in rows)
    assert all(row["claimant"] is not None for row in rows)


def test_filtered_and_searched_list_is_still_one_query(
    api, busy_article, django_assert_num_queries
):
    url = "/api/claims/?status=disputed,false&has_conflict=true&search=x&page_size=100"
    with django_assert_num_queries(LIST_QUERIES):
        page(api, url)


def test_following_a_cursor_is_still_one_query(api, busy_article, django_assert_num_queries):
    next_url = page(api, "/api/claims/?page_size=50")["next"]
    with django_assert_num_queries(LIST_QUERIES):
        page(api, next_url)


def test_signed_in_token_read_adds_only_the_token_lookup(
    api, busy_article, reviewer, django_assert_num_queries
):
    api.force_authenticate(None)
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(reviewer)}")
    page(api, "/api/claims/?page_size=1")  # the token's first use is recorded (hourly)
    with django_assert_num_queries(LIST_QUERIES + 1):
        page(api, "/api/claims/?page_size=100")


def test_article_detail_with_all_its_claims_is_two_queries(
    api, busy_article, django_assert_num_queries
):
    with django_assert_num_queries(2):
        article = page(api, f"/api/articles/{busy_article.pk}/")
    assert len(article["claims"]) == 120


def test_conflicts_are_a_fixed_number_of_queries(api, busy_article, django_assert_num_queries):
    claim = Claim.objects.order_by("count_min").first()
    with django_assert_num_queries(2):
        rows = page(api, f"/api/claims/{claim.pk}/conflicts/")
    # The three other claimants' 90 claims, all with larger counts, and its own claimant's
    # other 29 in the same article (one source giving several figures at once).
    assert len(rows) == 119


def test_history_is_one_query(api, busy_article, django_assert_num_queries):
    claim = Claim.objects.first()
    with django_assert_num_queries(1):
        history = page(api, f"/api/claims/{claim.pk}/history/")
    assert len(history) == 2


@pytest.mark.parametrize("url", ["/api/articles/", "/api/claimants/", "/api/reviews/"])
def test_other_lists_are_one_query(api, busy_article, url, django_assert_num_queries):
    with django_assert_num_queries(1):
        page(api, f"{url}?page_size=100")


def test_review_write_is_a_fixed_number_of_queries(
    api, busy_article, reviewer, django_assert_max_num_queries
):
    api.force_authenticate(User.objects.get(pk=reviewer.pk))
    claim = Claim.objects.first()
    with django_assert_max_num_queries(12):
        response = api.post(
            f"/api/claims/{claim.pk}/review/",
            {"status": "false", "note": "Fabricated"},
            format="json",
            HTTP_IF_MATCH=f'"{claim.version}"',
        )
    assert response.status_code == 200


def test_rejected_list_is_one_query_and_leaves_the_default_list(
    api, busy_article, reviewer, django_assert_num_queries
):
    ids = list(Claim.objects.order_by("pk").values_list("pk", flat=True)[:30])
    Claim.objects.filter(pk__in=ids).update(status="in_review", awaiting_publication=False)
    bulk_reject(claim_ids=ids, reason="not_a_claim", note="Noise", editor=reviewer)
    with django_assert_num_queries(LIST_QUERIES):
        rejected = page(api, "/api/claims/?rejected=true&page_size=100")["results"]
    with django_assert_num_queries(LIST_QUERIES):
        listed = page(api, "/api/claims/?page_size=100")["results"]
    assert sorted(row["id"] for row in rejected) == ids
    assert not {row["id"] for row in listed} & set(ids)


def test_correction_is_a_fixed_number_of_queries(
    api, busy_article, reviewer, django_assert_max_num_queries
):
    api.force_authenticate(User.objects.get(pk=reviewer.pk))
    claim = Claim.objects.first()
    # 14 for the correction, and its incident's same-claim groups and matching facts
    # recomputed (a bounded number: two groups at most change, one incident).
    with django_assert_max_num_queries(18):
        response = api.post(
            f"/api/claims/{claim.pk}/correct/",
            {"count_min": 500, "note": "The article says 500"},
            format="json",
            HTTP_IF_MATCH=f'"{claim.version}"',
        )
    assert response.status_code == 200, response.json()
