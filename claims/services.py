"""Every write to claims goes through here, whether it comes from the API, the admin or the CLI.

Each service runs in one transaction and either does all of its work or none of it.
"""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import DateTimeField, F, JSONField, Value
from django.utils import timezone

from claims.extraction import ExtractedClaim, extract
from claims.models import Claim, ClaimKind, Incident, IngestBatch, IngestItem, Review, Status
from sources.models import Article, Claimant, Outlet, claimant_key, content_hash

log = logging.getLogger(__name__)

REVIEW_PERMISSION = "claims.review_claim"
MAX_EVIDENCE_URLS = 20


class ArticleRejected(ValueError):
    """The article cannot be stored as given; the message says why."""


class ReviewRejected(ValueError):
    """The review request is invalid (unknown status, missing note, bad evidence URL)."""


class UnknownClaims(ReviewRejected):
    """Some of the claim ids do not exist; nothing was changed."""

    def __init__(self, missing_ids: Sequence[int]):
        self.missing_ids = sorted(missing_ids)
        shown = ", ".join(str(claim_id) for claim_id in self.missing_ids[:20])
        more = "" if len(self.missing_ids) <= 20 else f" and {len(self.missing_ids) - 20} more"
        super().__init__(f"Unknown claim ids: {shown}{more}. Nothing was changed.")


class StaleVersion(Exception):
    """The claim changed since the client read it; the write was refused."""

    def __init__(self, claim_id: int, current_version: int):
        self.claim_id = claim_id
        self.current_version = current_version
        super().__init__(
            f"Claim {claim_id} is at version {current_version}; reload it and decide again."
        )


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool
    claim_count: int


_url_validator = URLValidator(schemes=["http", "https"])


def _validate_url(url: str, what: str) -> None:
    try:
        _url_validator(url)
    except ValidationError:
        raise ArticleRejected(f"{what} {url!r} is not an http(s) URL") from None


def validate_article_body(body: str) -> None:
    """Refuse bodies the tracker cannot anchor claims in: empty or over ARTICLE_MAX_BYTES."""
    if not body or not body.strip():
        raise ArticleRejected("The article body is empty.")
    size = len(body.encode("utf-8", errors="surrogatepass"))
    if size > settings.ARTICLE_MAX_BYTES:
        raise ArticleRejected(
            f"The article body is {size:,} bytes; the limit is {settings.ARTICLE_MAX_BYTES:,}."
        )


def ingest_article(
    *,
    title: str,
    body: str,
    url: str = "",
    outlet: str = "",
    published_on=None,
    language: str = "en",
    ingested_by=None,
    extracted: list[ExtractedClaim] | None = None,
) -> IngestResult:
    """Store an article and the claims extracted from it, or return the one already stored.

    Idempotent on the body's content hash: the same text ingested twice is one article, and
    the second call changes nothing. The article and all its claims are written in one
    transaction, so no article is ever left with half its claims.
    """
    validate_article_body(body)
    title = " ".join(title.split())[:500] or body.strip().split("\n", 1)[0][:500]
    if url:
        _validate_url(url, "URL")
    body_hash = content_hash(body)
    existing = Article.objects.filter(content_hash=body_hash).first()
    if existing is not None:
        return IngestResult(existing, created=False, claim_count=existing.claims.count())
    if url and Article.objects.filter(url=url).exists():
        raise ArticleRejected(f"Another article with different text is already stored at {url}.")

    if extracted is None:
        extracted = extract(body)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title,
                body=body,
                url=url,
                outlet=_outlet_named(outlet),
                published_on=published_on,
                language=language or "en",
                content_hash=body_hash,
                ingested_by=ingested_by,
            )
            claims = _store_claims(article, extracted)
    except IntegrityError:
        # A concurrent ingest of the same text won the race: that article is this one.
        existing = Article.objects.filter(content_hash=body_hash).first()
        if existing is None:
            raise
        return IngestResult(existing, created=False, claim_count=existing.claims.count())
    return IngestResult(article, created=True, claim_count=len(claims))


