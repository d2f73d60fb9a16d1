"""The reviewer's pages in pinned query counts: the rows of a list (with their sentence,
claimant, article, outlet and conflict flag) come in one query, whatever their number.

Counts include the session, user and permission lookups every admin page makes, the
changelist's two counts and the date hierarchy's two queries."""

import pytest
from django.urls import reverse

from claims.services.review import review_claim
from tests.factories import ArticleFactory, ClaimantFactory, ClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_client(client, staff_reviewer):
    client.force_login(staff_reviewer)
    return client


def add_claims(count, *, claimant, reviewer):
    incident = IncidentFactory()
    for number in range(count):
        claim = ClaimFactory(
            article=ArticleFactory(),
            incident=incident,
            claimant=claimant if number % 2 else ClaimantFactory(),
            count_min=number,
        )
        review_claim(claim_id=claim.pk, status="in_review", note="Queued.", reviewer=reviewer)
    return claim


@pytest.mark.parametrize(
    "page, queries",
    [
        ("claim_list", 10),
        ("claim_list_filtered", 10),
        ("review_log", 10),
        ("claimant_page", 7),
        ("decision_panel", 14),
    ],
)
def test_reviewer_pages_run_a_fixed_number_of_queries(
    reviewer_client, staff_reviewer, django_assert_num_queries, page, queries
):
    claimant = ClaimantFactory(name="Malik Adib")
    claim = add_claims(4, claimant=claimant, reviewer=staff_reviewer)
    url = {
        "claim_list": reverse("admin:claims_claim_changelist"),
        "claim_list_filtered": reverse("admin:claims_claim_changelist")
        + "?claimant_name=adib&conflict=yes&status__exact=in_review",
        "review_log": reverse("admin:claims_review_changelist"),
        "claimant_page": reverse("admin:sources_claimant_change", args=[claimant.pk]),
        "decision_panel": reverse("admin:claims_claim_panel", args=[claim.pk]),
    }[page]
    reviewer_client.get(url)  # warm the content-type cache
    with django_assert_num_queries(queries):
        assert reviewer_client.get(url).status_code == 200

    add_claims(30, claimant=claimant, reviewer=staff_reviewer)
    with django_assert_num_queries(queries):
        assert reviewer_client.get(url).status_code == 200
