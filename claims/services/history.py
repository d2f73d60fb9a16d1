"""The claim's change record: every write other than a review records its change here.

Reviews keep their own record (claims.services.review); the history a reader sees is both,
merged by ``selectors.claim_history``.
"""

from collections.abc import Iterable, Mapping

from claims.models import ChangeAction, Claim, ClaimChange


def _json_value(value):
    """A field value as the record keeps it in JSON: model instances by primary key."""
    if hasattr(value, "pk"):
        return value.pk
    return value


def field_changes(before: Mapping, after: Mapping) -> dict[str, list]:
    """``{field: [old, new]}`` for every field of ``after`` whose value differs in ``before``."""
    return {
        name: [_json_value(before.get(name)), _json_value(value)]
        for name, value in after.items()
        if _json_value(before.get(name)) != _json_value(value)
    }


def record_change(
    *,
    claim: Claim | int,
    action: str,
    actor,
    note: str = "",
    changes: Mapping[str, list] | None = None,
    version: int | None = None,
) -> ClaimChange:
    """Append one change to a claim's record. Call it inside the transaction that makes the
    change, so the claim and its record are written together or not at all.

    ``changes`` is ``{field: [old, new]}``; ``version`` is the claim version the change
    produced (None when the claim row itself did not change).
    """
    if action not in ChangeAction.values:
        raise ValueError(f"Unknown change action {action!r}.")
    return ClaimChange.objects.create(
        claim_id=claim if isinstance(claim, int) else claim.pk,
        action=action,
        actor=actor,
        note=note.strip(),
        changes=dict(changes or {}),
        version=version,
    )


def record_changes(
    entries: Iterable[tuple[int, dict, int | None]], *, action: str, actor, note: str = ""
) -> int:
    """Append the same action for many claims in one INSERT: ``entries`` are
    ``(claim_id, changes, version)``. Returns how many were recorded. Used where one
    decision touches many claims (a claimant merge)."""
    if action not in ChangeAction.values:
        raise ValueError(f"Unknown change action {action!r}.")
    rows = [
        ClaimChange(
            claim_id=claim_id,
            action=action,
            actor=actor,
            note=note.strip(),
            changes=changes,
            version=version,
        )
        for claim_id, changes, version in entries
    ]
    ClaimChange.objects.bulk_create(rows, batch_size=1_000)
    return len(rows)
