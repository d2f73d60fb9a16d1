"""Assignment: who works on which claims. The assignee hears about it by e-mail."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from claims.models import ChangeAction, Claim
from claims.services.exceptions import AssignmentRejected
from claims.services.history import record_changes
from claims.services.review import CAN_REVIEW_CLAIMS
from claims.services.selection import lock_claims, selected_ids

log = logging.getLogger(__name__)
MAX_MESSAGE_LENGTH = 2_000


def assign_claims(*, claim_ids: Iterable[int], assignee, actor, message: str = "") -> int:
    """Give each claim to ``assignee`` (None: take it off whoever had it), all or nothing.

    Only reviewers assign, and only to reviewers (the assignee must be able to decide the
    claim). Each change is recorded in the claim's history with the message; once
    committed, the assignee gets one e-mail listing the claims. Returns the number of claims
    whose assignee changed.
    """
    if actor is None or not actor.is_authenticated or not actor.has_perm(CAN_REVIEW_CLAIMS):
        raise PermissionDenied("Only reviewers and editors can assign claims.")
    if assignee is not None and not (assignee.is_active and assignee.has_perm(CAN_REVIEW_CLAIMS)):
        raise AssignmentRejected(f"{assignee.get_username()} is not a reviewer; assign a reviewer.")
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE_LENGTH:
        raise AssignmentRejected(f"The message is at most {MAX_MESSAGE_LENGTH:,} characters.")
    wanted = selected_ids(claim_ids, AssignmentRejected("No claims selected."))
    new_name = assignee.get_username() if assignee is not None else None
    with transaction.atomic():
        # of=self: lock the claims, not the outer-joined assignee (PostgreSQL refuses).
        current = dict(lock_claims(wanted, "assignee__username", of=("self",)))
        changed = [pk for pk, name in current.items() if name != new_name]
        now = timezone.now()
        Claim.objects.filter(pk__in=changed).update(
            assignee=assignee, assigned_at=now if assignee else None, updated_at=now
        )
        record_changes(
            [(pk, {"assignee": [current[pk], new_name]}, None) for pk in changed],
            action=ChangeAction.ASSIGNED,
            actor=actor,
            note=message,
        )
        if assignee is not None and changed and assignee.email:
            transaction.on_commit(lambda: _tell_assignee(assignee, actor, changed, message))
    return len(changed)


def _tell_assignee(assignee, actor, claim_ids: list[int], message: str) -> None:
    """One e-mail listing the claims. A mail server that is down costs the e-mail, never the
    assignment (it is already committed)."""
    base = settings.FACTCHECK_PUBLISHER_URL.rstrip("/")
    links = "\n".join(
        f"  {base}{reverse('admin:claims_claim_change', args=[pk])}" for pk in claim_ids[:50]
    )
    more = f"\n  … and {len(claim_ids) - 50} more" if len(claim_ids) > 50 else ""
    count = f"{len(claim_ids)} claim{'s' if len(claim_ids) > 1 else ''}"
    queue = f"{base}{reverse('admin:claims_claim_changelist')}?queue=mine"
    body = (
        f"{actor.get_username()} assigned you {count} to review.\n\n"
        + (f"Message:\n{message}\n\n" if message else "")
        + f"{links}{more}\n\nYour queue: {queue}\n"
    )
    try:
        send_mail(
            f"[Factcheck] {count} assigned to you",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [assignee.email],
        )
    except Exception:
        log.exception("Could not e-mail %s about their assignment", assignee.get_username())
