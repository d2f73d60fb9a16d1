"""Incidents with every source's casualty figures and their timeline (``/api/incidents/``),
and the articles matching proposed for them, which editors accept or reject."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from claims import selectors
from claims.api.permissions import IsReviewer, is_public_reader
from claims.api.schema import (
    BAD_REQUEST,
    DETAIL_ERRORS,
    NOT_FOUND,
    NOT_REVIEWER,
    READ_ERRORS,
    UNAUTHENTICATED,
)
from claims.api.serializers import (
    DecisionRequestSerializer,
    IncidentDetailSerializer,
    IncidentSerializer,
    ProposalSerializer,
)
from claims.api.views.base import NewestFirstReadViewSet
from claims.api.views.writes import get_action, post_action
from claims.models import Incident, IncidentProposal
from claims.services import matching

EDITOR_ERRORS = {401: UNAUTHENTICATED, 403: NOT_REVIEWER, 404: NOT_FOUND}


def decision_action(decision: str, summary: str, description: str = ""):
    """POST proposals/<id>/<decision>/ on an incident."""
    return post_action(
        url_path=rf"proposals/(?P<proposal_id>[0-9]{{1,18}})/{decision}",
        summary=summary,
        description=description,
        request=DecisionRequestSerializer,
        responses={200: ProposalSerializer, 400: BAD_REQUEST, **EDITOR_ERRORS},
    )


@extend_schema_view(
    list=extend_schema(
        summary="List incidents",
        description="Events with every source's casualty figures per outcome, the range "
        "across current figures from named sources, and the claims' statuses.",
        responses={200: IncidentSerializer(many=True), **READ_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One incident, with its timeline",
        description="As in the list, plus per outcome every figure in order of publication "
        "(source, article, date, position; superseded figures marked).",
        responses={200: IncidentDetailSerializer, **DETAIL_ERRORS},
    ),
)
class IncidentViewSet(NewestFirstReadViewSet):
    """Anonymous readers see each figure's published status only."""

    serializer_class = IncidentSerializer
    filter_backends = []

    def get_permissions(self):
        if self.action in {"proposals", "accept", "reject"}:
            return [IsReviewer()]
        return super().get_permissions()

    def get_queryset(self):
        return selectors.incident_list(public=is_public_reader(self.request))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "figures": self._figures}

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        self._figures = selectors.incident_figures(
            [incident.pk for incident in page], public=is_public_reader(request)
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        incident = self.get_object()
        public = is_public_reader(request)
        self._figures = selectors.incident_figures([incident.pk], public=public)
        context = {
            **self.get_serializer_context(),
            "timeline": selectors.incident_timeline(incident.pk, public=public),
        }
        return Response(IncidentDetailSerializer(incident, context=context).data)

    @get_action(
        summary="Articles proposed as reports of this incident",
        description="Open proposals first, best score first; decided ones keep who decided "
        "and why. Reviewers only.",
        responses={200: ProposalSerializer(many=True), **EDITOR_ERRORS},
    )
    def proposals(self, request, pk=None):
        if not Incident.objects.filter(pk=pk).exists():
            raise NotFound(f"No incident with id {pk}.")
        return Response(ProposalSerializer(selectors.incident_proposals(int(pk)), many=True).data)

    def _decide(self, request, pk, proposal_id, decide):
        decision = DecisionRequestSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        if not IncidentProposal.objects.filter(pk=proposal_id, incident_id=pk).exists():
            raise NotFound(f"No proposal {proposal_id} for incident {pk}.")
        proposal = decide(
            proposal_id=int(proposal_id), editor=request.user, note=decision.validated_data["note"]
        )
        return Response(
            ProposalSerializer(
                selectors.incident_proposals(proposal.incident_id).get(pk=proposal.pk)
            ).data
        )

    @decision_action(
        "accept",
        "Accept a proposal: the article's casualty claims join this incident",
        "Recorded on the proposal (who, when, note). An incident left with no claims is removed.",
    )
    def accept(self, request, pk=None, proposal_id=None):
        return self._decide(request, pk, proposal_id, matching.accept_proposal)

    @decision_action("reject", "Reject a proposal: the article reports another event")
    def reject(self, request, pk=None, proposal_id=None):
        return self._decide(request, pk, proposal_id, matching.reject_proposal)
