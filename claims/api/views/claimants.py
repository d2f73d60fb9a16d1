"""Claimants with their track records (``/api/claimants/``), and the reviewers' claimant
changes: rename, merge into another, split a claim off (claims.services.claimants)."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import SearchFilter
from rest_framework.response import Response

from claims import selectors
from claims.api.filters import ClaimantFilter
from claims.api.permissions import IsReviewer, is_public_reader
from claims.api.schema import (
    ONE_WRITE_ERRORS,
    STALE,
    error_response,
    read_schema,
)
from claims.api.serializers import (
    ClaimantMergeRequestSerializer,
    ClaimantRenameRequestSerializer,
    ClaimantSplitRequestSerializer,
    ClaimantTrackRecordSerializer,
    ClaimSerializer,
    DuplicateErrorSerializer,
)
from claims.api.views.base import NewestFirstReadViewSet, claim_response, if_match_versions
from claims.api.views.writes import post_action, validated
from claims.models import Claim
from claims.services import claimants as claimant_service
from claims.services.exceptions import CurationRejected

NAME_TAKEN = error_response(
    "Another claimant already has that name (existing_id): merge the two instead.",
    DuplicateErrorSerializer,
)


@read_schema(
    ClaimantTrackRecordSerializer,
    list_summary="List claimants with their track records",
    retrieve_summary="One claimant with its track record",
)
class ClaimantViewSet(NewestFirstReadViewSet):
    """Claimants with their track record: claims by status and the share confirmed.
    Anonymous readers get it counted from published verdicts only."""

    serializer_class = ClaimantTrackRecordSerializer
    filter_backends = [DjangoFilterBackend, SearchFilter]
    filterset_class = ClaimantFilter
    search_fields = ["name", "role", "affiliation"]

    def get_queryset(self):
        return selectors.claimant_track_records(public=is_public_reader(self.request))

    def get_permissions(self):
        if self.action in {"rename", "merge", "split"}:
            return [IsReviewer()]
        return super().get_permissions()

    def _track_record(self, claimant_id: int) -> Response:
        claimant = selectors.claimant_track_records().get(pk=claimant_id)
        return Response(ClaimantTrackRecordSerializer(claimant).data)

    def _existing(self, pk) -> int:
        self.get_object()  # 404 for an unknown claimant
        return int(pk)

    def _change_claimant(self, request, pk, serializer_class, change, fields) -> Response:
        """Rename and merge: validate the body, find the claimant (404), call the claimant
        service ``change`` with the note and ``fields`` (its argument: the body's key), and
        answer with the track record of the claimant the change leaves."""
        body = validated(serializer_class, request)
        claimant = change(
            claimant_id=self._existing(pk),
            note=body["note"],
            editor=request.user,
            **{argument: body.get(key) for argument, key in fields.items()},
        )
        return self._track_record(claimant.pk)

    @post_action(
        summary="Rename a claimant",
        description="A name another claimant already has answers 409 with its id: they are "
        "one source, so merge them.",
        request=ClaimantRenameRequestSerializer,
        responses={200: ClaimantTrackRecordSerializer, **ONE_WRITE_ERRORS, 409: NAME_TAKEN},
    )
    def rename(self, request, pk=None):
        return self._change_claimant(
            request,
            pk,
            ClaimantRenameRequestSerializer,
            claimant_service.rename_claimant,
            {"name": "name", "role": "role"},
        )

    @post_action(
        summary="Merge this claimant into another",
        description="Its claims move to `into` (each recorded in its history), it is "
        "deleted, and the answer is `into` with its recomputed track record.",
        request=ClaimantMergeRequestSerializer,
        responses={200: ClaimantTrackRecordSerializer, **ONE_WRITE_ERRORS},
    )
    def merge(self, request, pk=None):
        return self._change_claimant(
            request,
            pk,
            ClaimantMergeRequestSerializer,
            claimant_service.merge_claimants,
            {"into_id": "into"},
        )

    @post_action(
        summary="Split one claim off this claimant",
        description="Attributes `claim` to the source named (found like ingest finds "
        "claimants, else created). If-Match or `version` guards the claim.",
        request=ClaimantSplitRequestSerializer,
        responses={200: ClaimSerializer, **ONE_WRITE_ERRORS, 412: STALE},
    )
    def split(self, request, pk=None):
        split = validated(ClaimantSplitRequestSerializer, request)
        claimant_id = self._existing(pk)
        claim_id = split["claim"]
        if not Claim.objects.filter(pk=claim_id, claimant_id=claimant_id).exists():
            raise CurationRejected(
                f"Claim {claim_id} is not attributed to claimant {claimant_id}.", field="claim"
            )
        claim = claimant_service.split_claim_off(
            claim_id=claim_id,
            name=split["name"],
            role=split["role"],
            note=split["note"],
            editor=request.user,
            expected_version=if_match_versions(request, split.get("version")),
        )
        return claim_response(claim.pk)
