"""Reviews: a claim's status changes only here, with exactly one Review per change."""

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Required, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import DateTimeField, F, JSONField, Value
from django.utils import timezone

from claims import selectors
from claims.models import VERDICT_STATUSES, ChangeAction, Claim, Review, Status, WebhookEvent
from claims.services import webhooks
from claims.services.exceptions import (
    ConflictingVerdict,
    ReviewRejected,
    StaleVersion,
    VerdictRulesUnmet,
)
from claims.services.history import record_changes
from claims.services.selection import lock_claims, selected_ids
from claims.services.validation import http_url_validator

# Changing a claim's status (and importing such decisions); the ``reviewers`` group has it.
CAN_REVIEW_CLAIMS = "claims.review_claim"
# The limits of one review, whichever door it comes through (API, admin, CSV import).
MAX_NOTE_LENGTH = 10_000
MAX_EVIDENCE_URLS = 20
MAX_LABEL_LENGTH = 200
# One bulk review's claims: the API's limit, and now the admin's select-all's too.
MAX_BULK_IDS = 50_000


def check_note(note: str) -> str:
    """The note, stripped; ReviewRejected when it is missing or longer than MAX_NOTE_LENGTH."""
    note = (note or "").strip()
    if not note:
        raise ReviewRejected("A note saying why is required for every review.")
    if len(note) > MAX_NOTE_LENGTH:
        raise ReviewRejected(
            f"A note may have at most {MAX_NOTE_LENGTH:,} characters; this one has {len(note):,}."
        )
    return note


def check_evidence_urls(urls: Iterable[str]) -> list[str]:
    """The evidence URLs, if there are at most MAX_EVIDENCE_URLS and each is http(s)."""
    urls = list(urls)
    if len(urls) > MAX_EVIDENCE_URLS:
        raise ReviewRejected(f"At most {MAX_EVIDENCE_URLS} evidence URLs per review.")
    for url in urls:
        try:
            http_url_validator(url)
        except ValidationError:
            raise ReviewRejected(f"Evidence {url!r} is not an http(s) URL.") from None
    return urls


def _check_review_request(
    reviewer,
    status: str,
    note: str,
    evidence_urls: Sequence[str],
    rationale: str = "",
    evidence_labels: Mapping[str, str] | None = None,
) -> None:
    if reviewer is None or not reviewer.is_authenticated:
        raise PermissionDenied("Only signed-in reviewers can change a claim's status.")
    if not reviewer.has_perm(CAN_REVIEW_CLAIMS):
        raise PermissionDenied("Only reviewers can change a claim's status.")
    if status not in Status.values:
        allowed = ", ".join(Status.values)
        raise ReviewRejected(f"Unknown status {status!r}; use one of: {allowed}.")
    check_note(note)
    check_evidence_urls(evidence_urls)
    for url, label in (evidence_labels or {}).items():
        if url not in evidence_urls:
            raise ReviewRejected(f"The label {label!r} is for {url!r}, which is not evidence.")
        if len(label) > MAX_LABEL_LENGTH:
            raise ReviewRejected(f"Evidence labels are at most {MAX_LABEL_LENGTH} characters.")
    check_verdict_rules(status, rationale=rationale, evidence_urls=evidence_urls)


def check_verdict_rules(status: str, *, rationale: str, evidence_urls: Sequence[str]) -> None:
    """What FACTCHECK_VERDICT_RULES requires of a verdict with this status, or
    VerdictRulesUnmet naming what is missing. ``{"confirmed": {"evidence": 1}, "unverifiable":
    {"rationale": True}}`` means a confirmation needs one evidence URL and "unverifiable" a
    public rationale; statuses not listed need neither."""
    rule = settings.FACTCHECK_VERDICT_RULES.get(status, {})
    missing, needs = [], []
    evidence_needed = int(rule.get("evidence", 0))
    if len(evidence_urls) < evidence_needed:
        missing.append("evidence_urls")
        needs.append(f"at least {evidence_needed} evidence URL{'s' if evidence_needed > 1 else ''}")
    if rule.get("rationale") and not (rationale or "").strip():
        missing.append("rationale")
        needs.append("a public rationale")
    if missing:
        raise VerdictRulesUnmet(
            status,
            missing,
            f"A {Status(status).label.lower()} verdict needs {' and '.join(needs)}.",
        )


def _check_conflicts(claim_ids, *, acknowledge_conflict: bool, conflict_note: str, actor) -> None:
    """After claims were set to confirmed (inside the transaction): refuse, by raising, if any
    of them contradicts a confirmed claim, unless the conflict is acknowledged with a note;
    an acknowledgement is recorded on each claim it concerns."""
    conflicts = selectors.confirmed_conflicts(claim_ids)
    if not conflicts:
        return
    if not acknowledge_conflict:
        raise ConflictingVerdict(conflicts)
    if not (conflict_note or "").strip():
        raise ReviewRejected(
            "acknowledge_conflict needs a conflict_note saying why both figures can stand."
        )
    record_changes(
        [(claim, {"contradicts": [None, others]}, None) for claim, others in conflicts.items()],
        action=ChangeAction.CONFLICT_ACKNOWLEDGED,
        actor=actor,
        note=conflict_note,
    )


