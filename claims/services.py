"""Every write to claims goes through here, whether it comes from the API, the admin or the CLI.

Each service runs in one transaction and either does all of its work or none of it.
"""

import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Count, DateTimeField, F, JSONField, Value
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
class ArticleSubmission:
    """An article as it arrives, before it is checked: from a file, the API or a batch."""

    title: str
    body: str
    url: str = ""
    outlet: str = ""
    published_on: datetime.date | None = None
    language: str = "en"


@dataclass(frozen=True)
class IngestResult:
    """What became of one submission: a new article, one already stored, or a refusal."""

    article: Article | None
    created: bool
    claim_count: int
    error: str = ""


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


def ingest_article(*, ingested_by=None, **submission) -> IngestResult:
    """Store one article and its claims, or return the one already stored.

    Takes the fields of ArticleSubmission; raises ArticleRejected when the article cannot
    be stored (empty, oversized, a bad URL, or another text already at that URL).
    """
    [result] = ingest_articles([ArticleSubmission(**submission)], ingested_by=ingested_by)
    if result.error:
        raise ArticleRejected(result.error)
    return result


def ingest_articles(
    submissions: Sequence[ArticleSubmission], *, ingested_by=None
) -> list[IngestResult]:
    """Store many articles and the claims extracted from them; one result per submission.

    Idempotent on the body's content hash: a text already stored (or repeated in the same
    call) is returned as it is and changes nothing. All the new articles and all their
    claims are written in one transaction with a handful of queries, whatever their number,
    so no article is ever left with half its claims. If a concurrent ingest stores one of
    the same texts first, the articles are stored again one by one.
    """
    try:
        return _ingest_once(submissions, ingested_by)
    except IntegrityError:
        # Another ingest stored one of these texts (or took one of these URLs) between our
        # check and our write. Alone, the next attempt sees it; in a group, each article
        # goes on its own so one collision cannot hold up the rest.
        if len(submissions) == 1:
            return _ingest_once(submissions, ingested_by)
        return [_ingest_once([submission], ingested_by)[0] for submission in submissions]


def _ingest_once(submissions: Sequence[ArticleSubmission], ingested_by) -> list[IngestResult]:
    results: list[IngestResult | None] = [None] * len(submissions)
    candidates = []
    for position, submission in enumerate(submissions):
        try:
            candidates.append((position, _checked(submission, ingested_by), submission.outlet))
        except ArticleRejected as error:
            results[position] = IngestResult(None, created=False, claim_count=0, error=str(error))

    hashes = {candidate.content_hash for _, candidate, _ in candidates}
    stored = {
        article.content_hash: article
        for article in Article.objects.filter(content_hash__in=hashes).annotate(
            claim_count=Count("claims")
        )
    }
    urls = {candidate.url for _, candidate, _ in candidates if candidate.url}
    taken_urls = set(Article.objects.filter(url__in=urls).values_list("url", flat=True))
    new: dict[str, tuple[int, Article, str]] = {}
    repeats = []
    for position, candidate, outlet in candidates:
        if candidate.content_hash in stored:
            article = stored[candidate.content_hash]
            results[position] = IngestResult(
                article, created=False, claim_count=article.claim_count
            )
        elif candidate.content_hash in new:
            repeats.append((position, candidate.content_hash))
        elif candidate.url and candidate.url in taken_urls:
            results[position] = IngestResult(
                None,
                created=False,
                claim_count=0,
                error=f"Another article with different text is already stored at {candidate.url}.",
            )
        else:
            taken_urls.add(candidate.url)
            new[candidate.content_hash] = (position, candidate, outlet)

    if new:
        # Superseded figures ("raised the toll from 21 to 34": the 21) are not stored until the
        # Claim model can mark them; a stored casualty claim is a current figure.
        found_claims = {
            body_hash: [claim for claim in extract(article.body) if not claim.superseded]
            for body_hash, (_, article, _) in new.items()
        }
        with transaction.atomic():
            claim_counts = _store_new_articles(
                [(article, outlet) for _, article, outlet in new.values()], found_claims
            )
        for position, article, _ in new.values():
            results[position] = IngestResult(
                article, created=True, claim_count=claim_counts[article.pk]
            )
    for position, body_hash in repeats:
        first = results[new[body_hash][0]]
        results[position] = IngestResult(
            first.article, created=False, claim_count=first.claim_count
        )
    return results


