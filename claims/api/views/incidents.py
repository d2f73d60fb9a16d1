"""Incidents with every source's casualty figures (``/api/incidents/``)."""

from rest_framework.response import Response

from claims import selectors
from claims.api.schema import read_schema
from claims.api.serializers import IncidentSerializer
from claims.api.views.base import NewestFirstReadViewSet


@read_schema(
    IncidentSerializer,
    list_summary="List incidents",
    retrieve_summary="One incident",
    description="Events with every source's casualty figures per outcome, the range "
    "across named sources, and the claims' statuses.",
)
class IncidentViewSet(NewestFirstReadViewSet):
    serializer_class = IncidentSerializer
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
