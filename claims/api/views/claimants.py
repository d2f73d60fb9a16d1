"""Claimants with their track records (``/api/claimants/``)."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import SearchFilter

from claims import selectors
from claims.api.filters import ClaimantFilter
from claims.api.schema import read_schema
from claims.api.serializers import ClaimantTrackRecordSerializer
from claims.api.views.base import NewestFirstReadViewSet


@read_schema(
    ClaimantTrackRecordSerializer,
    list_summary="List claimants with their track records",
    retrieve_summary="One claimant with its track record",
)
class ClaimantViewSet(NewestFirstReadViewSet):
    """Claimants with their track record: claims by status and the share confirmed."""

    queryset = selectors.claimant_track_records()
    serializer_class = ClaimantTrackRecordSerializer
    filter_backends = [DjangoFilterBackend, SearchFilter]
    filterset_class = ClaimantFilter
    search_fields = ["name", "role", "affiliation"]