def _checked(submission: ArticleSubmission, ingested_by) -> Article:
    """An unsaved Article from a submission, or ArticleRejected saying what is wrong."""
    validate_article_body(submission.body)
    if submission.url:
        _validate_url(submission.url, "URL")
    title = " ".join(submission.title.split())[:500]
    return Article(
        title=title or submission.body.strip().split("\n", 1)[0][:500],
        body=submission.body,
        url=submission.url,
        published_on=submission.published_on,
        language=submission.language or "en",
        content_hash=content_hash(submission.body),
        ingested_by=ingested_by,
    )


def _store_new_articles(
    entries: list[tuple[Article, str]], found_claims: dict[str, list[ExtractedClaim]]
) -> dict[int, int]:
    """Write (article, outlet name) pairs with their outlets, claimants, incidents and
    claims in bulk; returns each article's number of claims. Call inside a transaction."""
    outlets = _outlets_named({outlet for _, outlet in entries})
    articles = []
    for article, outlet in entries:
        article.outlet = outlets.get(_outlet_name(outlet))
        articles.append(article)
    Article.objects.bulk_create(articles)
    claimants = _claimants_for(claim for claims in found_claims.values() for claim in claims)
    with_casualties = [
        article
        for article in articles
        if any(claim.kind == ClaimKind.CASUALTY for claim in found_claims[article.content_hash])
    ]
    incidents = Incident.objects.bulk_create(
        [Incident(title=article.title[:300]) for article in with_casualties]
    )
    incident_of = {
        article.pk: incident for article, incident in zip(with_casualties, incidents, strict=True)
    }
    rows = []
    counts = {}
    for article in articles:
        article_rows = _claim_rows(
            article, found_claims[article.content_hash], claimants, incident_of.get(article.pk)
        )
        counts[article.pk] = len(article_rows)
        rows.extend(article_rows)
    Claim.objects.bulk_create(rows, batch_size=1_000)
    return counts


def _outlet_name(name: str) -> str:
    return " ".join(name.split())[:200]


def _outlets_named(names) -> dict[str, Outlet]:
    """Find or create the outlets with these names, in three queries at most."""
    wanted = {_outlet_name(name) for name in names} - {""}
    if not wanted:
        return {}
    found = {outlet.name: outlet for outlet in Outlet.objects.filter(name__in=wanted)}
    if wanted - found.keys():
        Outlet.objects.bulk_create(
            [Outlet(name=name) for name in wanted - found.keys()], ignore_conflicts=True
        )
        found = {outlet.name: outlet for outlet in Outlet.objects.filter(name__in=wanted)}
    return found


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


def _claim_rows(
    article: Article, extracted: list[ExtractedClaim], claimants: dict, incident
) -> list[Claim]:
    """Unsaved claims of one article; spans the extractor got wrong or twice are dropped."""
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
    return rows


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


def requeue_stalled_items(*, older_than: datetime.timedelta) -> int:
    """Send again the tasks of batch items still pending after ``older_than``.

    The database, not the broker, is the record of what is left to do: a task can be lost
    in the broker (a worker killed between taking it and noting it as unacked, a broker
    restarted without persistence). Sending one twice is harmless, since an item is
    ingested once (its state) and an article stored once (its content hash). Returns how
    many tasks were sent.
    """
    from claims.tasks import ingest_item  # claims.tasks imports this module

    cutoff = timezone.now() - older_than
    stalled = list(
        IngestItem.objects.filter(
            state=IngestItem.State.PENDING, batch__created_at__lte=cutoff
        ).values_list("pk", flat=True)
    )
    for item_id in stalled:
        ingest_item.delay(item_id)
    return len(stalled)
