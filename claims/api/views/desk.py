"""The desk's writes on claims: publish and withdraw a verdict (editors), assign claims to a
reviewer (reviewers and editors). Every write goes through claims.services."""

from django.db import transaction
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from claims import selectors
from claims.api.permissions import IsEditor, IsReviewer
from claims.api.schema import (
    BAD_REQUEST,
    ETAG_HEADER,
    IF_MATCH_HEADER,
    NOT_EDITOR,
    NOT_FOUND,
    ONE_WRITE_ERRORS,
    STALE,
    UNAUTHENTICATED,
    WRITE_ERRORS,
)
from claims.api.serializers import (
    AssignRequestSerializer,
    AssignResultSerializer,
    BulkAssignRequestSerializer,
    ClaimSerializer,
    PublishRequestSerializer,
    UnpublishRequestSerializer,
)
from claims.api.views.base import claim_response, if_match_versions
from claims.api.views.writes import post_action
from claims.services.assignment import assign_claims
from claims.services.exceptions import UnknownClaims
from claims.services.publication import publish_claims, withdraw_claims

EDITOR_ANSWERS = {
    200: ClaimSerializer,
    400: BAD_REQUEST,
    401: UNAUTHENTICATED,
    403: NOT_EDITOR,
    404: NOT_FOUND,
}


class ClaimDeskActions:
    """ClaimViewSet's publish, unpublish, assign and bulk-assign actions."""

    def get_permissions(self):
        if self.action in {"publish", "unpublish"}:
            return [IsEditor()]
        if self.action in {"assign", "bulk_assign"}:
            return [IsReviewer()]
        return super().get_permissions()

    @post_action(
        summary="Publish the claim's current verdict",
        description="Editors only. The verdict needs a public rationale; with four eyes on "
        "(FACTCHECK_FOUR_EYES), the editor may not be its reviewer. If-Match (or `version`) "
        "guards against publishing a verdict newer than the one you read.",
        request=PublishRequestSerializer,
        parameters=[IF_MATCH_HEADER, ETAG_HEADER],
        responses={**EDITOR_ANSWERS, 412: STALE},
    )
    def publish(self, request, pk=None):
        asked = PublishRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        expected = if_match_versions(request, asked.validated_data.get("version"))
        try:
            # Answered inside the write's transaction, so the ETag is this write's version.
            with transaction.atomic():
                publish_claims(claim_ids=[int(pk)], editor=request.user, expected_version=expected)
                return claim_response(int(pk))
        except UnknownClaims:
            raise NotFound(f"No claim with id {pk}.") from None

    @post_action(
        summary="Withdraw the claim's published verdict",
        description="Editors only. Readers then see that it was withdrawn and why: the "
        "public page answers 410 and the ClaimReview feed carries a tombstone.",
        request=UnpublishRequestSerializer,
        responses=EDITOR_ANSWERS,
    )
    def unpublish(self, request, pk=None):
        asked = UnpublishRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        try:
            withdraw_claims(
                claim_ids=[int(pk)], editor=request.user, reason=asked.validated_data["reason"]
            )
        except UnknownClaims:
            raise NotFound(f"No claim with id {pk}.") from None
        return claim_response(int(pk))

    @post_action(
        summary="Assign the claim to a reviewer",
        description="`assignee` null takes it off whoever had it. The assignee is e-mailed.",
        request=AssignRequestSerializer,
        responses={
            200: ClaimSerializer,
            **ONE_WRITE_ERRORS,
        },
    )
    def assign(self, request, pk=None):
        asked = AssignRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        try:
            assign_claims(claim_ids=[int(pk)], actor=request.user, **asked.validated_data)
        except UnknownClaims:
            raise NotFound(f"No claim with id {pk}.") from None
        return claim_response(int(pk))

    @post_action(
        detail=False,
        url_path="bulk-assign",
        summary="Assign many claims: a list, or all of an article or incident",
        description="All or nothing. One e-mail to the assignee lists the claims.",
        request=BulkAssignRequestSerializer,
        responses={
            200: AssignResultSerializer,
            **WRITE_ERRORS,
        },
    )
    def bulk_assign(self, request):
        asked = BulkAssignRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        chosen = asked.validated_data
        claim_ids = chosen.get("ids") or selectors.claim_ids_of(
            article_id=chosen.get("article"), incident_id=chosen.get("incident")
        )
        assigned = assign_claims(
            claim_ids=claim_ids,
            assignee=chosen["assignee"],
            actor=request.user,
            message=chosen["message"],
        )
        assignee = chosen["assignee"]
        return Response(
            {"assigned": assigned, "assignee": assignee.get_username() if assignee else None}
        )
