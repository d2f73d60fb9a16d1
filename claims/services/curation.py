"""Editors curate what the extractor found: add a claim it missed, correct one it got wrong,
reject one that is not a claim, restore a rejection. One path for the API, the admin and the
CLI; every change bumps the claim's version (refusing a stale one) and is recorded with its
note and each field's old and new value (claims.services.history).
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from claims.extraction import extract
from claims.models import (
    VERDICT_STATUSES,
    ChangeAction,
    Claim,
    ClaimKind,
    Incident,
    Origin,
    Outcome,
    Publication,
    RejectionReason,
)
from claims.services import matching
from claims.services.exceptions import (
    CurationRejected,
    DuplicateClaim,
    StaleVersion,
)
from claims.services.history import field_changes, record_change, record_changes
from claims.services.ingest import announce_claims
from claims.services.review import CAN_REVIEW_CLAIMS, check_version
from claims.services.selection import lock_claims, selected_ids
from claims.spec import CASUALTY_VALUE_FIELDS, CORRECTABLE_FIELDS
from sources.models import Article, Claimant, claimant_key

MAX_NOTE = 10_000


@dataclass(frozen=True)
class ClaimantChoice:
    """Who an editor says made a claim: an existing claimant by id, or a name (and role) that
    is matched to an existing claimant the way ingest matches them, else created."""

    id: int | None = None
    name: str = ""
    role: str = ""


def check_editor(editor) -> None:
    """Curation is for reviewers (permission claims.review_claim), like reviews."""
    if editor is None or not editor.is_authenticated:
        raise PermissionDenied("Only signed-in reviewers can curate claims.")
    if not editor.has_perm(CAN_REVIEW_CLAIMS):
        raise PermissionDenied("Only reviewers can curate claims.")


def check_note(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise CurationRejected("A note saying why is required.", field="note")
    if len(note) > MAX_NOTE:
        raise CurationRejected(f"The note is over {MAX_NOTE:,} characters.", field="note")
    return note


def _is_word_character(character: str) -> bool:
    return character.isalnum()


def span_text(body: str, start, end) -> str:
    """``body[start:end]`` if that is a span an editor may anchor a claim to: inside the body,
    not empty or only spaces, and not cutting a word at either end. The text always comes
    from the body, never from the client."""
    for name, offset in (("start", start), ("end", end)):
        if type(offset) is not int or offset < 0:
            raise CurationRejected(f"{name} must be a whole number, 0 or more.", field=name)
    if end > len(body):
        raise CurationRejected(
            f"end {end} is past the end of the article ({len(body)} characters).", field="end"
        )
    if start >= end:
        raise CurationRejected("The span is empty: start must be before end.", field="end")
    text = body[start:end]
    if not text.strip():
        raise CurationRejected("The span holds only spaces.", field="start")
    if text[0].isspace():
        raise CurationRejected("The span starts with a space.", field="start")
    if text[-1].isspace():
        raise CurationRejected("The span ends with a space.", field="end")
    if start > 0 and _is_word_character(body[start - 1]) and _is_word_character(body[start]):
        raise CurationRejected(
            f"start {start} cuts the word {_word_at(body, start)!r}.", field="start"
        )
    if end < len(body) and _is_word_character(body[end - 1]) and _is_word_character(body[end]):
        raise CurationRejected(f"end {end} cuts the word {_word_at(body, end)!r}.", field="end")
    return text


def _word_at(body: str, offset: int) -> str:
    left = offset
    while left > 0 and _is_word_character(body[left - 1]):
        left -= 1
    right = offset
    while right < len(body) and _is_word_character(body[right]):
        right += 1
    word = body[left:right]
    return word if len(word) <= 40 else word[:39] + "…"


def _check_figures(values: dict) -> None:
    """The rules on kind, outcome and counts, checked on the claim as it would be saved."""
    if values["kind"] not in ClaimKind.values:
        raise CurationRejected(
            f"Unknown kind {values['kind']!r}; use one of: {', '.join(ClaimKind.values)}.",
            field="kind",
        )
    if values["outcome"] and values["outcome"] not in Outcome.values:
        raise CurationRejected(
            f"Unknown outcome {values['outcome']!r}; use one of: {', '.join(Outcome.values)}.",
            field="outcome",
        )
    count_min, count_max = values["count_min"], values["count_max"]
    for name, count in (("count_min", count_min), ("count_max", count_max)):
        if count is not None and (type(count) is not int or count < 0):
            raise CurationRejected(f"{name} must be a whole number, 0 or more.", field=name)
    if count_min is None and count_max is not None:
        raise CurationRejected("Give count_min when giving count_max.", field="count_min")
    if count_min is not None and count_max is not None and count_min > count_max:
        raise CurationRejected(
            f"count_min {count_min} is more than count_max {count_max}.", field="count_max"
        )
    if values["lower_bound"] and values["upper_bound"]:
        raise CurationRejected(
            'A count cannot be both "at least" and "up to".', field="upper_bound"
        )
    if values["kind"] == ClaimKind.CASUALTY and not values["outcome"]:
        raise CurationRejected("A casualty count needs an outcome.", field="outcome")
    if values["kind"] != ClaimKind.STATEMENT and count_min is None and not values["outcome"]:
        raise CurationRejected("A count needs count_min.", field="count_min")


def resolve_claimant(choice: ClaimantChoice | None) -> Claimant | None:
    """The claimant an editor chose: by id, else by name (found as ingest finds them, else
    created with the role given)."""
    if choice is None:
        return None
    if choice.id is not None:
        claimant = Claimant.objects.filter(pk=choice.id).first()
        if claimant is None:
            raise CurationRejected(f"No claimant with id {choice.id}.", field="claimant")
        return claimant
    name = " ".join(choice.name.split())
    key = claimant_key(name)
    if not key:
        raise CurationRejected("Give the claimant's name (or its id).", field="claimant")
    if len(name) > 300 or len(choice.role) > 300:
        raise CurationRejected(
            "Claimant names and roles are at most 300 characters.", field="claimant"
        )
    claimant = Claimant.objects.filter(key=key).first()
    if claimant is None:
        try:
            with transaction.atomic():
                claimant = Claimant.objects.create(name=name, role=" ".join(choice.role.split()))
        except IntegrityError:
            claimant = Claimant.objects.get(key=key)
    return claimant


def _article_incident(article: Article, claim: Claim | None = None) -> Incident:
    """The incident the article's casualty claims are about, opened if it has none yet."""
    others = Claim.objects.filter(article=article, incident__isnull=False)
    if claim is not None:
        others = others.exclude(pk=claim.pk)
    incident_id = others.order_by("id").values_list("incident_id", flat=True).first()
    if incident_id is not None:
        return Incident.objects.get(pk=incident_id)
    return Incident.objects.create(title=article.title[:300])


