"""API views: validate the request with a serializer, call a service or selector, render.

The review contract: ``GET /api/claims/{id}/`` sends ``ETag: "<version>"``. A review sends
it back as ``If-Match``; if the claim has moved on, the answer is 412 and nothing changes.
Without If-Match, a ``version`` in the body is checked the same way; with neither, the
review applies to whatever the claim's current version is (last writer wins).
"""

from django.conf import settings
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.filters import SearchFilter
from rest_framework.response import Response

from claims import selectors, services
from claims.api import schema  # noqa: F401  (registers the token scheme with the schema)
from claims.api.filters import (
    ArticleFilter,
    ClaimantFilter,
    ClaimFilter,
    ClaimReviewFilter,
    ClaimSearchFilter,
    ReviewFilter,
    StableOrderingFilter,
    search_terms,
)
from claims.api.pagination import NewestFirstCursorPagination, UpdatedCursorPagination
from claims.api.permissions import IsReviewer, IsStaff, IsStaffOrReadOnly
from claims.api.serializers import (
    CLAIM_REVIEW_SCHEMA,
    MAX_BATCH_ARTICLES,
    ArticleDetailSerializer,
    ArticleIngestSerializer,
    ArticleSerializer,
    BatchRequestSerializer,
    BatchSerializer,
    BulkReviewRequestSerializer,
    BulkReviewResultSerializer,
    ClaimantTrackRecordSerializer,
    ClaimSerializer,
    ErrorSerializer,
    IncidentSerializer,
    RankedClaimSerializer,
    ReviewRequestSerializer,
    ReviewSerializer,
    StaleVersionErrorSerializer,
    UnknownClaimsErrorSerializer,
)
from claims.claimreview import claim_review
from claims.models import Claim, IngestItem
from sources.models import Article

# --- Schema vocabulary -------------------------------------------------------------------


def _error(description: str, serializer=ErrorSerializer) -> OpenApiResponse:
    return OpenApiResponse(response=serializer, description=description)


