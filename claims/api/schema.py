"""The API's schema vocabulary in one place: the answers and headers the views' drf-spectacular
decorations share, how to sign in, and one named enum per choice set."""

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from claims.api.serializers import (
    ClaimSerializer,
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
NOT_REVIEWER = error_response("Only reviewers (permission claims.review_claim) change statuses.")
NOT_STAFF = error_response("Only staff ingest articles.")
NOT_FOUND = error_response("No such object.")
THROTTLED = error_response("Too many anonymous requests; retry after the Retry-After seconds.")
STALE = error_response(
    "The claim changed since you read it: If-Match (or version) is stale. Nothing changed; "
    "the response's ETag is the current version.",
    StaleVersionErrorSerializer,
)

READ_ERRORS = {400: BAD_REQUEST, 401: UNAUTHENTICATED, 403: READ_FORBIDDEN, 429: THROTTLED}
DETAIL_ERRORS = {401: UNAUTHENTICATED, 403: READ_FORBIDDEN, 404: NOT_FOUND, 429: THROTTLED}

ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    description='The claim\'s version in quotes, e.g. "3". Send it back as If-Match.',
    response=[200],
)
IF_MATCH_HEADER = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description='The ETag from your last GET, e.g. "3". Stale → 412, nothing changes. '
    "Optional: without it, `version` in the body is checked; with neither, the review "
    "applies to the current version.",
)

REVIEW_SCHEMA = extend_schema(
    request=ReviewRequestSerializer,
    parameters=[IF_MATCH_HEADER, ETAG_HEADER],
    responses={
        200: ClaimSerializer,
        400: BAD_REQUEST,
        401: UNAUTHENTICATED,
        403: NOT_REVIEWER,
        404: NOT_FOUND,
        412: STALE,
    },
)


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
