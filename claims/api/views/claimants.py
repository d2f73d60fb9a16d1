"""Claimants with their track records (``/api/claimants/``)."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.filters import SearchFilter

from claims import selectors
from claims.api.filters import ClaimantFilter
from claims.api.pagination import NewestFirstCursorPagination
from claims.api.schema import DETAIL_ERRORS, READ_ERRORS
from claims.api.serializers import ClaimantTrackRecordSerializer
from claims.api.views.base import ID_PATTERN


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