def _duplicate_of(article_id: int, kind: str, start: int, end: int, exclude_id=None):
    duplicates = Claim.objects.filter(article_id=article_id, kind=kind, start=start, end=end)
    if exclude_id is not None:
        duplicates = duplicates.exclude(pk=exclude_id)
    return duplicates.values_list("pk", flat=True).first()


def _record_values(claim: Claim) -> dict:
    """A claim's correctable fields (and what follows from them) as the record keeps them."""
    return {
        "text": claim.text,
        **{name: getattr(claim, name) for name in CORRECTABLE_FIELDS},
        "attribution": claim.attribution,
        "incident": claim.incident_id,
    }


def add_claim(
    *,
    article_id: int,
    start: int,
    end: int,
    kind: str,
    note: str,
    editor,
    outcome: str = "",
    count_min: int | None = None,
    count_max: int | None = None,
    approximate: bool = False,
    lower_bound: bool = False,
    upper_bound: bool = False,
    group: str = "",
    claimant: ClaimantChoice | None = None,
) -> Claim:
    """Add a claim the extractor missed, anchored to ``article.body[start:end]``.

    The text is taken from the body. Refuses (CurationRejected naming the field) a span
    outside the body, empty or cutting a word, and inconsistent counts; raises
    DuplicateClaim with the existing claim's id if that kind already has that span. The
    claim's origin is "editor"; its history starts with an "added" entry at version 1.
    """
    check_editor(editor)
    note = check_note(note)
    values = {
        "kind": kind,
        "outcome": outcome or "",
        "count_min": count_min,
        "count_max": count_min if count_max is None else count_max,
        "approximate": bool(approximate),
        "lower_bound": bool(lower_bound),
        "upper_bound": bool(upper_bound),
        "group": " ".join((group or "").split())[:200],
    }
    _check_figures(values)
    with transaction.atomic():
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            raise CurationRejected(f"No article with id {article_id}.", field="article")
        text = span_text(article.body, start, end)
        existing = _duplicate_of(article.pk, kind, start, end)
        if existing is not None:
            raise DuplicateClaim(existing)
        speaker = resolve_claimant(claimant)
        claim = Claim(
            article=article,
            incident=_article_incident(article) if kind == ClaimKind.CASUALTY else None,
            text=text,
            start=start,
            end=end,
            claimant=speaker,
            attribution=speaker.name if speaker else "",
            origin=Origin.EDITOR,
            **values,
        )
        try:
            with transaction.atomic():
                claim.save()
        except IntegrityError:
            existing = _duplicate_of(article.pk, kind, start, end)
            if existing is None:
                raise
            raise DuplicateClaim(existing) from None
        record_change(
            claim=claim,
            action=ChangeAction.ADDED,
            actor=editor,
            note=note,
            changes=field_changes({}, _record_values(claim)),
            version=claim.version,
        )
        announce_claims(Claim.objects.filter(pk=claim.pk))
    return claim


