"""Curating claims through the API: add one the extractor missed (``POST /api/claims/``),
correct, reject (one or many) and restore. Every write goes through claims.services.curation;
the errors it raises are mapped to HTTP once, in claims.api.errors."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from claims.api.permissions import IsReviewer
from claims.api.schema import (
    ETAG_HEADER,
    IF_MATCH_HEADER,
    ONE_WRITE_ERRORS,
    STALE,
    WRITE_ERRORS,
    error_response,
)
from claims.api.serializers import (
    BulkRejectRequestSerializer,
    BulkRejectResultSerializer,
    ClaimAddRequestSerializer,
    ClaimCorrectionRequestSerializer,
    ClaimSerializer,
    DuplicateErrorSerializer,
    RejectRequestSerializer,
    RestoreRequestSerializer,
    UnknownClaimsErrorSerializer,
)
from claims.api.views.base import claim_response, if_match_versions
from claims.api.views.writes import post_action, validated
from claims.models import Claim
from claims.services import curation

DUPLICATE = error_response(
    "A claim of that kind already spans those words; existing_id is its id.",
    DuplicateErrorSerializer,
)
ONE_CLAIM_WRITE_ERRORS = {**ONE_WRITE_ERRORS, 412: STALE}


def claimant_choice(data) -> curation.ClaimantChoice | None:
    if data is None:
        return None
    return curation.ClaimantChoice(
        id=data.get("id"), name=data.get("name", ""), role=data.get("role", "")
    )


def write_one_claim(pk, write) -> Response:
    """Run a curation write on claim ``pk``: an unknown id answers 404, else the claim as it
    now stands."""
    try:
        claim = write(int(pk))
    except Claim.DoesNotExist:
        raise NotFound(f"No claim with id {pk}.") from None
    return claim_response(claim.pk)


class ClaimCurationActions:
    """ClaimViewSet's curation writes, for reviewers."""

    curation_actions = {"create", "correct", "reject", "restore", "bulk_reject"}

    def get_permissions(self):
        if self.action in self.curation_actions:
            return [IsReviewer()]
        return super().get_permissions()

    def _change_claim(self, request, pk, serializer_class, change, fields=()):
        """Reject and restore: the body's note, version (or If-Match) and ``fields`` go to
        the curation service ``change``."""
        body = validated(serializer_class, request)
        return write_one_claim(
            pk,
            lambda claim_id: change(
                claim_id=claim_id,
                note=body["note"],
                editor=request.user,
                expected_version=if_match_versions(request, body.get("version")),
                **{name: body[name] for name in fields},
            ),
        )

    @extend_schema(
        summary="Add a claim the extractor missed",
        description="The claim's text is `body[start:end]` of the article, never sent by the "
        "client. The span must lie inside the body and not cut a word; count_min <= "
        "count_max. The same kind at the same span answers 409 with the existing claim's id.",
        request=ClaimAddRequestSerializer,
        responses={201: ClaimSerializer, **WRITE_ERRORS, 409: DUPLICATE},
    )
    def create(self, request):
        claim = ClaimAddRequestSerializer(data=request.data)
        claim.is_valid(raise_exception=True)
        fields = dict(claim.validated_data)
        fields["claimant"] = claimant_choice(fields.get("claimant"))
        added = curation.add_claim(
            article_id=fields.pop("article"),
            note=fields.pop("note"),
            editor=request.user,
            **fields,
        )
        return claim_response(added.pk, status_code=status.HTTP_201_CREATED)

    @post_action(
        summary="Correct a claim",
        description="Send only the fields to change, and a note. A new span is checked "
        "against the article like an added claim and the text follows it. The history "
        "records each field's old and new value.",
        request=ClaimCorrectionRequestSerializer,
        parameters=[IF_MATCH_HEADER, ETAG_HEADER],
        responses={200: ClaimSerializer, **ONE_CLAIM_WRITE_ERRORS, 409: DUPLICATE},
    )
    def correct(self, request, pk=None):
        fields = validated(ClaimCorrectionRequestSerializer, request)
        expected = if_match_versions(request, fields.pop("version", None))
        if "claimant" in fields:
            fields["claimant"] = claimant_choice(fields["claimant"])
        return write_one_claim(
            pk,
            lambda claim_id: curation.correct_claim(
                claim_id=claim_id,
                note=fields.pop("note"),
                editor=request.user,
                expected_version=expected,
                **fields,
            ),
        )

    @post_action(
        summary="Reject a claim: not a claim, a duplicate, wrong numbers or speaker",
        description="The claim leaves every list, contradiction, incident, track record and "
        "public page (`?rejected=true` lists them) but keeps its history. A claim with a "
        "published verdict is refused until the verdict is withdrawn.",
        request=RejectRequestSerializer,
        parameters=[IF_MATCH_HEADER, ETAG_HEADER],
        responses={200: ClaimSerializer, **ONE_CLAIM_WRITE_ERRORS},
    )
    def reject(self, request, pk=None):
        return self._change_claim(
            request, pk, RejectRequestSerializer, curation.reject_claim, fields=("reason",)
        )

    @post_action(
        detail=False,
        url_path="bulk-reject",
        summary="Reject many claims at once",
        description="All or nothing: unknown ids, or any claim with a published verdict, "
        "change nothing. Claims already rejected are left as they are.",
        request=BulkRejectRequestSerializer,
        responses={
            200: BulkRejectResultSerializer,
            **WRITE_ERRORS,
            400: error_response(
                "Invalid request, unknown ids (missing_ids) or a published verdict.",
                UnknownClaimsErrorSerializer,
            ),
        },
    )
    def bulk_reject(self, request):
        rejection = validated(BulkRejectRequestSerializer, request)
        rejected = curation.bulk_reject(
            claim_ids=rejection["ids"],
            reason=rejection["reason"],
            note=rejection["note"],
            editor=request.user,
        )
        return Response({"rejected": rejected, "reason": rejection["reason"]})

    @post_action(
        summary="Restore a rejected claim",
        request=RestoreRequestSerializer,
        parameters=[IF_MATCH_HEADER, ETAG_HEADER],
        responses={200: ClaimSerializer, **ONE_CLAIM_WRITE_ERRORS},
    )
    def restore(self, request, pk=None):
        return self._change_claim(request, pk, RestoreRequestSerializer, curation.restore_claim)
