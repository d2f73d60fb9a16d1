"""Schemathesis fuzzes every operation of /api/schema/ as anonymous, reviewer and staff.

Requests go to the WSGI application in-process. For each answer: never a 5xx, the status
code is one the schema lists for the operation, and the body and content type match what the
schema says. A little of everything exists (claims, reviews, claimants, an incident with a
proposal, articles, a batch, a published verdict). A third of the drawn cases name those rows,
so that the fuzzer reaches past the 404 of an id that does not exist; corner cases (ids of
no row, paths with no route) go out every run, so fewer draws still meet every answer.
"""

import functools
import itertools
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st
from rest_framework.throttling import AnonRateThrottle
from schemathesis import GenerationMode

from claims.models import Claim, Incident, IncidentProposal, IngestBatch, Review
from claims.services.batches import create_ingest_batch
from claims.services.review import review_claim
from claims.services.tokens import issue_token
from factcheck.wsgi import application
from sources.incoming import IncomingArticle
from sources.models import Article, Claimant
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ReviewerFactory,
    StaffReviewerFactory,
    claims_about_one_incident,
    decide_and_publish,
)
from tests.module_data import module_fixture
from tests.reliability import ensure_reviewers_group, record

# Drawn cases per operation, besides its corner cases. 10, a third of them aimed at rows that
# exist, answer every status code (per operation and role) that 25 unaimed cases did, and
# 200 where those only ever met 404 (a claim's own pages, reviews, claimants, incidents);
# each case costs ~30 ms as the three roles.
EXAMPLES_PER_OPERATION = 10
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)


@functools.cache
def api_schema():
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


def operation_labels() -> list[str]:
    return [result.ok().label for result in api_schema().get_all_operations()]


@pytest.fixture
def in_test_transaction():
    """Keep Django's request signals from closing the test's connection, as its test client
    does: the real WSGI handler would close it mid-test (autocommit is off inside the test
    transaction), and every later request would run outside the fixtures' data."""
    signals = [request_started, request_finished]
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


def build_fuzz_data():
    ensure_reviewers_group()
    editor = StaffReviewerFactory()
    for claim in [ClaimFactory() for _ in range(3)]:
        review_claim(claim_id=claim.pk, status="confirmed", note="Seen", reviewer=editor)
    conflicting = claims_about_one_incident(
        "Zero killed, said one; three, said another.", (0, 4, 0), (23, 28, 3)
    )
    IncidentProposal.objects.create(
        incident=conflicting[0].incident, article=ArticleFactory(), score=0.5
    )
    create_ingest_batch(
        articles=[IncomingArticle(title="T", body="Officials said two people were killed.")],
        created_by=editor,
        source="api",
    )
    decide_and_publish(ClaimFactory(), editor)  # the last claim: its ClaimReview is public
    return {
        "tokens": {"reviewer": issue_token(ReviewerFactory()), "staff": issue_token(editor)},
        "rows": existing_rows(),
    }


# The rows a path's ids name: "id" is one of the collection the path starts with.
COLLECTIONS = {
    "claims": Claim,
    "claimants": Claimant,
    "articles": Article,
    "reviews": Review,
    "incidents": Incident,
    "batches": IngestBatch,
}
PARAMETER_ROWS = {"other_id": Claim, "proposal_id": IncidentProposal}


def existing_rows() -> dict:
    """The first and last id of each model a path names, and an article's text."""
    models = {*COLLECTIONS.values(), *PARAMETER_ROWS.values()}
    rows = {
        model: [ids[0], ids[-1]]
        for model in models
        if (ids := list(model.objects.order_by("pk").values_list("pk", flat=True)))
    }
    rows["article text"] = Article.objects.order_by("pk").first().body
    return rows


def naming_rows(body, rows: dict):
    """A positive body whose fields that name rows name ones that exist: the claims of a bulk
    decision, the text of an article already stored."""
    if isinstance(body, dict) and isinstance(body.get("ids"), list):
        return {**body, "ids": rows[Claim]}
    if isinstance(body, dict) and isinstance(body.get("body"), str):
        return {**body, "body": rows["article text"]}
    return body


def path_choices(operation, ids) -> list[list[tuple[str, object]]]:
    """For each path parameter, (name, value) for every value ``ids(model)`` gives."""
    collection = COLLECTIONS.get(operation.path.split("/")[2])
    return [
        [(parameter.name, pk) for pk in ids(PARAMETER_ROWS.get(parameter.name, collection))]
        for parameter in operation.path_parameters
    ]


def aimed_cases(operation, rows: dict):
    """Positive cases whose path ids (the first and the last row, every combination) and body
    name rows that exist."""
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=dict(combination))
        for combination in itertools.product(*path_choices(operation, rows.__getitem__))
    )

    def aim(case):
        case.body = naming_rows(case.body, rows)
        return case

    return cases.map(aim)


