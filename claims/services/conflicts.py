"""Contradiction flags: a reviewer can dismiss one, with a note, and the flag goes away."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from claims import selectors
from claims.models import ChangeAction, Claim, ContradictionDismissal
from claims.services.exceptions import ReviewRejected
from claims.services.history import record_changes
from claims.services.review import CAN_REVIEW_CLAIMS


def dismiss_contradiction(
    *, claim_id: int, other_claim_id: int, note: str, reviewer
) -> ContradictionDismissal:
    """Record that ``other_claim_id`` does not really contradict ``claim_id`` (a reviewer's
    decision, with why), on the dismissal and in both claims' histories. Only a pair that
    is flagged now can be dismissed, and only once; raises Claim.DoesNotExist for an
    unknown claim."""
    if reviewer is None or not reviewer.is_authenticated:
        raise PermissionDenied("Only signed-in reviewers can dismiss a contradiction.")
    if not reviewer.has_perm(CAN_REVIEW_CLAIMS):
        raise PermissionDenied("Only reviewers can dismiss a contradiction.")
    if not note or not note.strip():
        raise ReviewRejected("A note saying why the figures do not contradict is required.")
    first, second = sorted((claim_id, other_claim_id))
    with transaction.atomic():
        claims = list(Claim.objects.select_for_update(no_key=True).filter(pk__in=[first, second]))
        if len(claims) != len({first, second}):
            raise Claim.DoesNotExist(f"No claim with id {first} or {second}.")
        this = next(claim for claim in claims if claim.pk == claim_id)
        if not selectors.conflicts_for(this).filter(pk=other_claim_id).exists():
            raise ReviewRejected(f"Claims {claim_id} and {other_claim_id} are not flagged.")
        try:
            with transaction.atomic():
                dismissal = ContradictionDismissal.objects.create(
                    first_claim_id=first,
                    second_claim_id=second,
                    note=note.strip(),
                    dismissed_by=reviewer,
                )
        except IntegrityError:
            raise ReviewRejected("This contradiction was already dismissed.") from None
        record_changes(
            [
                (claim, {"contradicts": [other, None]}, None)
                for claim, other in ((first, second), (second, first))
            ],
            action=ChangeAction.CONFLICT_DISMISSED,
            actor=reviewer,
            note=dismissal.note,
        )
    return dismissal