def locked_claim(claim_id: int, expected_version: int | Collection[int] | None) -> Claim:
    claim = Claim.objects.select_for_update(no_key=True).select_related("article").get(pk=claim_id)
    check_version(claim, expected_version)
    return claim


def save_new_version(claim: Claim, fields: dict) -> Claim:
    """Write ``fields`` and version + 1 if the claim is still at the version read."""
    updated = Claim.objects.filter(pk=claim.pk, version=claim.version).update(
        **fields, version=F("version") + 1, updated_at=timezone.now()
    )
    if updated != 1:
        current = Claim.objects.values_list("version", flat=True).get(pk=claim.pk)
        raise StaleVersion(claim.pk, current)
    claim.refresh_from_db()
    return claim


_UNSET = object()


def correct_claim(
    *,
    claim_id: int,
    note: str,
    editor,
    expected_version: int | Collection[int] | None = None,
    claimant=_UNSET,
    **corrections,
) -> Claim:
    """Correct an extracted (or added) claim: any of CORRECTABLE_FIELDS, with a note.

    A new span is checked against the article body like an added one and the text follows
    it. ``claimant`` takes a ClaimantChoice, or None to say the article speaks in its own
    voice. Refuses a stale ``expected_version`` (StaleVersion), a rejected claim and a
    correction that changes nothing; records which fields changed from what to what.
    """
    check_editor(editor)
    note = check_note(note)
    unknown = set(corrections) - set(CORRECTABLE_FIELDS)
    if unknown:
        field = sorted(unknown)[0]
        raise CurationRejected(f"{field} cannot be corrected.", field=field)
    with transaction.atomic():
        claim = locked_claim(claim_id, expected_version)
        if claim.rejection_reason:
            raise CurationRejected(
                f"Claim {claim.pk} is rejected ({claim.get_rejection_reason_display()}); "
                "restore it before correcting it."
            )
        before = _record_values(claim)
        values = {name: corrections.get(name, before[name]) for name in CORRECTABLE_FIELDS}
        values["outcome"] = values["outcome"] or ""
        values["group"] = " ".join((values["group"] or "").split())[:200]
        if "count_min" in corrections and "count_max" not in corrections:
            values["count_max"] = values["count_min"]
        for name in ("approximate", "lower_bound", "upper_bound"):
            values[name] = bool(values[name])
        _check_figures(values)
        if claimant is not _UNSET:
            speaker = resolve_claimant(claimant)
            values["claimant"] = speaker
            values["attribution"] = speaker.name if speaker else ""
        else:
            values["claimant"] = claim.claimant
        if (values["start"], values["end"]) != (claim.start, claim.end):
            values["text"] = span_text(claim.article.body, values["start"], values["end"])
        else:
            values["text"] = claim.text
        if (values["kind"], values["start"], values["end"]) != (
            claim.kind,
            claim.start,
            claim.end,
        ):
            existing = _duplicate_of(
                claim.article_id, values["kind"], values["start"], values["end"], claim.pk
            )
            if existing is not None:
                raise DuplicateClaim(existing)
        if values["kind"] != ClaimKind.CASUALTY:
            values["incident"] = None
        elif claim.kind != ClaimKind.CASUALTY:
            values["incident"] = _article_incident(claim.article, claim)
        else:
            values["incident"] = claim.incident
        changes = field_changes(before, values)
        if not changes:
            raise CurationRejected("The correction changes nothing.")
        fields = {
            ("incident_id" if name == "incident" else name): (
                value.pk if hasattr(value, "pk") else value
            )
            for name, value in values.items()
        }
        fields["claimant_id"] = fields.pop("claimant")
        claim = save_new_version(claim, fields)
        record_change(
            claim=claim,
            action=ChangeAction.CORRECTED,
            actor=editor,
            note=note,
            changes=changes,
            version=claim.version,
        )
        _regroup({before["incident"], claim.incident_id})
    return claim


