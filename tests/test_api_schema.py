"""The OpenAPI schema documents every endpoint, including its error answers."""

import io

import pytest
import yaml
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.module_data import module_fixture

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/claims/": {"get", "post"},
    "/api/claims/{id}/correct/": {"post"},
    "/api/claims/{id}/reject/": {"post"},
    "/api/claims/{id}/restore/": {"post"},
    "/api/claims/bulk-reject/": {"post"},
    "/api/claimants/{id}/rename/": {"post"},
    "/api/claimants/{id}/merge/": {"post"},
    "/api/claimants/{id}/split/": {"post"},
    "/api/extraction/quality/": {"get"},
    "/api/claims/{id}/": {"get", "patch"},
    "/api/claims/{id}/review/": {"post"},
    "/api/claims/{id}/history/": {"get"},
    "/api/claims/{id}/conflicts/": {"get"},
    "/api/claims/bulk-review/": {"post"},
    "/api/claims/{id}/publish/": {"post"},
    "/api/claims/{id}/unpublish/": {"post"},
    "/api/claims/{id}/assign/": {"post"},
    "/api/claims/bulk-assign/": {"post"},
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


def fetch_schema():
    response = APIClient().get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


schema = module_fixture(
    fetch_schema,
    "/api/schema/ as JSON, fetched once for the module: drawing it takes about 0.3 s and "
    "no test here changes it.",
)


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


def test_the_schema_is_generated_once_per_process_for_every_caller(api, superuser):
    first = api.get("/api/schema/?format=json")
    api.force_authenticate(superuser)
    again = api.get("/api/schema/?format=json")
    as_yaml = api.get("/api/schema/")
    assert again.data is first.data  # served from memory, not generated again
    assert again.content == first.content
    assert yaml.safe_load(as_yaml.content) == first.json()


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


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_request_bodies_are_json_only(schema):
    for path, method, operation in operations(schema):
        if "requestBody" in operation:
            content = set(operation["requestBody"]["content"])
            assert content == {"application/json"}, f"{method} {path}: {content}"


def test_nullable_references_are_written_the_3_1_way(schema):
    assert schema["openapi"].startswith("3.1")
    text = str(schema)
    assert "'nullable'" not in text, "3.0's nullable, which 3.1 validators ignore"
    claimant = schema["components"]["schemas"]["Claim"]["properties"]["claimant"]
    assert {"type": "null"} in claimant["oneOf"]


def test_reads_anyone_may_make_need_no_credentials_and_writes_do(schema):
    for path, method, operation in operations(schema):
        if path.startswith("/api/batches/"):
            assert operation.get("security"), f"{method} {path} is staff only"
        elif path.startswith("/api/reviews/"):
            assert operation.get("security"), f"{method} {path} is for signed-in readers"
        elif path.endswith("/proposals/"):
            assert operation.get("security"), f"{method} {path} is for reviewers"
        elif method == "get":
            assert not operation.get("security"), f"{method} {path} is public"
        else:
            assert {"tokenAuth": []} in operation["security"], f"{method} {path}"


def test_ids_are_integers_in_paths_and_filters(schema):
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["name"] in {"id", "article", "claimant", "outlet", "claim"}:
                assert parameter["schema"]["type"] == "integer", f"{method} {path} {parameter}"


def test_every_operation_declares_503_and_bodies_415_and_public_reads_429(schema):
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        assert "Retry-After" in responses["503"]["headers"], f"{method} {path}"
        if "requestBody" in operation:
            assert "415" in responses, f"{method} {path}"
        if not operation.get("security"):
            assert "429" in responses, f"{method} {path}"


def test_stale_review_declares_412_with_the_current_etag(schema):
    for path in ("/api/claims/{id}/review/",):
        stale = schema["paths"][path]["post"]["responses"]["412"]
        assert "ETag" in stale["headers"]


def test_operation_ids_are_unique_and_stable(schema):
    ids = [operation["operationId"] for _, _, operation in operations(schema)]
    assert len(ids) == len(set(ids))
    assert {"claims_list", "claims_retrieve", "claims_review_create"} <= set(ids)
    assert {"claims_bulk_review_create", "claims_history_list"} <= set(ids)
