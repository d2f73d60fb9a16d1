"""A client generated from the served /api/schema/ by openapi-python-client runs a whole
review workflow, and every real answer validates against the schema with openapi-core.

Before: every write was advertised as JSON, form and multipart, so the generated client sent
multipart with fields doubled (evidence recorded twice, bulk review always 400), three
modules failed to import, and null references (``claimant``, ``outlet``, ``last_review``)
made openapi-core reject real answers.
"""

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from django.core.cache import cache
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse

from claims.models import Review
from claims.services.tokens import issue_token
from tests.factories import ArticleFactory, ClaimFactory, ReviewerFactory
from tests.reliability import ensure_reviewers_group

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
PACKAGE = "fc_client"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not GENERATOR.exists(), reason="openapi-python-client is not installed"),
]


@pytest.fixture
def generated_client(live_server, tmp_path, monkeypatch):
    """The package openapi-python-client generates from the live server's schema."""
    cache.clear()  # the anonymous throttle's counts from earlier tests in this process
    schema = requests.get(f"{live_server.url}/api/schema/?format=json", timeout=30).json()
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    (tmp_path / "config.yaml").write_text(
        f"package_name_override: {PACKAGE}\nproject_name_override: fc-client\npost_hooks: []\n"
    )
    result = subprocess.run(
        [GENERATOR, "generate", "--path", "schema.json", "--meta", "none"]
        + ["--output-path", PACKAGE, "--config", "config.yaml", "--fail-on-warning"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
        del sys.modules[name]
    yield schema, tmp_path / PACKAGE
    for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
        del sys.modules[name]
    shutil.rmtree(tmp_path / PACKAGE, ignore_errors=True)


def api_module(name: str):
    return importlib.import_module(f"{PACKAGE}.api.{name}")


def validate(openapi: OpenAPI, answer) -> None:
    """Check a real httpx answer (from the generated client) against the schema."""
    sent = answer.request
    request = requests.Request(
        sent.method, str(sent.url), headers=dict(sent.headers), data=sent.content or None
    )
    response = requests.Response()
    response.status_code = answer.status_code
    response._content = answer.content
    response.headers.update(answer.headers)
    openapi.validate_response(RequestsOpenAPIRequest(request), RequestsOpenAPIResponse(response))


def test_generated_client_runs_a_review_workflow_and_answers_match_the_schema(
    live_server, generated_client
):
    schema, package = generated_client
    ensure_reviewers_group()

    claims = [ClaimFactory(article=ArticleFactory(outlet=None), claimant=None) for _ in range(3)]
    article = claims[0].article
    token = issue_token(ReviewerFactory())

    every_module = sorted(package.glob("api/*/*.py"))
    for module in every_module:
        if module.stem != "__init__":
            api_module(f"{module.parent.name}.{module.stem}")  # each one imports

    client_module = importlib.import_module(PACKAGE)
    models = importlib.import_module(f"{PACKAGE}.models")
    raw_answers = []  # every httpx answer, with its request, to validate at the end

    def keep(answer):
        answer.read()
        raw_answers.append(answer)

    hooks = {"event_hooks": {"response": [keep]}}
    reviewer = client_module.AuthenticatedClient(
        base_url=live_server.url, token=token, prefix="Token", httpx_args=hooks
    )
    anonymous = client_module.Client(base_url=live_server.url, httpx_args=hooks)
    openapi = OpenAPI.from_dict(schema)

    def check(answer, status: int):
        assert answer.status_code == status, answer.content
        return answer

    claims_list = api_module("claims.claims_list")
    first = check(claims_list.sync_detailed(client=anonymous, page_size=2), 200).parsed
    assert len(first.results) == 2 and first.next_
    cursor = first.next_.split("cursor=")[1].split("&")[0]
    second = check(
        claims_list.sync_detailed(client=anonymous, page_size=2, cursor=cursor), 200
    ).parsed
    listed = {claim.id for claim in first.results + second.results}
    assert listed == {claim.pk for claim in claims}
    check(api_module("articles.articles_retrieve").sync_detailed(article.pk, client=anonymous), 200)

    target = claims[0].pk
    got = check(api_module("claims.claims_retrieve").sync_detailed(target, client=reviewer), 200)
    etag = got.headers["ETag"]
    assert got.parsed.last_review is None and got.parsed.claimant is None

    review = api_module("claims.claims_review_create")
    body = models.ReviewRequestRequest(
        status=models.Status.DISPUTED,
        note="The hospital counted more",
        evidence_urls=["https://hospital.example/list"],
    )
    reviewed = check(review.sync_detailed(target, client=reviewer, body=body, if_match=etag), 200)
    assert reviewed.headers["ETag"] == '"2"' and reviewed.parsed.version == 2
    stale = check(review.sync_detailed(target, client=reviewer, body=body, if_match=etag), 412)
    assert stale.headers["ETag"] == '"2"' and stale.parsed.current_version == 2

    bulk = api_module("claims.claims_bulk_review_create")
    bulk_body = models.BulkReviewRequestRequest(
        ids=[claim.pk for claim in claims], status=models.Status.CONFIRMED, note="Agreed"
    )
    done = check(bulk.sync_detailed(client=reviewer, body=bulk_body), 200)
    assert done.parsed.reviewed == 3

    history = check(
        api_module("claims.claims_history_list").sync_detailed(target, client=reviewer), 200
    ).parsed  # signed in: anonymous readers get only a published verdict's review
    assert [entry.to_status for entry in history] == ["disputed", "confirmed"]
    assert Review.objects.get(claim_id=target, version=2).evidence_urls == [
        "https://hospital.example/list"
    ]  # recorded once, not doubled by a multipart body

    assert len(raw_answers) == 8
    for answer in raw_answers:
        validate(openapi, answer)