def _regroup(incident_ids: Iterable[int | None]) -> None:
    """A claim rejected, restored or corrected changes its incident's same-claim groups and
    matching facts (rejected claims are in neither)."""
    incident_ids = {pk for pk in incident_ids if pk is not None}
    matching.regroup_incidents(incident_ids)
    matching.refresh_incident_facts(incident_ids)


def _check_reason(reason: str) -> None:
    if reason not in RejectionReason.values:
        raise CurationRejected(
            f"Unknown reason {reason!r}; use one of: {', '.join(RejectionReason.values)}.",
            field="reason",
        )


def _verdict_message(claim_id: int, status: str) -> str:
    return (
        f"Claim {claim_id} has a published verdict ({status}); an editor withdraws it before "
        "it can be rejected."
    )


def reject_claim(
    *,
    claim_id: int,
    reason: str,
    note: str,
    editor,
    expected_version: int | Collection[int] | None = None,
) -> Claim:
    """Say a claim is not one to track, with a reason and a note. It leaves every list,
    contradiction, incident figure, track record and public page, but stays with its history.
    A claim with a published verdict is refused until an editor withdraws it; a verdict
    awaiting publication leaves the publication queue with the claim."""
    check_editor(editor)
    note = check_note(note)
    _check_reason(reason)
    with transaction.atomic():
        claim = locked_claim(claim_id, expected_version)
        if claim.rejection_reason:
            raise CurationRejected(f"Claim {claim.pk} is already rejected.")
        if claim.publication == Publication.PUBLISHED:
            raise CurationRejected(_verdict_message(claim.pk, claim.public_status))
        claim = save_new_version(claim, {"rejection_reason": reason, "awaiting_publication": False})
        record_change(
            claim=claim,
            action=ChangeAction.REJECTED,
            actor=editor,
            note=note,
            changes={"rejection_reason": ["", reason]},
            version=claim.version,
        )
        _regroup({claim.incident_id})
    return claim


