"""schema.org ClaimReview JSON-LD: one claim's (``/api/claims/{id}/claimreview/``) and the
feed of published verdicts and withdrawals (``/api/claimreview/``). The same for every
reader: a ClaimReview is what the desk has published."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from claims import selectors
from claims.api.filters import ClaimReviewFilter
from claims.api.pagination import PublicationCursorPagination
from claims.api.schema import DETAIL_ERRORS, READ_ERRORS
from claims.api.serializers import CLAIM_REVIEW_SCHEMA, FEED_ENTRY_SCHEMA, WITHDRAWAL_SCHEMA
from claims.api.views.writes import get_action
from claims.claimreview import claim_review, withdrawal
from claims.models import Publication


def feed_entry(claim, request) -> dict:
    """A published verdict's ClaimReview, or a withdrawal's tombstone."""
    if claim.publication == Publication.WITHDRAWN:
        return withdrawal(claim, request=request)
    return claim_review(claim, claim.verdict_reviews[0], request=request)


class ClaimReviewAction:
    """ClaimViewSet's ``claimreview`` action."""

    @get_action(
        summary="The claim's ClaimReview (schema.org JSON-LD)",
        description="Only claims with a published verdict have one; a withdrawn verdict "
        "answers 410 with its tombstone; others answer 404.",
        responses={
            200: CLAIM_REVIEW_SCHEMA,
            410: OpenApiResponse(WITHDRAWAL_SCHEMA, description="Withdrawn, with the reason."),
            **DETAIL_ERRORS,
        },
    )
    def claimreview(self, request, pk=None):
        claim = selectors.public_factcheck(int(pk))
        if claim is None:
            raise NotFound(f"Claim {pk} does not exist or has no published verdict.")
        if claim.publication == Publication.WITHDRAWN:
            return Response(withdrawal(claim, request=request), status=status.HTTP_410_GONE)
        return Response(feed_entry(claim, request))


@extend_schema_view(
    list=extend_schema(
        summary="ClaimReview feed",
        description="Every published verdict as schema.org ClaimReview JSON-LD, and every "
        "withdrawn one as a tombstone (`withdrawn: true`, `identifier`, `dateWithdrawn`, "
        "`withdrawalReason`), most recent publication or withdrawal first; "
        "`updated_since` fetches only what changed, withdrawals included.",
        responses={200: OpenApiResponse(FEED_ENTRY_SCHEMA), **READ_ERRORS},
    )
)
class ClaimReviewFeedViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    pagination_class = PublicationCursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimReviewFilter

    def get_queryset(self):
        return selectors.claimreview_feed()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response([feed_entry(claim, request) for claim in page])