BAD_REQUEST = _error("Invalid request: malformed JSON, unknown value or bad field.")
UNAUTHENTICATED = _error("No valid credentials (Token or session) were given.")
READ_FORBIDDEN = _error("Signed in but not allowed (reads need a login when API_REQUIRE_LOGIN).")
NOT_REVIEWER = _error("Only reviewers (permission claims.review_claim) change statuses.")
NOT_STAFF = _error("Only staff ingest articles.")
NOT_FOUND = _error("No such object.")
THROTTLED = _error("Too many anonymous requests; retry after the Retry-After seconds.")
STALE = _error(
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


# --- Helpers -----------------------------------------------------------------------------

# Ids in URLs: ASCII digits, at most 18 of them. A longer number is no id of ours (bigint
# stops at 19 digits) and SQLite cannot even bind it as a parameter (OverflowError, a 500),
# so such paths fall through to the JSON 404 for unknown endpoints.
ID_PATTERN = r"[0-9]{1,18}"


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request is too large."
    default_code = "too_large"


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


# --- Claims ------------------------------------------------------------------------------


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
class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Claims, their verdicts, reviews and conflicts."""

    serializer_class = ClaimSerializer
    lookup_value_regex = ID_PATTERN
    pagination_class = UpdatedCursorPagination
    filter_backends = [DjangoFilterBackend, ClaimSearchFilter, StableOrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ["updated_at", "id"]

    def get_queryset(self):
        return selectors.claim_feed()

    def get_permissions(self):
        if self.action in {"review", "partial_update", "bulk_review"}:
            return [IsReviewer()]
        return super().get_permissions()

    def retrieve(self, request, *args, **kwargs):
        claim = self.get_object()
        return Response(self.get_serializer(claim).data, headers={"ETag": etag(claim)})

    @REVIEW_SCHEMA
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def review(self, request, pk=None):
        """Set the claim's status with a note: one Review, version + 1, in one transaction."""
        verdict = ReviewRequestSerializer(data=request.data)
        verdict.is_valid(raise_exception=True)
        try:
            claim = services.review_claim(
                claim_id=int(pk),
                status=verdict.validated_data["status"],
                note=verdict.validated_data["note"],
                evidence_urls=verdict.validated_data["evidence_urls"],
                reviewer=request.user,
                expected_version=if_match_version(request, verdict.validated_data.get("version")),
            )
        except Claim.DoesNotExist:
            raise NotFound(f"No claim with id {pk}.") from None
        return claim_response(claim.pk)

    @REVIEW_SCHEMA
    def partial_update(self, request, pk=None):
        return self.review(request, pk=pk)

    @extend_schema(
        summary="Review many claims at once",
        description="All or nothing: if any id is unknown, nothing changes and the answer "
        "lists the missing ids. One Review per claim; a fixed number of queries.",
        request=BulkReviewRequestSerializer,
        responses={
            200: BulkReviewResultSerializer,
            400: _error(
                "Invalid request, or unknown ids (listed in missing_ids); nothing changed.",
                UnknownClaimsErrorSerializer,
            ),
            401: UNAUTHENTICATED,
            403: NOT_REVIEWER,
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="bulk-review",
        filter_backends=[],
        pagination_class=None,
    )
    def bulk_review(self, request):
        verdict = BulkReviewRequestSerializer(data=request.data)
        verdict.is_valid(raise_exception=True)
        reviewed = services.bulk_review(
            claim_ids=verdict.validated_data["ids"],
            status=verdict.validated_data["status"],
            note=verdict.validated_data["note"],
            evidence_urls=verdict.validated_data["evidence_urls"],
            reviewer=request.user,
        )
        return Response({"reviewed": reviewed, "status": verdict.validated_data["status"]})

    @extend_schema(
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
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def search(self, request):
        terms = search_terms(request, "q")
        if not terms:
            raise ValidationError({"q": ["Give the words to search for, e.g. ?q=killed."]})
        limit = request.query_params.get("limit", "20")
        if not limit.isdigit() or not 1 <= int(limit) <= 100:
            raise ValidationError({"limit": ["A whole number from 1 to 100."]})
        rows = selectors.ranked_claims(selectors.claim_feed(), terms)[: int(limit)]
        return Response(RankedClaimSerializer(rows, many=True).data)

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
        return Response(claim_review(claim, _verdict_of(claim)))

    @extend_schema(
        summary="Every review of a claim, oldest first",
        responses={200: ReviewSerializer(many=True), **DETAIL_ERRORS},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, pk=None):
        reviews = list(selectors.claim_history(int(pk)))
        if not reviews and not Claim.objects.filter(pk=pk).exists():
            raise NotFound(f"No claim with id {pk}.")
        return Response(ReviewSerializer(reviews, many=True).data)

    @extend_schema(
        summary="Claims that contradict this one",
        description="Casualty counts about the same incident and outcome, from another "
        "claimant, that cannot both be true. Lowest count first.",
        responses={200: ClaimSerializer(many=True), **DETAIL_ERRORS},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def conflicts(self, request, pk=None):
        claim = Claim.objects.filter(pk=pk).first()
        if claim is None:
            raise NotFound(f"No claim with id {pk}.")
        return Response(ClaimSerializer(selectors.conflicting_claims(claim), many=True).data)


# --- Articles ----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List articles",
        description="Newest first, without bodies.",
        responses={200: ArticleSerializer(many=True), **READ_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One article with its text and claims",
        responses={200: ArticleDetailSerializer, **DETAIL_ERRORS},
    ),
    create=extend_schema(
        summary="Ingest an article (staff)",
        description="Extracts and stores the article's claims. 201 with the new article; "
        "200 with the stored one when the same text was ingested before (idempotent). "
        "Bodies over ARTICLE_MAX_BYTES are refused with 400.",
        request=ArticleIngestSerializer,
        responses={
            201: ArticleDetailSerializer,
            200: OpenApiResponse(
                ArticleDetailSerializer, description="The same text was already stored."
            ),
            400: BAD_REQUEST,
            401: UNAUTHENTICATED,
            403: NOT_STAFF,
            413: _error("The request is far larger than any article may be."),
        },
    ),
)
class ArticleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsStaffOrReadOnly]
    lookup_value_regex = ID_PATTERN
    pagination_class = NewestFirstCursorPagination
    filter_backends = [DjangoFilterBackend, SearchFilter]
    filterset_class = ArticleFilter
    search_fields = ["title"]

    def get_queryset(self):
        return selectors.article_feed()

    def retrieve(self, request, *args, **kwargs):
        try:
            article = selectors.article_with_claims(int(kwargs["pk"]))
        except Article.DoesNotExist:
            raise NotFound(f"No article with id {kwargs['pk']}.") from None
        return Response(ArticleDetailSerializer(article).data)

    def get_serializer_class(self):
        if self.action == "list":
            return ArticleSerializer
        if self.action == "create":
            return ArticleIngestSerializer
        return ArticleDetailSerializer

    def create(self, request, *args, **kwargs):
        # JSON escapes at most ~6 bytes per character; anything beyond that cannot fit the
        # limit, and is refused before it is parsed.
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > 6 * settings.ARTICLE_MAX_BYTES + 65_536:
            raise RequestTooLarge(
                f"The request is {declared:,} bytes; an article body may be at most "
                f"{settings.ARTICLE_MAX_BYTES:,} bytes."
            )
        submitted = ArticleIngestSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        result = services.ingest_article(**submitted.validated_data, ingested_by=request.user)
        article = selectors.article_with_claims(result.article.pk)
        return Response(
            ArticleDetailSerializer(article).data,
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
            headers={"Location": reverse("article-detail", args=[article.pk])},
        )


# --- Claimants and reviews ---------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List claimants with their track records",
        responses={200: ClaimantTrackRecordSerializer(many=True), **READ_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One claimant with its track record",
        responses={200: ClaimantTrackRecordSerializer, **DETAIL_ERRORS},
    ),
)
class ClaimantViewSet(viewsets.ReadOnlyModelViewSet):
    """Claimants with their track record: claims by status and the share confirmed."""

    queryset = selectors.claimant_track_records()
    serializer_class = ClaimantTrackRecordSerializer
    lookup_value_regex = ID_PATTERN
    pagination_class = NewestFirstCursorPagination
    filter_backends = [DjangoFilterBackend, SearchFilter]
    filterset_class = ClaimantFilter
    search_fields = ["name", "role", "affiliation"]


@extend_schema_view(
    list=extend_schema(
        summary="List reviews",
        description="Every verification decision, newest first.",
        responses={200: ReviewSerializer(many=True), **READ_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One review", responses={200: ReviewSerializer, **DETAIL_ERRORS}
    ),
)
class ReviewViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReviewSerializer
    lookup_value_regex = ID_PATTERN
    pagination_class = NewestFirstCursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ReviewFilter

    def get_queryset(self):
        return selectors.review_feed()


# --- ClaimReview feed, incidents, ingest batches ----------------------------------------


def _verdict_of(claim):
    return claim.verdict_reviews[0] if claim.verdict_reviews else None


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
            [claim_review(claim, _verdict_of(claim)) for claim in page]
        )


@extend_schema_view(
    list=extend_schema(
        summary="List incidents",
        description="Events with every source's casualty figures per outcome, the range "
        "across named sources, and the claims' statuses.",
        responses={200: IncidentSerializer(many=True), **READ_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One incident", responses={200: IncidentSerializer, **DETAIL_ERRORS}
    ),
)
class IncidentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IncidentSerializer
    lookup_value_regex = ID_PATTERN
    pagination_class = NewestFirstCursorPagination
    filter_backends = []

    def get_queryset(self):
        return selectors.incident_list()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "figures": self._figures}

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        self._figures = selectors.incident_figures([incident.pk for incident in page])
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        incident = self.get_object()
        self._figures = selectors.incident_figures([incident.pk])
        return Response(self.get_serializer(incident).data)


@extend_schema_view(
    list=extend_schema(
        summary="List ingest batches (staff)",
        responses={
            200: BatchSerializer(many=True),
            400: BAD_REQUEST,
            401: UNAUTHENTICATED,
            403: NOT_STAFF,
        },
    ),
    retrieve=extend_schema(
        summary="One ingest batch's progress (staff)",
        responses={200: BatchSerializer, 401: UNAUTHENTICATED, 403: NOT_STAFF, 404: NOT_FOUND},
    ),
    create=extend_schema(
        summary="Ingest many articles in the background (staff)",
        description="Queues one task per article for the Celery workers and answers 202 at "
        "once; follow the batch's Location until `pending` is 0. Each article is ingested "
        "as by POST /api/articles/ (idempotent on its text). Without a broker the work is "
        f"done before the answer. At most {MAX_BATCH_ARTICLES:,} articles per batch.",
        request=BatchRequestSerializer,
        responses={202: BatchSerializer, 400: BAD_REQUEST, 401: UNAUTHENTICATED, 403: NOT_STAFF},
    ),
)
class BatchViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsStaff]
    serializer_class = BatchSerializer
    lookup_value_regex = ID_PATTERN
    pagination_class = NewestFirstCursorPagination
    filter_backends = []

    def get_queryset(self):
        return selectors.batch_progress()

    def retrieve(self, request, *args, **kwargs):
        batch = self.get_object()
        batch.failed_items = list(batch.items.filter(state=IngestItem.State.FAILED))
        return Response(self.get_serializer(batch).data)

    def create(self, request, *args, **kwargs):
        submitted = BatchRequestSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        batch = services.create_ingest_batch(
            articles=submitted.validated_data["articles"], created_by=request.user, source="api"
        )
        progress = selectors.batch_progress().get(pk=batch.pk)
        progress.failed_items = list(batch.items.filter(state=IngestItem.State.FAILED))
        return Response(
            self.get_serializer(progress).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": reverse("batch-detail", args=[batch.pk])},
        )