def _rejected_message(claim_ids: list[int]) -> str:
    shown = ", ".join(str(pk) for pk in claim_ids[:10])
    more = f" and {len(claim_ids) - 10} more" if len(claim_ids) > 10 else ""
    return (
        f"Rejected claims are not reviewed: {shown}{more}. Restore them first; nothing was changed."
    )


def check_version(claim: Claim, expected_version: int | Collection[int] | None) -> None:
    """Refuse a write made against another version than the claim's (StaleVersion): one
    version, or any of several (an If-Match list); None accepts any."""
    if expected_version is None:
        return
    accepted = {expected_version} if isinstance(expected_version, int) else expected_version
    if claim.version not in accepted:
        raise StaleVersion(claim.pk, claim.version)


def review_claim(
    *,
    claim_id: int,
    status: str,
    note: str,
    reviewer,
    evidence_urls: Sequence[str] = (),
    evidence_labels: Mapping[str, str] | None = None,
    rationale: str = "",
    expected_version: int | Collection[int] | None = None,
    acknowledge_conflict: bool = False,
    conflict_note: str = "",
) -> Claim:
    """Change one claim's status and record exactly one Review, atomically.

    ``note`` is internal; ``rationale`` is what readers see once an editor publishes the
    verdict (a review never publishes anything). With ``expected_version`` (one version, or
    any of several: an If-Match list) the write is optimistic: if the claim has moved on
    since the client read it, StaleVersion is raised and nothing changes. Confirming a claim
    that contradicts a confirmed one raises ConflictingVerdict unless ``acknowledge_conflict``
    comes with a ``conflict_note``.
    """
    evidence_urls = list(evidence_urls)
    evidence_labels = {url: label for url, label in (evidence_labels or {}).items() if label}
    _check_review_request(reviewer, status, note, evidence_urls, rationale, evidence_labels)
    with transaction.atomic():
        claim = Claim.objects.select_for_update(no_key=True).get(pk=claim_id)
        check_version(claim, expected_version)
        if claim.rejection_reason:
            raise ReviewRejected(_rejected_message([claim.pk]))
        now = timezone.now()
        updated = Claim.objects.filter(pk=claim.pk, version=claim.version).update(
            status=status,
            version=F("version") + 1,
            updated_at=now,
            awaiting_publication=status in VERDICT_STATUSES,
        )
        if updated != 1:
            current = Claim.objects.values_list("version", flat=True).get(pk=claim.pk)
            raise StaleVersion(claim.pk, current)
        Review.objects.create(
            claim=claim,
            from_status=claim.status,
            to_status=status,
            version=claim.version + 1,
            note=check_note(note),
            rationale=(rationale or "").strip(),
            evidence_urls=evidence_urls,
            evidence_labels=evidence_labels,
            reviewer=reviewer,
        )
        if status == Status.CONFIRMED:
            _check_conflicts(
                [claim.pk],
                acknowledge_conflict=acknowledge_conflict,
                conflict_note=conflict_note,
                actor=reviewer,
            )
        if claim.status != status:
            webhooks.notify(
                WebhookEvent.STATUS_CHANGED,
                [_status_changed(claim.pk, claim.status, status, claim.version + 1, now)],
            )
        claim.refresh_from_db()
    return claim


def _status_changed(claim_id, from_status, to_status, version, at) -> dict:
    return {
        "claim": claim_id,
        "from_status": from_status,
        "to_status": to_status,
        "version": version,
        "changed_at": at.isoformat(),
    }


