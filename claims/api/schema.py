"""The API's schema vocabulary in one place: the answers and headers the views' drf-spectacular
decorations share, how to sign in, one named enum per choice set, and the answers every
operation can give (429, 503, 415), so that a client generated from /api/schema/ works.

What generated clients needed (openapi-python-client, openapi-core; tests/test_generated_client.py):
request bodies in JSON only (every parser was advertised, so clients sent multipart with
fields doubled), OpenAPI 3.1 nulls (3.0's ``allOf`` + ``nullable`` made openapi-core reject
null references), anonymous reads marked as such, integer ids.
"""

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.permissions import SAFE_METHODS

from claims.api.serializers import (
    MAX_ID,
    ClaimSerializer,
    ConflictErrorSerializer,
    ErrorSerializer,
    ReviewRequestSerializer,
    StaleVersionErrorSerializer,
)


class HashedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "claims.api.authentication.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Send "Token <key>" (from `manage.py create_reviewer`).',
        }


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    """One component per choice set (``Status``, ``ClaimKind``…) instead of one per field."""

    target_class = "claims.api.serializers.NamedChoiceField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        component = ResolvedComponent(
            name=field.enum_name,
            type=ResolvedComponent.SCHEMA,
            object=field.enum_name,
            schema={
                "type": "string",
                "enum": list(field.choices),
                "description": "\n".join(
                    f"* `{value}` - {label}" for value, label in field.choices.items()
                ),
            },
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


def error_response(description: str, serializer=ErrorSerializer) -> OpenApiResponse:
    return OpenApiResponse(response=serializer, description=description)


BAD_REQUEST = error_response("Invalid request: malformed JSON, unknown value or bad field.")
UNAUTHENTICATED = error_response("No valid credentials (Token or session) were given.")
READ_FORBIDDEN = error_response(
    "Signed in but not allowed (reads need a login when API_REQUIRE_LOGIN)."
)
NOT_REVIEWER = error_response(
    "Only reviewers (permission claims.review_claim) review and curate claims."
)
NOT_STAFF = error_response("Only staff ingest articles.")
NOT_FOUND = error_response("No such object.")
THROTTLED = error_response("Too many anonymous requests; retry after the Retry-After seconds.")
STALE = error_response(
    "The claim changed since you read it: If-Match (or version) is stale. Nothing changed; "
    "the response's ETag is the current version.",
    StaleVersionErrorSerializer,
)

CONFLICT = error_response(
    "Confirming would contradict a confirmed claim (listed in conflicting_claims); send "
    "acknowledge_conflict with a conflict_note to confirm anyway. Nothing changed.",
    ConflictErrorSerializer,
)
NOT_EDITOR = error_response(
    "Only editors publish and withdraw; with four eyes, not the reviewer who decided it."
)

# A reviewer's write (on the list, then on one object) besides its own answers.
WRITE_ERRORS = {400: BAD_REQUEST, 401: UNAUTHENTICATED, 403: NOT_REVIEWER}
ONE_WRITE_ERRORS = {**WRITE_ERRORS, 404: NOT_FOUND}
READ_ERRORS = {400: BAD_REQUEST, 401: UNAUTHENTICATED, 403: READ_FORBIDDEN, 429: THROTTLED}
DETAIL_ERRORS = {401: UNAUTHENTICATED, 403: READ_FORBIDDEN, 404: NOT_FOUND, 429: THROTTLED}

ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    description='The claim\'s version in quotes, e.g. "3" (on 412: the current one). Send '
    "it back as If-Match.",
    response=[200, 412],
)
IF_MATCH_HEADER = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description='The ETag from your last GET, e.g. "3", or a list ("3", "4"), or *. A tag '
    "that does not match (strong comparison: a weak W/ tag never does) → 412, nothing "
    "changes; a malformed header → 400. Optional: without it, `version` in the body is "
    "checked; with neither, the review applies to the current version.",
)

REVIEW_SCHEMA = extend_schema(
    request=ReviewRequestSerializer,
    parameters=[IF_MATCH_HEADER, ETAG_HEADER],
    responses={200: ClaimSerializer, **ONE_WRITE_ERRORS, 409: CONFLICT, 412: STALE},
)


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's, with reads that anyone may make declared without a security
    requirement. (A token is still accepted there; generators such as openapi-python-client
    demand credentials for any operation that lists one, even next to an anonymous ``{}``.)"""

    def get_auth(self):
        auths = super().get_auth()  # also registers the schemes with the components
        permissions = self.view.get_permissions()
        public = permissions and all(
            getattr(permission, "public_reads", False) for permission in permissions
        )
        return [] if public and self.method in SAFE_METHODS else auths


def _error_answer(description: str, *, retry_after: bool = False) -> dict:
    answer = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if retry_after:
        answer["headers"] = {
            "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
        }
    return answer


UNAVAILABLE_ANSWER = _error_answer(
    "The database is unavailable, busy, or another write holds the same data (`code` says "
    "which: unavailable, database_busy, lock_timeout, statement_timeout, write_conflict). "
    "Nothing changed; retry after Retry-After seconds.",
    retry_after=True,
)
THROTTLED_ANSWER = _error_answer(
    "Too many anonymous requests; retry after Retry-After seconds.", retry_after=True
)
UNSUPPORTED_ANSWER = _error_answer("The body is not JSON (send Content-Type: application/json).")


def _nulls_as_in_3_1(node) -> None:
    """OpenAPI 3.0's ``nullable: true`` (DRF's pagination schemas still write it) as 3.1's
    ``type: [..., "null"]``; 3.1 validators ignore ``nullable`` and reject the null."""
    if isinstance(node, dict):
        if node.pop("nullable", False) is True and isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
        for value in node.values():
            _nulls_as_in_3_1(value)
    elif isinstance(node, list):
        for value in node:
            _nulls_as_in_3_1(value)


def declare_common_answers(result, generator, request, public):
    """drf-spectacular postprocessing hook: what every operation may answer besides its own
    (503, 429 where anonymous clients come, 415 where a body is sent), integer ids in paths
    (ID_PATTERN made them strings), and 3.1 nulls throughout."""
    _nulls_as_in_3_1(result)
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation["responses"]
            responses.setdefault("503", UNAVAILABLE_ANSWER)
            if not operation.get("security"):  # anonymous clients, whom the throttle counts
                responses.setdefault("429", THROTTLED_ANSWER)
            if "requestBody" in operation:
                responses.setdefault("415", UNSUPPORTED_ANSWER)
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] == "id":
                    parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
    return result


def read_schema(listed, *, list_summary: str, retrieve_summary: str, description=None, detail=None):
    """The list and retrieve answers a read-only resource documents: ``listed`` items (its
    ``detail`` serializer for one, the same by default) or the read errors."""
    return extend_schema_view(
        list=extend_schema(
            summary=list_summary,
            description=description,
            responses={200: listed(many=True), **READ_ERRORS},
        ),
        retrieve=extend_schema(
            summary=retrieve_summary, responses={200: detail or listed, **DETAIL_ERRORS}
        ),
    )