def _outlet_named(name: str) -> Outlet | None:
    name = " ".join(name.split())[:200]
    if not name:
        return None
    outlet, _ = Outlet.objects.get_or_create(name=name)
    return outlet


def _claimants_for(extracted: Iterable[ExtractedClaim]) -> dict[str, Claimant]:
    """Find or create one Claimant per distinct speaker key, in three queries at most."""
    speakers = {}
    for claim in extracted:
        if claim.speaker is not None and claimant_key(claim.speaker.name):
            speakers.setdefault(claimant_key(claim.speaker.name), claim.speaker)
    if not speakers:
        return {}
    found = {c.key: c for c in Claimant.objects.filter(key__in=speakers)}
    missing = [
        Claimant(
            name=speaker.name[:300],
            key=key,
            kind=speaker.kind if speaker.kind in Claimant.Kind.values else Claimant.Kind.UNKNOWN,
            role=speaker.role[:300],
            affiliation=speaker.affiliation[:300],
        )
        for key, speaker in speakers.items()
        if key not in found
    ]
    if missing:
        Claimant.objects.bulk_create(missing, ignore_conflicts=True)
        found = {c.key: c for c in Claimant.objects.filter(key__in=speakers)}
    return found


def _store_claims(article: Article, extracted: list[ExtractedClaim]) -> list[Claim]:
    claimants = _claimants_for(extracted)
    incident = None
    if any(claim.kind == ClaimKind.CASUALTY for claim in extracted):
        incident = Incident.objects.create(title=article.title[:300])
    seen_spans = set()
    rows = []
    for found in extracted:
        span = (found.kind, found.start, found.end)
        if span in seen_spans or article.body[found.start : found.end] != found.text:
            if span not in seen_spans:
                log.warning("Extractor span %s does not match the article text", span)
            continue
        seen_spans.add(span)
        speaker = found.speaker
        rows.append(
            Claim(
                article=article,
                incident=incident if found.kind == ClaimKind.CASUALTY else None,
                kind=found.kind,
                text=found.text,
                start=found.start,
                end=found.end,
                claimant=claimants.get(claimant_key(speaker.name)) if speaker else None,
                attribution=speaker.as_written[:300] if speaker else "",
                outcome=found.outcome or "",
                count_min=found.count_min,
                count_max=found.count_max,
                approximate=found.approximate,
                lower_bound=found.lower_bound,
                upper_bound=found.upper_bound,
                group=found.group[:200],
            )
        )
    return Claim.objects.bulk_create(rows)


def _check_review_request(reviewer, status: str, note: str, evidence_urls: Sequence[str]) -> None:
    if reviewer is None or not reviewer.is_authenticated:
        raise PermissionDenied("Only signed-in reviewers can change a claim's status.")
    if not reviewer.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied("Only reviewers can change a claim's status.")
    if status not in Status.values:
        allowed = ", ".join(Status.values)
        raise ReviewRejected(f"Unknown status {status!r}; use one of: {allowed}.")
    if not note or not note.strip():
        raise ReviewRejected("A note saying why is required for every review.")
    if len(evidence_urls) > MAX_EVIDENCE_URLS:
        raise ReviewRejected(f"At most {MAX_EVIDENCE_URLS} evidence URLs per review.")
    for url in evidence_urls:
        try:
            _url_validator(url)
        except ValidationError:
            raise ReviewRejected(f"Evidence {url!r} is not an http(s) URL.") from None


