"""Claims: the list with its filters, one claim (with its ETag), ranked search, history and
conflicts. Reviews, curation and the ClaimReview action are in their own modules."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from claims import selectors
from claims.api.filters import ClaimFilter, ClaimSearchFilter, StableOrderingFilter, search_terms
from claims.api.pagination import UpdatedCursorPagination
from claims.api.permissions import is_public_reader
from claims.api.schema import DETAIL_ERRORS, ETAG_HEADER, READ_ERRORS
from claims.api.serializers import (
    ClaimSerializer,
    HistoryEntrySerializer,
    RankedClaimSerializer,
)
from claims.api.views.base import ID_PATTERN, etag
from claims.api.views.claimreview import ClaimReviewAction
from claims.api.views.curation import ClaimCurationActions
from claims.api.views.desk import ClaimDeskActions
from claims.api.views.reviews import ClaimReviewActions
from claims.api.views.writes import get_action
from claims.models import Claim


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Newest change first; cursor-paginated, so pages stay stable while "
        "claims change. `search` looks in the claim text, attribution, claimant name and "
        "article title.",
        responses={200: ClaimSerializer(many=True), **READ_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One claim",
        parameters=[ETAG_HEADER],
        responses={200: ClaimSerializer, **DETAIL_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Review a claim (alias of POST …/review/)",
        description="Same body, rules and answers as `POST /api/claims/{id}/review/`.",
    ),
)
class ClaimViewSet(
    ClaimCurationActions,
    ClaimReviewActions,
    ClaimDeskActions,
    ClaimReviewAction,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Claims, their verdicts, reviews, curation and conflicts. Anonymous readers get the
    public shape (``selectors.claim_feed(public=True)``): published verdicts only."""

    serializer_class = ClaimSerializer
    lookup_value_regex = ID_PATTERN
    pagination_class = UpdatedCursorPagination
    filter_backends = [DjangoFilterBackend, ClaimSearchFilter, StableOrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ["updated_at", "id"]

    def get_queryset(self):
        # ClaimFilter leaves rejected claims out of the list unless ?rejected=true.
        return selectors.claim_feed(public=is_public_reader(self.request), rejected=None)

    def retrieve(self, request, pk=None):
        claim = (
            selectors.claim_feed(public=is_public_reader(request), rejected=None)
            .filter(pk=pk)
            .first()
        )
        if claim is None:
            raise NotFound(f"No claim with id {pk}.")
        return Response(self.get_serializer(claim).data, headers={"ETag": etag(claim)})

    @get_action(
        detail=False,
        summary="Best matches for a search, ranked",
        description="Full-text search on PostgreSQL, ranked by relevance (substring match, "
        "newest first, on SQLite). Unlike `?search=` on the list, results are ranked and "
        "not paginated: at most `limit` (default 20, at most 100).",
        parameters=[
            OpenApiParameter("q", str, required=True, description="Words to look for."),
            OpenApiParameter("limit", int, description="1 to 100; default 20."),
        ],
        responses={200: RankedClaimSerializer(many=True), **READ_ERRORS},
    )
    def search(self, request):
        terms = search_terms(request, "q")
        if not terms:
            raise ValidationError({"q": ["Give the words to search for, e.g. ?q=killed."]})
        limit = request.query_params.get("limit", "20")
        if not limit.isdigit() or not 1 <= int(limit) <= 100:
            raise ValidationError({"limit": ["A whole number from 1 to 100."]})
        rows = selectors.ranked_claims(self.get_queryset(), terms)[: int(limit)]
        return Response(RankedClaimSerializer(rows, many=True).data)

    @get_action(
        summary="Everything decided about a claim, oldest first",
        description="Its reviews (`type` review) and its changes (`type` change: added, "
        "corrected, rejected, restored, claimant renamed, merged or split), each with who, "
        "when, the note and, for a change, `{field: [old, new]}`. Anonymous readers get only the "
        "published verdict's review, without its internal note and reviewer.",
        responses={200: HistoryEntrySerializer(many=True), **DETAIL_ERRORS},
    )
    def history(self, request, pk=None):
        if is_public_reader(request):
            entries = selectors.public_verdict_history(int(pk))
        else:
            entries = selectors.claim_history(int(pk))
        if not entries and not Claim.objects.filter(pk=pk).exists():
            raise NotFound(f"No claim with id {pk}.")
        return Response(HistoryEntrySerializer(entries, many=True).data)

    @get_action(
        summary="Claims that contradict this one",
        description="Casualty counts about the same incident and outcome, from another "
        "claimant, that cannot both be true. Lowest count first.",
        responses={200: ClaimSerializer(many=True), **DETAIL_ERRORS},
    )
    def conflicts(self, request, pk=None):
        claim = Claim.objects.filter(pk=pk).first()
        if claim is None:
            raise NotFound(f"No claim with id {pk}.")
        rows = selectors.conflicting_claims(claim, public=is_public_reader(request))
        return Response(ClaimSerializer(rows, many=True).data)
