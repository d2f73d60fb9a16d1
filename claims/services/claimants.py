"""Claimants: rename one, merge two that are one source, split a claim off to its real source.

Track records are counted from the claims by ``selectors.claimant_track_records``, so moving
claims is all a merge needs to recompute them. Every claim a change touches gets an entry
in its history.
"""

from collections.abc import Collection

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from claims.models import ChangeAction, Claim
from claims.services.curation import (
    ClaimantChoice,
    check_editor,
    check_note,
    locked_claim,
    resolve_claimant,
    save_new_version,
)
from claims.services.exceptions import ClaimantNameTaken, CurationRejected
from claims.services.history import record_change, record_changes
from sources.models import Claimant, claimant_key


def _claimant(claimant_id: int, field: str = "claimant") -> Claimant:
    claimant = Claimant.objects.select_for_update().filter(pk=claimant_id).first()
    if claimant is None:
        raise CurationRejected(f"No claimant with id {claimant_id}.", field=field)
    return claimant


def rename_claimant(
    *, claimant_id: int, name: str, note: str, editor, role: str | None = None
) -> Claimant:
    """Give a claimant a new name (and role). A name another claimant already has raises
    ClaimantNameTaken with that claimant's id: the two are one source, so merge them."""
    check_editor(editor)
    note = check_note(note)
    name = " ".join(name.split())
    if not claimant_key(name):
        raise CurationRejected("Give the new name.", field="name")
    with transaction.atomic():
        claimant = _claimant(claimant_id)
        taken = Claimant.objects.filter(key=claimant_key(name)).exclude(pk=claimant.pk).first()
        if taken is not None:
            raise ClaimantNameTaken(name, taken.pk)
        changes = {}
        if name != claimant.name:
            changes["claimant_name"] = [claimant.name, name]
        new_role = claimant.role if role is None else " ".join(role.split())
        if new_role != claimant.role:
            changes["claimant_role"] = [claimant.role, new_role]
        if not changes:
            raise CurationRejected("The claimant already has that name and role.", field="name")
        claimant.name, claimant.role = name, new_role
        try:
            with transaction.atomic():
                claimant.save(update_fields=["name", "key", "role"])
        except IntegrityError:
            raise ClaimantNameTaken(name, Claimant.objects.get(key=claimant_key(name)).pk) from None
        claim_ids = Claim.objects.filter(claimant=claimant).values_list("pk", flat=True)
        record_changes(
            [(claim_id, changes, None) for claim_id in claim_ids],
            action=ChangeAction.CLAIMANT_RENAMED,
            actor=editor,
            note=note,
        )
    return claimant


def merge_claimants(*, claimant_id: int, into_id: int, note: str, editor) -> Claimant:
    """Merge claimant ``claimant_id`` into ``into_id``: its claims move (each a new version,
    recorded), it is deleted, and ``into``'s track record now counts them. Returns ``into``."""
    check_editor(editor)
    note = check_note(note)
    if claimant_id == into_id:
        raise CurationRejected("A claimant cannot be merged into itself.", field="into")
    with transaction.atomic():
        # Lock both in id order, so two merges of the same pair cannot deadlock.
        first, second = sorted([claimant_id, into_id])
        locked = {first: _claimant(first), second: _claimant(second)}
        merged, into = locked[claimant_id], locked[into_id]
        moving = list(
            Claim.objects.select_for_update(no_key=True)
            .filter(claimant=merged)
            .order_by("pk")
            .values_list("pk", "version")
        )
        Claim.objects.filter(pk__in=[pk for pk, _ in moving]).update(
            claimant=into, version=F("version") + 1, updated_at=timezone.now()
        )
        changes = {"claimant": [merged.pk, into.pk], "claimant_name": [merged.name, into.name]}
        record_changes(
            [(pk, changes, version + 1) for pk, version in moving],
            action=ChangeAction.CLAIMANTS_MERGED,
            actor=editor,
            note=note,
        )
        merged.delete()
    return into


def split_claim_off(
    *,
    claim_id: int,
    name: str,
    note: str,
    editor,
    role: str = "",
    expected_version: int | Collection[int] | None = None,
) -> Claim:
    """Attribute one claim to another source than its claimant: the one named (found as
    ingest finds claimants, else created). The rest of the old claimant's claims stay."""
    check_editor(editor)
    note = check_note(note)
    with transaction.atomic():
        claim = locked_claim(claim_id, expected_version)
        if claim.claimant_id is None:
            raise CurationRejected(
                f"Claim {claim.pk} has no claimant to split it from; correct its claimant.",
                field="claim",
            )
        target = resolve_claimant(ClaimantChoice(name=name, role=role))
        if target.pk == claim.claimant_id:
            raise CurationRejected(
                f"Claim {claim.pk} is already attributed to {target.name}.", field="name"
            )
        old = claim.claimant
        claim = save_new_version(claim, {"claimant_id": target.pk})
        record_change(
            claim=claim,
            action=ChangeAction.CLAIMANT_SPLIT,
            actor=editor,
            note=note,
            changes={"claimant": [old.pk, target.pk], "claimant_name": [old.name, target.name]},
            version=claim.version,
        )
    return claim