def review_claim(
    *,
    claim_id: int,
    status: str,
    note: str,
    reviewer,
    evidence_urls: Sequence[str] = (),
    expected_version: int | None = None,
) -> Claim:
    """Change one claim's status and record exactly one Review, atomically.

    With ``expected_version`` the write is optimistic: if the claim has moved on since the
    client read it, StaleVersion is raised and nothing changes.
    """
    evidence_urls = list(evidence_urls)
    _check_review_request(reviewer, status, note, evidence_urls)
    with transaction.atomic():
        claim = Claim.objects.select_for_update(no_key=True).get(pk=claim_id)
        if expected_version is not None and claim.version != expected_version:
            raise StaleVersion(claim.pk, claim.version)
        now = timezone.now()
        updated = Claim.objects.filter(pk=claim.pk, version=claim.version).update(
            status=status, version=F("version") + 1, updated_at=now
        )
        if updated != 1:
            current = Claim.objects.values_list("version", flat=True).get(pk=claim.pk)
            raise StaleVersion(claim.pk, current)
        Review.objects.create(
            claim=claim,
            from_status=claim.status,
            to_status=status,
            version=claim.version + 1,
            note=note.strip(),
            evidence_urls=evidence_urls,
            reviewer=reviewer,
        )
        claim.refresh_from_db()
    return claim


