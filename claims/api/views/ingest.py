"""Articles in: ``/api/articles/`` (read, and ingest one; staff) and ``/api/batches/``
(ingest many in the background; staff)."""

from django.conf import settings
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.exceptions import NotFound
from rest_framework.filters import SearchFilter
from rest_framework.response import Response

from claims import selectors
from claims.api.errors import RequestTooLarge
from claims.api.filters import ArticleFilter
from claims.api.permissions import IsStaff, IsStaffOrReadOnly
from claims.api.schema import (
    BAD_REQUEST,
    DETAIL_ERRORS,
    NOT_FOUND,
    NOT_STAFF,
    READ_ERRORS,
    UNAUTHENTICATED,
    error_response,
)
from claims.api.serializers import (
    MAX_BATCH_ARTICLES,
    ArticleDetailSerializer,
    ArticleIngestSerializer,
    ArticleSerializer,
    BatchRequestSerializer,
    BatchSerializer,
)
from claims.api.views.base import NewestFirstReadViewSet
from claims.models import IngestItem
from claims.services.batches import create_ingest_batch
from claims.services.ingest import ingest_article
from sources.models import Article


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
            413: error_response("The request is far larger than any article may be."),
        },
    ),
)
class ArticleViewSet(mixins.CreateModelMixin, NewestFirstReadViewSet):
    permission_classes = [IsStaffOrReadOnly]
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
        result = ingest_article(submitted.validated_data, ingested_by=request.user)
        article = selectors.article_with_claims(result.article.pk)
        return Response(
            ArticleDetailSerializer(article).data,
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
            headers={"Location": reverse("article-detail", args=[article.pk])},
        )


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
class BatchViewSet(mixins.CreateModelMixin, NewestFirstReadViewSet):
    permission_classes = [IsStaff]
    serializer_class = BatchSerializer
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
        batch = create_ingest_batch(
            articles=submitted.validated_data["articles"], created_by=request.user, source="api"
        )
        progress = selectors.batch_progress().get(pk=batch.pk)
        progress.failed_items = list(batch.items.filter(state=IngestItem.State.FAILED))
        return Response(
            self.get_serializer(progress).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": reverse("batch-detail", args=[batch.pk])},
        )
