"""Publication: a verdict becomes public only when an editor publishes it, and stops being
public when an editor withdraws it (readers then see a withdrawal, not a silent gap)."""

from collections.abc import Collection, Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.claimreview import public_link
from claims.models import (
    VERDICT_STATUSES,
    ChangeAction,
    Claim,
    Publication,
    Review,
    Status,
    WebhookEvent,
)
from claims.services import webhooks
from claims.services.exceptions import (
    FourEyesRefused,
    PublicationRejected,
)
from claims.services.history import record_changes
from claims.services.review import check_version
from claims.services.selection import lock_claims, selected_ids

PUBLISH_PERMISSION = "claims.publish_claim"


def can_publish(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(PUBLISH_PERMISSION))


def _require_editor(editor) -> None:
    if not can_publish(editor):
        raise PermissionDenied("Only editors can publish or withdraw verdicts.")


def publish_claims(
    *, claim_ids: Iterable[int], editor, expected_version: int | Collection[int] | None = None
) -> list[Claim]:
    """Make each claim's current verdict public, all or nothing; returns the claims.

    The verdict is the review that set the claim's current version: it must be a verdict
    (not unverified or in review) with a public rationale, and with FACTCHECK_FOUR_EYES it
    must have been decided by someone other than ``editor``. ``expected_version`` (one
    claim; one version or any of several, an If-Match list) refuses with StaleVersion if a
    newer review came in since the editor read it.
    Publishing the verdict that is already public changes nothing.
    """
    _require_editor(editor)
    wanted = selected_ids(claim_ids, PublicationRejected("No claims selected."))
    with transaction.atomic():
        claims = lock_claims(wanted)
        if len(claims) == 1:
            check_version(claims[0], expected_version)
        _check_publishable(claims, editor)
        now = timezone.now()
        changes = {}
        for claim in claims:
            if claim.publication == Publication.PUBLISHED and claim.published_version == (
                claim.version
            ):
                continue
            changes[claim.pk] = {
                "publication": [claim.publication, Publication.PUBLISHED],
                "published_version": [claim.published_version, claim.version],
                "public_status": [claim.public_status, claim.status],
            }
            Claim.objects.filter(pk=claim.pk).update(
                publication=Publication.PUBLISHED,
                public_status=claim.status,
                published_version=claim.version,
                published_at=now,
                published_by=editor,
                public_changed_at=now,
                withdrawn_at=None,
                withdrawal_reason="",
                awaiting_publication=False,
                updated_at=now,
            )
        record_changes(
            [(pk, fields, None) for pk, fields in changes.items()],
            action=ChangeAction.PUBLISHED,
            actor=editor,
        )
        webhooks.notify(
            WebhookEvent.VERDICT_PUBLISHED,
            [_published_event(claim, now, editor) for claim in claims if claim.pk in changes],
        )
        return list(Claim.objects.filter(pk__in=wanted).order_by("pk"))


def _check_publishable(claims: list[Claim], editor) -> None:
    rejected = [claim.pk for claim in claims if claim.rejection_reason]
    if rejected:
        raise PublicationRejected(
            f"Claim{'s' if len(rejected) > 1 else ''} {_ids(rejected)} "
            f"{'are' if len(rejected) > 1 else 'is'} rejected (not a claim); restore before "
            "publishing. Nothing was published."
        )
    undecided = [claim.pk for claim in claims if claim.status not in VERDICT_STATUSES]
    if undecided:
        raise PublicationRejected(
            f"No verdict to publish on claim{'s' if len(undecided) > 1 else ''} "
            f"{_ids(undecided)} (unverified or in review); nothing was published."
        )
    verdicts = {
        review.claim_id: review
        for review in Review.objects.filter(
            claim_id__in=[claim.pk for claim in claims], version=F("claim__version")
        )
    }
    without_rationale = [claim.pk for claim in claims if not verdicts[claim.pk].rationale.strip()]
    if without_rationale:
        raise PublicationRejected(
            f"The verdict of claim{'s' if len(without_rationale) > 1 else ''} "
            f"{_ids(without_rationale)} has no public rationale; review it again with one. "
            "Nothing was published."
        )
    if settings.FACTCHECK_FOUR_EYES:
        own = [claim.pk for claim in claims if verdicts[claim.pk].reviewer_id == editor.pk]
        if own:
            raise FourEyesRefused(
                f"Four eyes: you decided the verdict of claim{'s' if len(own) > 1 else ''} "
                f"{_ids(own)}, so another editor must publish it. Nothing was published."
            )


def _ids(ids) -> str:
    return ", ".join(str(claim_id) for claim_id in ids[:20]) + (" …" if len(ids) > 20 else "")


def _published_event(claim: Claim, at, editor) -> dict:
    return {
        "claim": claim.pk,
        "status": claim.status,
        "version": claim.version,
        "published_at": at.isoformat(),
        "url": public_link(claim),
    }


def withdraw_claims(*, claim_ids: Iterable[int], editor, reason: str) -> list[Claim]:
    """Take published verdicts down, all or nothing, with a reason readers see. Each claim's
    public page then answers 410 with the reason, and the ClaimReview feed carries a
    tombstone."""
    _require_editor(editor)
    reason = (reason or "").strip()
    if not reason:
        raise PublicationRejected("Give the reason for the withdrawal; readers will see it.")
    wanted = selected_ids(claim_ids, PublicationRejected("No claims selected."))
    with transaction.atomic():
        claims = lock_claims(wanted)
        unpublished = [claim.pk for claim in claims if claim.publication != Publication.PUBLISHED]
        if unpublished:
            raise PublicationRejected(
                f"Claim{'s' if len(unpublished) > 1 else ''} {_ids(unpublished)} "
                "has no published verdict to withdraw; nothing was withdrawn."
            )
        now = timezone.now()
        Claim.objects.filter(pk__in=wanted).update(
            publication=Publication.WITHDRAWN,
            public_status=Status.UNVERIFIED,
            withdrawn_at=now,
            withdrawal_reason=reason,
            public_changed_at=now,
            updated_at=now,
        )
        record_changes(
            [
                (
                    claim.pk,
                    {
                        "publication": [claim.publication, Publication.WITHDRAWN],
                        "public_status": [claim.public_status, Status.UNVERIFIED],
                    },
                    None,
                )
                for claim in claims
            ],
            action=ChangeAction.WITHDRAWN,
            actor=editor,
            note=reason,
        )
        webhooks.notify(
            WebhookEvent.VERDICT_WITHDRAWN,
            [
                {"claim": claim.pk, "withdrawn_at": now.isoformat(), "reason": reason}
                for claim in claims
            ],
        )
        return list(Claim.objects.filter(pk__in=wanted).order_by("pk"))