def bulk_review(
    *,
    claim_ids: Iterable[int],
    status: str,
    note: str,
    reviewer,
    evidence_urls: Sequence[str] = (),
) -> int:
    """Give many claims the same status with one Review each, all or nothing.

    Runs three queries whatever the number of claims: lock, one INSERT ... SELECT of the
    reviews (reading each claim's status and version before they change), one UPDATE.
    Any unknown id raises UnknownClaims before anything is written. Returns the number of
    claims reviewed.
    """
    evidence_urls = list(evidence_urls)
    _check_review_request(reviewer, status, note, evidence_urls)
    wanted = sorted(set(claim_ids))
    if not wanted:
        raise ReviewRejected("No claims selected.")
    with transaction.atomic():
        found = set(
            Claim.objects.select_for_update(no_key=True)
            .filter(pk__in=wanted)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        missing = set(wanted) - found
        if missing:
            raise UnknownClaims(missing)
        now = timezone.now()
        _insert_reviews_from_claims(
            wanted,
            to_status=status,
            note=note.strip(),
            evidence_urls=evidence_urls,
            reviewer=reviewer,
            created_at=now,
        )
        Claim.objects.filter(pk__in=wanted).update(
            status=status, version=F("version") + 1, updated_at=now
        )
    return len(wanted)


def _require_reviewer(editor) -> None:
    if editor is None or not editor.is_authenticated or not editor.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied("Only reviewers can regroup incidents.")


def merge_incidents(*, incident_ids: Sequence[int], editor) -> Incident:
    """Move every claim of the given incidents into the first one and drop the others.

    Used when several articles (or several incidents of one article) turn out to report the
    same event, so their casualty figures are compared with each other.
    """
    _require_reviewer(editor)
    ordered = sorted(set(incident_ids))
    if len(ordered) < 2:
        raise ReviewRejected("Choose at least two incidents to merge.")
    with transaction.atomic():
        incidents = list(Incident.objects.select_for_update().filter(pk__in=ordered).order_by("pk"))
        if len(incidents) != len(ordered):
            raise ReviewRejected("Some of these incidents no longer exist; nothing was merged.")
        survivor = incidents[0]
        Claim.objects.filter(incident_id__in=ordered[1:]).update(incident=survivor)
        Incident.objects.filter(pk__in=ordered[1:]).delete()
    return survivor


def split_incident(*, claim_ids: Sequence[int], title: str, editor) -> Incident:
    """Move the given claims into a new incident: they turned out to be about another event."""
    _require_reviewer(editor)
    wanted = sorted(set(claim_ids))
    if not wanted:
        raise ReviewRejected("Choose the claims that belong to the new incident.")
    with transaction.atomic():
        found = Claim.objects.filter(pk__in=wanted).count()
        if found != len(wanted):
            raise ReviewRejected("Some of these claims no longer exist; nothing was split.")
        incident = Incident.objects.create(title=" ".join(title.split())[:300] or "Incident")
        Claim.objects.filter(pk__in=wanted).update(incident=incident)
    return incident


def create_ingest_batch(
    *, articles: Sequence[dict], created_by=None, source: str = ""
) -> IngestBatch:
    """Record a batch of articles and queue one background task per article.

    Each entry has title, body and optionally url, outlet, published_on, label. Entries that
    cannot be articles (an empty or oversized body) are recorded as failed at once with the
    reason, so the batch's counts account for every entry. Tasks are queued only after the
    batch is committed; with no broker configured they run inline.
    """
    from claims.tasks import ingest_item  # claims.tasks imports this module

    with transaction.atomic():
        batch = IngestBatch.objects.create(created_by=created_by, source=source[:200])
        items = []
        for position, entry in enumerate(articles):
            item = IngestItem(
                batch=batch,
                position=position,
                label=str(entry.get("label") or entry.get("title") or f"#{position}")[:500],
                title=str(entry.get("title") or "")[:500],
                body=entry.get("body") or "",
                url=entry.get("url") or "",
                outlet=str(entry.get("outlet") or "")[:200],
                published_on=entry.get("published_on"),
            )
            try:
                validate_article_body(item.body)
            except ArticleRejected as error:
                item.state, item.error, item.body = IngestItem.State.FAILED, str(error), ""
                item.finished_at = timezone.now()
            items.append(item)
        IngestItem.objects.bulk_create(items)
        pending = list(
            IngestItem.objects.filter(batch=batch, state=IngestItem.State.PENDING).values_list(
                "pk", flat=True
            )
        )
        transaction.on_commit(lambda: [ingest_item.delay(pk) for pk in pending])
    return batch


def ingest_batch_item(item_id: int) -> str:
    """Ingest one pending batch item and record the outcome; a no-op if it is finished.

    Idempotent: if the worker dies after the article is stored but before the item is
    marked done, the retry finds the article by its content hash and only marks the item.
    """
    item = IngestItem.objects.filter(pk=item_id).first()
    if item is None or item.state != IngestItem.State.PENDING:
        return "skipped"
    IngestItem.objects.filter(pk=item_id).update(attempts=F("attempts") + 1)
    try:
        result = ingest_article(
            title=item.title,
            body=item.body,
            url=item.url,
            outlet=item.outlet,
            published_on=item.published_on,
            ingested_by=item.batch.created_by,
        )
    except (OperationalError, InterfaceError):
        raise  # transient: the task is retried
    except (ArticleRejected, IntegrityError, ValueError) as error:
        IngestItem.objects.filter(pk=item_id, state=IngestItem.State.PENDING).update(
            state=IngestItem.State.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        return "failed"
    IngestItem.objects.filter(pk=item_id, state=IngestItem.State.PENDING).update(
        state=IngestItem.State.DONE,
        article=result.article,
        created_article=result.created,
        finished_at=timezone.now(),
    )
    return "created" if result.created else "present"


_REVIEW_COLUMNS = (
    "claim_id",
    "from_status",
    "to_status",
    "version",
    "note",
    "evidence_urls",
    "reviewer_id",
    "created_at",
)


def _insert_reviews_from_claims(
    claim_ids, *, to_status, note, evidence_urls, reviewer, created_at
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
            review_evidence_urls=Value(evidence_urls, output_field=JSONField()),
            review_reviewer_id=Value(reviewer.pk),
            review_created_at=Value(created_at, output_field=DateTimeField()),
        )
        .values_list(
            "pk",
            "status",
            "review_to_status",
            "review_version",
            "review_note",
            "review_evidence_urls",
            "review_reviewer_id",
            "review_created_at",
        )
    )
    select_sql, params = reviews.query.sql_with_params()
    table = connection.ops.quote_name(Review._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in _REVIEW_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {select_sql}", params)
