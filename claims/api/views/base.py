"""What the resources' views share: the id pattern in URLs and a claim's ETag.

The review contract: ``GET /api/claims/{id}/`` sends ``ETag: "<version>"``. A review sends
it back as ``If-Match``; if the claim has moved on, the answer is 412 and nothing changes.
Without If-Match, a ``version`` in the body is checked the same way; with neither, the
review applies to whatever the claim's current version is (last writer wins).
"""

from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from claims import selectors
from claims.api.pagination import NewestFirstCursorPagination
from claims.api.serializers import ClaimSerializer

# Ids in URLs: ASCII digits, at most 18 of them. A longer number is no id of ours (bigint
# stops at 19 digits) and SQLite cannot even bind it as a parameter (OverflowError, a 500),
# so such paths fall through to the JSON 404 for unknown endpoints.
ID_PATTERN = r"[0-9]{1,18}"


# Resources listed newest first, their ids matched as ID_PATTERN. (Comments, not docstrings:
# drf-spectacular would publish a docstring as each view's description.)
class NewestFirstViewSet(viewsets.GenericViewSet):
    lookup_value_regex = ID_PATTERN
    pagination_class = NewestFirstCursorPagination


class NewestFirstReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, NewestFirstViewSet):
    pass


def etag(claim) -> str:
    """A claim's ETag: its version, quoted. Takes a Claim or a ``claim_feed`` row."""
    version = claim["version"] if isinstance(claim, dict) else claim.version
    return f'"{version}"'


def if_match_version(request, body_version: int | None) -> int | None:
    """The version the client decided on: If-Match, else ``version`` from the body, else None.

    ``If-Match: *`` means any version. A header that is not one ETag we sent is refused
    with 400 rather than guessed at.
    """
    header = request.headers.get("If-Match")
    if header is None:
        return body_version
    tag = header.strip()
    if tag == "*":
        return body_version
    if tag.startswith("W/"):
        tag = tag[2:]
    tag = tag.strip('"')
    if not tag.isdigit() or int(tag) < 1:
        raise ValidationError(
            {"If-Match": [f'{header!r} is not an ETag from this API; send e.g. If-Match: "3".']}
        )
    version = int(tag)
    if body_version is not None and body_version != version:
        raise ValidationError(
            {"version": [f"The body says version {body_version} but If-Match says {version}."]}
        )
    return version


def claim_response(claim_id: int, *, status_code: int = status.HTTP_200_OK) -> Response:
    claim = selectors.claim_feed().get(pk=claim_id)
    return Response(ClaimSerializer(claim).data, status=status_code, headers={"ETag": etag(claim)})
