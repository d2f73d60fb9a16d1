"""What the resources' views share: the id pattern in URLs and a claim's ETag.

The review contract: ``GET /api/claims/{id}/`` sends ``ETag: "<version>"`` (a strong tag). A
review sends it back as ``If-Match`` (RFC 9110: a list, ``*``, strong comparison); if the
claim has moved on, the answer is 412 with the current ETag and nothing changes.
Without If-Match, a ``version`` in the body is checked the same way; with neither, the
review applies to whatever the claim's current version is (last writer wins).
"""

import re

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


# One entity-tag of RFC 9110 §8.8.3: optional W/, then quoted etagc characters (any visible
# ASCII but '"', and obs-text), followed by a comma or the end of the header.
_ENTITY_TAG = re.compile(r'\s*(W/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)')


def if_match_versions(request, body_version: int | None) -> int | frozenset[int] | None:
    """The versions the client's precondition accepts, per RFC 9110 §13.1.1.

    None: no precondition (no If-Match, or ``*``, and no ``version`` in the body). A
    list of tags matches if any does, by strong comparison: a weak tag (``W/"3"``) or one
    that is not ours (``"abc"``) is well-formed but matches nothing, so the write answers
    412 with the current ETag. Only a malformed header is a 400.
    """
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return body_version
    versions, rest = set(), header.strip()
    if not rest:
        raise ValidationError({"If-Match": ['The If-Match header is empty; send e.g. "3".']})
    while rest:
        tag = _ENTITY_TAG.match(rest)
        if tag is None:
            raise ValidationError(
                {"If-Match": [f'{header!r} is not a list of entity-tags; send e.g. "3".']}
            )
        weak, opaque = tag.groups()
        if not weak and opaque.isascii() and opaque.isdigit():
            versions.add(int(opaque))
        rest = rest[tag.end() :]
    if body_version is not None:
        if body_version not in versions:
            raise ValidationError(
                {"version": [f"The body says version {body_version}, which If-Match does not."]}
            )
        return body_version
    return frozenset(versions)


def claim_response(claim_id: int, *, status_code: int = status.HTTP_200_OK) -> Response:
    """The claim as the list shows it, with its ETag. After a write, call it inside the
    write's transaction: read after the commit, it could carry a later writer's version."""
    claim = selectors.claim_feed(rejected=None).get(pk=claim_id)
    return Response(ClaimSerializer(claim).data, status=status_code, headers={"ETag": etag(claim)})
