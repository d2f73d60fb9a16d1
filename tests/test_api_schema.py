"""The OpenAPI schema documents every endpoint, including its error answers."""

import io

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/claims/": {"get"},
    "/api/claims/{id}/": {"get", "patch"},
    "/api/claims/{id}/review/": {"post"},
    "/api/claims/{id}/history/": {"get"},
    "/api/claims/{id}/conflicts/": {"get"},
    "/api/claims/bulk-review/": {"post"},
    "/api/articles/": {"get", "post"},
    "/api/articles/{id}/": {"get"},
    "/api/claimants/": {"get"},
    "/api/claimants/{id}/": {"get"},
    "/api/reviews/": {"get"},
    "/api/reviews/{id}/": {"get"},
    "/api/claims/search/": {"get"},
    "/api/claims/{id}/claimreview/": {"get"},
    "/api/claimreview/": {"get"},
    "/api/incidents/": {"get"},
    "/api/incidents/{id}/": {"get"},
    "/api/incidents/{id}/proposals/": {"get"},
    "/api/incidents/{id}/proposals/{proposal_id}/accept/": {"post"},
    "/api/incidents/{id}/proposals/{proposal_id}/reject/": {"post"},
    "/api/claims/{id}/review-group/": {"post"},
    "/api/claims/{id}/conflicts/{other_id}/dismiss/": {"post"},
    "/api/batches/": {"get", "post"},
    "/api/batches/{id}/": {"get"},
}


@pytest.fixture
def schema(api):
    response = api.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_schema_lists_every_endpoint_and_method(schema):
    documented = {
        path: {method for method in operations if method != "parameters"}
        for path, operations in schema["paths"].items()
    }
    assert documented == ENDPOINTS


def test_review_documents_if_match_etag_and_every_error(schema):
    review = schema["paths"]["/api/claims/{id}/review/"]["post"]
    assert {"200", "400", "401", "403", "404", "412"} <= set(review["responses"])
    assert "If-Match" in {param["name"] for param in review["parameters"]}
    assert "ETag" in review["responses"]["200"]["headers"]
    stale = review["responses"]["412"]["content"]["application/json"]["schema"]["$ref"]
    assert stale.endswith("/StaleVersionError")


def test_every_operation_documents_its_errors(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "403"} <= codes, f"{method.upper()} {path} lacks 401/403"
            if "{id}" in path:
                assert "404" in codes, f"{method.upper()} {path} lacks 404"
            if method in {"post", "patch"}:
                assert "400" in codes, f"{method.upper()} {path} lacks 400"


def test_token_authentication_is_documented(schema):
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert (scheme["in"], scheme["name"]) == ("header", "Authorization")


def test_statuses_are_one_named_enum(schema):
    assert schema["components"]["schemas"]["Status"]["enum"] == [
        "unverified",
        "in_review",
        "confirmed",
        "disputed",
        "false",
        "unverifiable",
    ]


def test_swagger_ui_is_served(api):
    response = api.get("/api/docs/")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


def test_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(target), stderr=io.StringIO()
    )
    assert "/api/claims/{id}/review/" in yaml.safe_load(target.read_text())["paths"]
