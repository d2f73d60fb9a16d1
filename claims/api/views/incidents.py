"""Incidents with every source's casualty figures (``/api/incidents/``)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.response import Response

from claims import selectors
from claims.api.pagination import NewestFirstCursorPagination
from claims.api.schema import DETAIL_ERRORS, READ_ERRORS
from claims.api.serializers import IncidentSerializer
from claims.api.views.base import ID_PATTERN


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
