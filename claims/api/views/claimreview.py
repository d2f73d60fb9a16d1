"""schema.org ClaimReview JSON-LD: one claim's (``/api/claims/{id}/claimreview/``) and the
feed of every claim with a verdict (``/api/claimreview/``)."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from claims import selectors
from claims.api.filters import ClaimReviewFilter
from claims.api.pagination import UpdatedCursorPagination
from claims.api.schema import DETAIL_ERRORS, READ_ERRORS
from claims.api.serializers import CLAIM_REVIEW_SCHEMA
from claims.claimreview import claim_review


def _verdict_of(claim):
    return claim.verdict_reviews[0] if claim.verdict_reviews else None


class ClaimReviewAction:
    """ClaimViewSet's ``claimreview`` action."""

    @extend_schema(
        summary="The claim's ClaimReview (schema.org JSON-LD)",
        description="Only claims with a verdict (confirmed, disputed, false, unverifiable) "
        "have one; others answer 404.",
        responses={200: CLAIM_REVIEW_SCHEMA, **DETAIL_ERRORS},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def claimreview(self, request, pk=None):
        claim = selectors.published_factchecks().filter(pk=pk).first()
        if claim is None:
            raise NotFound(f"Claim {pk} does not exist or has no verdict yet.")
        return Response(claim_review(claim, _verdict_of(claim), request=request))


@extend_schema_view(
    list=extend_schema(
        summary="ClaimReview feed",
        description="Every claim with a verdict as schema.org ClaimReview JSON-LD, most "
        "recently decided first; `updated_since` fetches only what changed.",
        responses={200: OpenApiResponse(CLAIM_REVIEW_SCHEMA), **READ_ERRORS},
    )
)
class ClaimReviewFeedViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    pagination_class = UpdatedCursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimReviewFilter

    def get_queryset(self):
        return selectors.published_factchecks()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(
            [claim_review(claim, _verdict_of(claim), request=request) for claim in page]
        )
