"""Articles in: store each text once with the claims extracted from it, in one transaction."""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count

from claims import spec
from claims.extraction import ExtractedClaim, extract
from claims.models import Claim, ClaimKind, Incident, WebhookEvent
from claims.services import webhooks
from claims.services.exceptions import ArticleRejected
from claims.services.validation import http_url_validator
from sources.incoming import IncomingArticle
from sources.models import Article, Claimant, Outlet, claimant_key, content_hash

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    """What became of one submission: a new article, one already stored, or a refusal."""

    article: Article | None
    created: bool
    claim_count: int
    error: str = ""


def _validate_url(url: str, what: str) -> None:
    try:
        http_url_validator(url)
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


def ingest_article(article: IncomingArticle, *, ingested_by=None) -> IngestResult:
    """Store one article and its claims, or return the one already stored.

    Raises ArticleRejected when the article cannot be stored (empty, oversized, a bad URL,
    or another text already at that URL).
    """
    [result] = ingest_articles([article], ingested_by=ingested_by)
    if result.error:
        raise ArticleRejected(result.error)
    return result


def ingest_articles(
    submissions: Sequence[IncomingArticle], *, ingested_by=None
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


def _ingest_once(submissions: Sequence[IncomingArticle], ingested_by) -> list[IngestResult]:
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
            announce_claims(
                Claim.objects.filter(article_id__in=[article.pk for _, article, _ in new.values()])
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


def announce_claims(claims) -> None:
    """The claim.added webhook for these new claims (a queryset: a new article's, or the one
    an editor added), if anyone listens."""
    if not webhooks.subscribed(WebhookEvent.CLAIM_ADDED):
        return
    claims = claims.values(
        "pk", "article_id", "kind", "text", "outcome", "count_min", "count_max", "claimant__name"
    )
    webhooks.notify(
        WebhookEvent.CLAIM_ADDED,
        [
            {
                "claim": row["pk"],
                "article": row["article_id"],
                "kind": row["kind"],
                "text": row["text"],
                "outcome": row["outcome"],
                "count_min": row["count_min"],
                "count_max": row["count_max"],
                "claimant": row["claimant__name"],
            }
            for row in claims.order_by("pk")
        ],
    )


def _checked(submission: IncomingArticle, ingested_by) -> Article:
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
                claimant=claimants.get(claimant_key(speaker.name)) if speaker else None,
                attribution=speaker.as_written[:300] if speaker else "",
                **spec.extracted_values(found),
                extractor_version=found.extractor_version[:32],
            )
        )
    return rows
