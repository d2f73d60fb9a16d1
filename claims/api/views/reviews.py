"""Reviewing claims (``POST /api/claims/{id}/review/``, its PATCH alias, bulk review) and the
review log (``/api/reviews/``). Every write goes through claims.services.review."""

from django.db import transaction
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from claims import selectors
from claims.api.filters import ReviewFilter
from claims.api.permissions import IsReviewer, IsSignedIn
from claims.api.schema import (
    CONFLICT,
    NOT_REVIEWER,
    ONE_WRITE_ERRORS,
    REVIEW_SCHEMA,
    UNAUTHENTICATED,
    error_response,
    read_schema,
)
from claims.api.serializers import (
    BulkReviewRequestSerializer,
    BulkReviewResultSerializer,
    DismissalRequestSerializer,
    DismissalSerializer,
    GroupReviewResultSerializer,
    ReviewRequestSerializer,
    ReviewSerializer,
    UnknownClaimsErrorSerializer,
)
from claims.api.views.base import NewestFirstReadViewSet, claim_response, if_match_versions
from claims.api.views.writes import post_action
from claims.models import Claim
from claims.services import review as review_service
from claims.services.conflicts import dismiss_contradiction

VERDICT_FIELDS = (
    "note",
    "rationale",
    "evidence_urls",
    "evidence_labels",
    "acknowledge_conflict",
    "conflict_note",
)


def _verdict_fields(validated: dict) -> dict:
    return {name: validated[name] for name in VERDICT_FIELDS}


class ClaimReviewActions:
    """ClaimViewSet's writes: review one claim (POST or PATCH) or many at once."""

    def get_permissions(self):
        if self.action in {"review", "partial_update", "bulk_review", "review_group", "dismiss"}:
            return [IsReviewer()]
        return super().get_permissions()

    @REVIEW_SCHEMA
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def review(self, request, pk=None):
        """Set the claim's status with a note: one Review, version + 1, in one transaction."""
        verdict = ReviewRequestSerializer(data=request.data)
        verdict.is_valid(raise_exception=True)
        expected = if_match_versions(request, verdict.validated_data.get("version"))
        try:
            # The answer is read while the claim is still locked by this write, so its
            # version and ETag are this write's (read after the commit, 4 in 700 racing
            # writes answered with a later writer's).
            with transaction.atomic():
                claim = review_service.review_claim(
                    claim_id=int(pk),
                    status=verdict.validated_data["status"],
                    reviewer=request.user,
                    expected_version=expected,
                    **_verdict_fields(verdict.validated_data),
                )
                return claim_response(claim.pk)
        except Claim.DoesNotExist:
            raise NotFound(f"No claim with id {pk}.") from None

    @REVIEW_SCHEMA
    def partial_update(self, request, pk=None):
        return self.review(request, pk=pk)

    @post_action(
        url_path="review-group",
        summary="Give a claim's whole same-claim group one verdict",
        description="Every claim with this claim's `same_as` (or the claim alone) gets the "
        "status, each with its own Review, in one transaction.",
        request=ReviewRequestSerializer,
        responses={
            200: GroupReviewResultSerializer,
            **ONE_WRITE_ERRORS,
        },
    )
    def review_group(self, request, pk=None):
        verdict = ReviewRequestSerializer(data=request.data)
        verdict.is_valid(raise_exception=True)
        try:
            ids = review_service.review_group(
                claim_id=int(pk),
                status=verdict.validated_data["status"],
                reviewer=request.user,
                **_verdict_fields(verdict.validated_data),
            )
        except Claim.DoesNotExist:
            raise NotFound(f"No claim with id {pk}.") from None
        return Response(
            {"reviewed": len(ids), "status": verdict.validated_data["status"], "claims": ids}
        )

    @post_action(
        url_path=r"conflicts/(?P<other_id>[0-9]{1,18})/dismiss",
        summary="Dismiss a contradiction flag, with a note",
        description="The reviewer decided the two figures do not contradict; the pair is "
        "no longer flagged, and the decision (who, when, why) is kept.",
        request=DismissalRequestSerializer,
        responses={
            201: DismissalSerializer,
            **ONE_WRITE_ERRORS,
        },
    )
    def dismiss(self, request, pk=None, other_id=None):
        body = DismissalRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            dismissal = dismiss_contradiction(
                claim_id=int(pk),
                other_claim_id=int(other_id),
                note=body.validated_data["note"],
                reviewer=request.user,
            )
        except Claim.DoesNotExist:
            raise NotFound(f"No claim with id {pk} or {other_id}.") from None
        return Response(DismissalSerializer(dismissal).data, status=201)

    @post_action(
        detail=False,
        url_path="bulk-review",
        summary="Review many claims at once",
        description="All or nothing: if any id is unknown, nothing changes and the answer "
        "lists the missing ids. One Review per claim; a fixed number of queries.",
        request=BulkReviewRequestSerializer,
        responses={
            200: BulkReviewResultSerializer,
            400: error_response(
                "Invalid request, or unknown ids (listed in missing_ids); nothing changed.",
                UnknownClaimsErrorSerializer,
            ),
            401: UNAUTHENTICATED,
            403: NOT_REVIEWER,
            409: CONFLICT,
        },
    )
    def bulk_review(self, request):
        verdict = BulkReviewRequestSerializer(data=request.data)
        verdict.is_valid(raise_exception=True)
        reviewed = review_service.bulk_review(
            claim_ids=verdict.validated_data["ids"],
            status=verdict.validated_data["status"],
            reviewer=request.user,
            **_verdict_fields(verdict.validated_data),
        )
        return Response({"reviewed": reviewed, "status": verdict.validated_data["status"]})


@read_schema(
    ReviewSerializer,
    list_summary="List reviews",
    retrieve_summary="One review",
    description="Every verification decision, newest first.",
)
class ReviewViewSet(NewestFirstReadViewSet):
    """The desk's log, internal notes and reviewers included: signed-in readers only."""

    permission_classes = [IsSignedIn]
    serializer_class = ReviewSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ReviewFilter

    def get_queryset(self):
        return selectors.review_feed()