def bulk_reject(*, claim_ids: Iterable[int], reason: str, note: str, editor) -> int:
    """Reject many claims with one reason and note, all or nothing; returns how many.

    Unknown ids raise UnknownClaims; claims already rejected are left as they are; any with
    a published verdict refuses the whole batch, naming them.
    """
    check_editor(editor)
    note = check_note(note)
    _check_reason(reason)
    wanted = selected_ids(claim_ids, CurationRejected("No claims selected.", field="ids"))
    with transaction.atomic():
        rows = lock_claims(
            wanted, "version", "publication", "public_status", "rejection_reason", "incident_id"
        )
        published = [
            (pk, status)
            for pk, _, publication, status, _, _ in rows
            if publication == Publication.PUBLISHED
        ]
        if published:
            pk, status = published[0]
            more = f" (and {len(published) - 1} more)" if len(published) > 1 else ""
            raise CurationRejected(_verdict_message(pk, status) + more, field="ids")
        to_reject = [(pk, version) for pk, version, _, _, rejected, _ in rows if not rejected]
        Claim.objects.filter(pk__in=[pk for pk, _ in to_reject]).update(
            rejection_reason=reason,
            awaiting_publication=False,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        record_changes(
            [(pk, {"rejection_reason": ["", reason]}, version + 1) for pk, version in to_reject],
            action=ChangeAction.REJECTED,
            actor=editor,
            note=note,
        )
        _regroup(incident for _, _, _, _, rejected, incident in rows if not rejected)
    return len(to_reject)


def restore_claim(
    *, claim_id: int, note: str, editor, expected_version: int | Collection[int] | None = None
) -> Claim:
    """Undo a rejection: the claim returns to the lists as it was, with a note (a verdict
    it carries awaits publication again)."""
    check_editor(editor)
    note = check_note(note)
    with transaction.atomic():
        claim = locked_claim(claim_id, expected_version)
        if not claim.rejection_reason:
            raise CurationRejected(f"Claim {claim.pk} is not rejected.")
        reason = claim.rejection_reason
        claim = save_new_version(
            claim,
            {"rejection_reason": "", "awaiting_publication": claim.status in VERDICT_STATUSES},
        )
        record_change(
            claim=claim,
            action=ChangeAction.RESTORED,
            actor=editor,
            note=note,
            changes={"rejection_reason": [reason, ""]},
            version=claim.version,
        )
        _regroup({claim.incident_id})
    return claim


def suggest_claim(body: str, start: int, end: int) -> dict:
    """What the extractor reads from ``body[start:end]``, to prefill the editor's form: the
    extracted claim overlapping the span most, a count before a statement (its kind, outcome,
    counts, qualifiers, group and speaker), else what the extractor reads in the span alone.
    The editor confirms or changes every value."""
    text = span_text(body, start, end)
    best, best_rank = None, None
    for found in extract(body):
        overlap = min(end, found.end) - max(start, found.start)
        # Most overlap; then a count over a statement; then the tightest span.
        rank = (overlap, found.kind != ClaimKind.STATEMENT, found.start - found.end)
        if overlap > 0 and (best_rank is None or rank > best_rank):
            best, best_rank = found, rank
    if best is None:
        local = [found for found in extract(text) if found.kind != ClaimKind.STATEMENT]
        best = local[0] if local else None
    suggestion = {"text": text, "kind": ClaimKind.CASUALTY, "outcome": "", "group": ""}
    suggestion.update(count_min=None, count_max=None, claimant_name="", claimant_role="")
    suggestion.update(approximate=False, lower_bound=False, upper_bound=False)
    if best is not None:
        suggestion.update({name: getattr(best, name) for name in CASUALTY_VALUE_FIELDS})
        suggestion.update(
            kind=best.kind,
            outcome=best.outcome or "",
            claimant_name=best.speaker.name if best.speaker else "",
            claimant_role=best.speaker.role if best.speaker else "",
        )
    return suggestion