def corner_cases(operation, rows: dict) -> list:
    """Sent every run, whatever is drawn: each path id in turn one past the last row (no such
    row) and not an id at all (no route: a JSON 404 before anything else, even for anonymous
    writes), the other ids the first row; with an empty body where one is sent."""
    choices = path_choices(operation, rows.__getitem__)
    firsts = {values[0][0]: values[0][1] for values in choices}
    body = {"body": {}, "media_type": "application/json"} if len(operation.body) else {}
    cases = []
    for values in choices:
        name, last = values[-1]
        for wrong in (last + 1000, "x"):
            cases.append(operation.Case(path_parameters={**firsts, name: wrong}, **body))
    return cases


fuzz_world = module_fixture(
    build_fuzz_data,
    "A little of everything, so that ids resolve; the tokens of a reviewer and staff.",
)


@pytest.fixture
def fuzz_data(db, fuzz_world, monkeypatch, in_test_transaction):
    """No throttle: 429 is tested elsewhere, it would only hide what the fuzzer sends after
    the 120th anonymous request."""
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "1000000/minute")
    return fuzz_world


ROLES = ["anonymous", "reviewer", "staff"]


@pytest.mark.parametrize("label", operation_labels())
def test_fuzzed_requests_get_documented_answers_never_5xx(label, fuzz_data):
    """Each generated request goes out as every role in turn. With ``derandomize`` the cases
    are the same for every role, so drawing them once instead of once per role sends the
    same requests: drawing was three quarters of this file's time."""
    operation = api_schema().find_operation_by_label(label)
    strategy = st.one_of(
        aimed_cases(operation, fuzz_data["rows"]),
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )
    headers = {
        role: {"Authorization": f"Token {fuzz_data['tokens'][role]}"} if role != "anonymous" else {}
        for role in ROLES
    }
    statuses = {role: Counter() for role in ROLES}

    @given(case=strategy)
    def check(case):
        for role in ROLES:
            note(f"as {role}")
            response = case.call_and_validate(headers=headers[role], checks=CHECKS)
            statuses[role][response.status_code] += 1

    for case in corner_cases(operation, fuzz_data["rows"]):
        check = example(case=case)(check)
    FUZZ_SETTINGS(check)()
    for role in ROLES:
        record(
            "fuzz",
            f"{role} {label}",
            {
                "cases": sum(statuses[role].values()),
                "statuses": {str(k): v for k, v in statuses[role].items()},
            },
        )


# What the fuzzer found, pinned down as plain tests.

HUGE_ID = "9" * 23


@pytest.mark.parametrize("url", ["/api/claims/?search=a%00b", "/api/claims/search/?q=a%00b"])
def test_nul_character_in_a_search_is_400_not_500(api, url):
    response = api.get(url)
    assert response.status_code == 400, response.content
    assert "Null characters" in response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        f"/api/claims/{HUGE_ID}/",
        f"/api/claims/{HUGE_ID}/history/",
        f"/api/articles/{HUGE_ID}/",
        f"/api/reviews/{HUGE_ID}/",
    ],
)
def test_ids_too_large_for_a_bigint_are_404(api, url):
    response = api.get(url)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("query", [f"claim={HUGE_ID}", "claim=-1.5e%2B294", "claim=0"])
def test_id_filters_out_of_range_are_400(api, reviewer, query):
    api.force_authenticate(reviewer)  # the review log is for signed-in readers
    response = api.get(f"/api/reviews/?{query}")
    assert response.status_code == 400
    assert "claim" in response.json()["errors"]


def test_bulk_review_of_ids_too_large_for_a_bigint_is_400(api, reviewer):
    api.force_authenticate(reviewer)
    response = api.post(
        "/api/claims/bulk-review/",
        {"ids": [int(HUGE_ID)], "status": "confirmed", "note": "n"},
        format="json",
    )
    assert response.status_code == 400
    assert "positive integers" in response.json()["detail"]


def test_post_to_an_unknown_api_path_with_a_session_is_a_json_404(reviewer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post("/api/claims/not-an-id/review/", {"status": "confirmed"})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_api_path_with_a_newline_is_a_json_404(api, method):
    response = getattr(api, method)("/api/claims/a%0Ab/review/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_article_url_may_be_empty_in_the_schema(api):
    ClaimFactory()  # its article has no URL
    assert api.get("/api/articles/").json()["results"][0]["url"] == ""
    components = api_schema().raw_schema["components"]["schemas"]
    for name in ("Article", "ArticleDetail"):
        assert "format" not in components[name]["properties"]["url"], name