def bulk_review(
    *,
    claim_ids: Iterable[int],
    status: str,
    note: str,
    reviewer,
    evidence_urls: Sequence[str] = (),
    evidence_labels: Mapping[str, str] | None = None,
    rationale: str = "",
    acknowledge_conflict: bool = False,
    conflict_note: str = "",
) -> int:
    """Give many claims the same status with one Review each, all or nothing.

    Runs a fixed number of queries whatever the number of claims: lock, one INSERT ...
    SELECT of the reviews (reading each claim's status and version before they change), one
    UPDATE, and for confirmations one contradiction check (which also catches two claims of
    the selection that contradict each other). Any unknown id raises UnknownClaims, and any
    rejected claim ReviewRejected, before anything is written. Returns the number of claims
    reviewed.
    """
    evidence_urls = list(evidence_urls)
    evidence_labels = {url: label for url, label in (evidence_labels or {}).items() if label}
    _check_review_request(reviewer, status, note, evidence_urls, rationale, evidence_labels)
    wanted = selected_ids(claim_ids, ReviewRejected("No claims selected."))
    if len(wanted) > MAX_BULK_IDS:
        raise ReviewRejected(
            f"{len(wanted):,} claims are selected; a bulk review takes at most "
            f"{MAX_BULK_IDS:,}. Narrow the selection with the filters."
        )
    with transaction.atomic():
        found = dict(lock_claims(wanted, "rejection_reason"))
        rejected = [pk for pk, reason in found.items() if reason]
        if rejected:
            raise ReviewRejected(_rejected_message(rejected))
        now = timezone.now()
        changed = (
            _status_changes(wanted, status, now)
            if webhooks.subscribed(WebhookEvent.STATUS_CHANGED)
            else []
        )
        _insert_reviews_from_claims(
            wanted,
            to_status=status,
            note=check_note(note),
            rationale=(rationale or "").strip(),
            evidence_urls=evidence_urls,
            evidence_labels=evidence_labels,
            reviewer=reviewer,
            created_at=now,
        )
        Claim.objects.filter(pk__in=wanted).update(
            status=status,
            version=F("version") + 1,
            updated_at=now,
            awaiting_publication=status in VERDICT_STATUSES,
        )
        if status == Status.CONFIRMED:
            _check_conflicts(
                wanted,
                acknowledge_conflict=acknowledge_conflict,
                conflict_note=conflict_note,
                actor=reviewer,
            )
        webhooks.notify(WebhookEvent.STATUS_CHANGED, changed)
    return len(wanted)


def _status_changes(claim_ids, status: str, at) -> list[dict]:
    """The status.changed events of a bulk review, read before the claims change."""
    return [
        _status_changed(pk, old, status, version + 1, at)
        for pk, old, version in Claim.objects.filter(pk__in=claim_ids)
        .exclude(status=status)
        .values_list("pk", "status", "version")
    ]


_REVIEW_COLUMNS = (
    "claim_id",
    "from_status",
    "to_status",
    "version",
    "note",
    "rationale",
    "evidence_urls",
    "evidence_labels",
    "reviewer_id",
    "created_at",
)


def _insert_reviews_from_claims(
    claim_ids, *, to_status, note, rationale, evidence_urls, evidence_labels, reviewer, created_at
) -> None:
    """One Review per claim in a single INSERT ... SELECT over the (locked) claims, read
    before their status changes. For 10,000 claims, building Review objects and sending
    90,000 parameters cost more than PostgreSQL takes to write the rows."""
    reviews = (
        Claim.objects.filter(pk__in=claim_ids)
        .order_by()
        .annotate(
            review_to_status=Value(to_status),
            review_version=F("version") + 1,
            review_note=Value(note),
            review_rationale=Value(rationale),
            review_evidence_urls=Value(evidence_urls, output_field=JSONField()),
            review_evidence_labels=Value(evidence_labels, output_field=JSONField()),
            review_reviewer_id=Value(reviewer.pk),
            review_created_at=Value(created_at, output_field=DateTimeField()),
        )
        .values_list(
            "pk",
            "status",
            "review_to_status",
            "review_version",
            "review_note",
            "review_rationale",
            "review_evidence_urls",
            "review_evidence_labels",
            "review_reviewer_id",
            "review_created_at",
        )
    )
    select_sql, params = reviews.query.sql_with_params()
    table = connection.ops.quote_name(Review._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in _REVIEW_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {select_sql}", params)


class Verdict(TypedDict, total=False):
    """A decision as bulk_review takes it (its arguments but the claims), for the services
    that hand it on."""

    status: Required[str]
    note: Required[str]
    reviewer: Required[object]
    evidence_urls: Sequence[str]
    evidence_labels: Mapping[str, str] | None
    rationale: str
    acknowledge_conflict: bool
    conflict_note: str


def review_group(*, claim_id: int, **verdict: Unpack[Verdict]) -> list[int]:
    """Give a claim and every claim of its same-claim group (``same_as``) one verdict: one
    Review each, in one transaction (``bulk_review``, so the desk's verdict rules and the
    contradiction guard hold), and in each claim's history that it was decided with its
    group. Returns the ids reviewed."""
    with transaction.atomic():
        group = Claim.objects.filter(pk=claim_id).values_list("same_as_id", flat=True).first()
        if group is None and not Claim.objects.filter(pk=claim_id).exists():
            raise Claim.DoesNotExist(f"No claim with id {claim_id}.")
        ids = (
            sorted(
                Claim.objects.filter(same_as_id=group, rejection_reason="").values_list(
                    "pk", flat=True
                )
            )
            if group is not None
            else [claim_id]
        )
        bulk_review(claim_ids=ids, **verdict)
        record_changes(
            [(pk, {"same_as": [None, group]}, None) for pk in ids if group is not None],
            action=ChangeAction.GROUP_REVIEWED,
            actor=verdict["reviewer"],
            note=verdict["note"],
        )
    return ids
