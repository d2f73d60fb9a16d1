"""Articles in: store each text once with the claims extracted from it, in one transaction."""

import functools
import logging
import multiprocessing
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from claims import spec
from claims.extraction import ExtractedClaim, extract
from claims.extraction.engine import extract_many
from claims.models import Claim, ClaimKind, Incident, WebhookEvent
from claims.services import matching, webhooks
from claims.services.exceptions import ArticleRejected
from claims.services.rows import insert_rows
from claims.services.validation import http_url_validator
from sources.incoming import IncomingArticle
from sources.models import (
    Article,
    Claimant,
    Outlet,
    claimant_key,
    content_hash,
    is_generic_claimant,
)

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


def ingest_chunks(
    chunks: Iterable[Sequence[IncomingArticle]], *, ingested_by=None
) -> Iterator[list[IngestResult]]:
    """``ingest_articles`` for each chunk in turn, yielding its results; while a chunk is
    written, a worker process (settings.INGEST_EXTRACT_WORKERS) extracts the next one's claims,
    so extraction (~3.4 ms of a seed-sized article's ~6.4 ms of CPU) runs beside the
    writes. A single chunk, or no workers, is extracted in this process."""
    chunks = iter(chunks)
    current = next(chunks, None)
    following = next(chunks, None)
    if following is None or not settings.INGEST_EXTRACT_WORKERS:
        while current is not None:
            yield ingest_articles(current, ingested_by=ingested_by)
            current, following = following, next(chunks, None)
        return
    pool = _extraction_pool(settings.INGEST_EXTRACT_WORKERS)
    # Nothing is written before the first chunk is extracted, so this process extracts its
    # second half while the worker does the first, then goes on to the next chunk.
    half = len(current) // 2
    pending = _extract_in(pool, current[:half])
    upcoming = _extract_in(pool, following)
    extracted = {content_hash(a.body): extract(a.body) for a in current[half:]}
    while current is not None:
        extracted.update(pending.result())
        yield ingest_articles(current, ingested_by=ingested_by, extracted=extracted)
        current, pending, extracted = following, upcoming, {}
        following = next(chunks, None) if current is not None else None
        upcoming = _extract_in(pool, following) if following is not None else None


@functools.cache
def _extraction_pool(workers: int) -> ProcessPoolExecutor:
    """One pool per process, kept for the next ingest. Workers are spawned, not forked: they
    import only the extraction engine and never share this process's database sockets."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


def _extract_in(pool: ProcessPoolExecutor, chunk: Sequence[IncomingArticle]):
    """A future of {content hash: claims} for the chunk's articles."""
    bodies = [submission.body for submission in chunk]
    future = pool.submit(extract_many, bodies)
    hashes = [content_hash(body) for body in bodies]
    return _ChunkExtraction(future, hashes)


@dataclass(frozen=True)
class _ChunkExtraction:
    """A worker's extraction of one chunk, answered by content hash."""

    future: Future
    hashes: list[str]

    def result(self) -> dict[str, list[ExtractedClaim]]:
        return dict(zip(self.hashes, self.future.result(), strict=True))


def ingest_articles(
    submissions: Sequence[IncomingArticle],
    *,
    ingested_by=None,
    extracted: Mapping[str, list[ExtractedClaim]] | None = None,
) -> list[IngestResult]:
    """Store many articles and the claims extracted from them; one result per submission.

    Idempotent on the body's content hash: a text already stored (or repeated in the same
    call) is returned as it is and changes nothing. All the new articles and all their
    claims are written in one transaction with a handful of queries, whatever their number,
    so no article is ever left with half its claims. If a concurrent ingest stores one of
    the same texts first, the articles are stored again one by one. ``extracted`` holds
    claims already extracted, by content hash (``ingest_chunks``); the rest are extracted here.
    """
    extracted = extracted or {}
    try:
        return _ingest_once(submissions, ingested_by, extracted)
    except IntegrityError:
        # Another ingest stored one of these texts (or took one of these URLs) between our
        # check and our write. Alone, the next attempt sees it; in a group, each article
        # goes on its own so one collision cannot hold up the rest.
        if len(submissions) == 1:
            return _ingest_once(submissions, ingested_by, extracted)
        return [_ingest_once([submission], ingested_by, extracted)[0] for submission in submissions]


def _ingest_once(
    submissions: Sequence[IncomingArticle],
    ingested_by,
    extracted: Mapping[str, list[ExtractedClaim]],
) -> list[IngestResult]:
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
        found_claims = {
            body_hash: extracted[body_hash] if body_hash in extracted else extract(article.body)
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
    """Write (article, outlet name) pairs with their outlets, incidents, claimants and
    claims in bulk; returns each article's number of claims. Call inside a transaction.

    Each article with casualty claims is matched (claims.services.matching) against recent
    incidents and the ones this chunk opened: it joins the best one above the threshold,
    or opens its own incident with proposals for the near misses."""
    outlets = _outlets_named({outlet for _, outlet in entries})
    articles = []
    for article, outlet in entries:
        article.outlet = outlets.get(_outlet_name(outlet))
        articles.append(article)
    Article.objects.bulk_create(articles)
    merged = {
        article.pk: merge_mentions(found_claims[article.content_hash]) for article in articles
    }
    today = timezone.localdate()
    with_casualties = []
    for position, article in enumerate(articles):
        if any(claim.kind == ClaimKind.CASUALTY for claim in merged[article.pk]):
            facts = matching.facts_for_extracted(
                title=article.title,
                body=article.body,
                published_on=article.published_on or today,
                extracted=merged[article.pk],
            )
            with_casualties.append((position, article, facts))
    matcher = matching.ChunkMatcher([(pos, a.title, facts) for pos, a, facts in with_casualties])
    decisions = {}
    for position, article, facts in with_casualties:
        decisions[article.pk] = matcher.match(position, article.title, facts)
    matcher.save()
    incident_of = {pk: decision.incident for pk, decision in decisions.items()}
    matching.create_proposals(
        (proposed, article, match)
        for article in articles
        if article.pk in decisions
        for proposed, match in decisions[article.pk].proposals
    )

    claimants = _claimants_for(
        (claim, incident_of.get(article.pk)) for article in articles for claim in merged[article.pk]
    )
    rows, revisions = [], []
    counts = {}
    for article in articles:
        article_rows = _claim_rows(
            article, merged[article.pk], claimants, incident_of.get(article.pk)
        )
        counts[article.pk] = len(article_rows)
        rows.extend(row for row, _ in article_rows)
        revisions.extend(supersedes for _, supersedes in article_rows)
    joined = {decision.incident.pk for decision in decisions.values() if decision.joined}
    matching.join_stored_groups([row for row in rows if row["incident_id"] in joined])
    _link_revisions(rows, insert_rows(Claim, rows), revisions)
    matching.regroup_incidents(joined)
    return counts


def merge_mentions(extracted: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """One claim per figure per source: casualty claims of one article with the same
    outcome, figures, qualifiers, group and speaker become the first of them, with every
    span in ``mentions`` (the extractor's own mentions kept). Others pass unchanged."""
    kept: dict[tuple, int] = {}
    out: list[ExtractedClaim] = []
    for claim in extracted:
        if claim.kind != ClaimKind.CASUALTY:
            out.append(claim)
            continue
        spans = claim.mentions or ((claim.start, claim.end),)
        key = (
            claim.outcome,
            claim.count_min,
            claim.count_max,
            claim.approximate,
            claim.lower_bound,
            claim.upper_bound,
            claim.group.casefold(),
            claimant_key(claim.speaker.name) if claim.speaker else "",
            claim.superseded,
        )
        if key in kept:
            first = out[kept[key]]
            out[kept[key]] = replace(
                first, mentions=tuple(dict.fromkeys([*first.mentions, *spans]))
            )
        else:
            kept[key] = len(out)
            out.append(replace(claim, mentions=tuple(spans)))
    return out


# A figure that is part of a total given nearby: "9 of the injured", "9 of them",
# "including 4 children", "among them 3 women".
_SUBCOUNT_AFTER = re.compile(r"\S+\s+(?:\w+\s+)?(?:of|among)\s+(?:the|them|those|whom)\b", re.I)
_SUBCOUNT_BEFORE = re.compile(r"\b(?:including|among them|of whom|of them|among those)\s*$", re.I)


def is_subcount(body: str, start: int, end: int) -> bool:
    """Whether the figure starting at ``body[start]`` counts part of a total stated with it
    ("9 of the injured", "including 4 children"): such a figure never contradicts its total."""
    return bool(
        _SUBCOUNT_BEFORE.search(body[max(0, start - 20) : start])
        or _SUBCOUNT_AFTER.match(body, start, min(len(body), end + 30))
    )


def _link_revisions(rows: list[dict], keys: list[int], revisions: list) -> None:
    """Point each superseded figure at the later one the extractor says revised it
    (``revisions``: the span each new claim supersedes, or None)."""
    by_span = {}
    for row, key in zip(rows, keys, strict=True):
        for mention in row["mentions"]:
            by_span[(row["article_id"], mention["start"], mention["end"])] = key
    revised = []
    for row, key, earlier_span in zip(rows, keys, revisions, strict=True):
        earlier = earlier_span and by_span.get((row["article_id"], *earlier_span))
        if earlier is not None and earlier != key:
            revised.append(Claim(pk=earlier, superseded_by_id=key))
    Claim.objects.bulk_update(revised, ["superseded_by"])


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


def _claimants_for(
    extracted: Iterable[tuple[ExtractedClaim, Incident | None]],
) -> dict[tuple[str, int | None], Claimant]:
    """Find or create the claimants of these (claim, incident) pairs, keyed (name key,
    scope): a named source is one row everywhere (scope None); a generic descriptor
    ("police") is one row per incident. Four queries at most."""
    speakers = {}
    for claim, incident in extracted:
        key = claimant_key(claim.speaker.name) if claim.speaker is not None else ""
        if key:
            generic = is_generic_claimant(claim.speaker.name)
            scope = incident.pk if generic and incident is not None else None
            speakers.setdefault((key, scope, generic), claim.speaker)
    if not speakers:
        return {}

    def found_now():
        keys = {key for key, _, _ in speakers}
        scopes = {scope for _, scope, _ in speakers if scope is not None}
        return {
            (c.key, c.incident_id, c.generic): c
            for c in Claimant.objects.filter(key__in=keys).filter(
                Q(generic=False) | Q(incident__isnull=True) | Q(incident_id__in=scopes)
            )
        }

    found = found_now()
    missing = [
        Claimant(
            name=speaker.name[:300],
            key=key,
            kind=speaker.kind if speaker.kind in Claimant.Kind.values else Claimant.Kind.UNKNOWN,
            role=speaker.role[:300],
            affiliation=speaker.affiliation[:300],
            generic=generic,
            incident_id=scope,
        )
        for (key, scope, generic), speaker in speakers.items()
        if (key, scope, generic) not in found
    ]
    if missing:
        Claimant.objects.bulk_create(missing, ignore_conflicts=True)
        found = found_now()
    return {(key, scope): claimant for (key, scope, _), claimant in found.items()}


def claimant_for(claimants: dict, speaker, incident) -> Claimant | None:
    """The claimant ``_claimants_for`` found for this speaker in this incident."""
    if speaker is None:
        return None
    generic = is_generic_claimant(speaker.name)
    scope = incident.pk if generic and incident is not None else None
    return claimants.get((claimant_key(speaker.name), scope))


def _claim_rows(
    article: Article, extracted: list[ExtractedClaim], claimants: dict, incident
) -> list[tuple[dict, tuple[int, int] | None]]:
    """One article's new claims as ({column: value}, the span each supersedes); spans the
    extractor got wrong or twice are dropped."""
    seen_spans = set()
    rows = []
    body = article.body
    reported_on = article.published_on or timezone.localdate()
    for found in extracted:
        span = (found.kind, found.start, found.end)
        if span in seen_spans or body[found.start : found.end] != found.text:
            if span not in seen_spans:
                log.warning("Extractor span %s does not match the article text", span)
            continue
        seen_spans.add(span)
        speaker = found.speaker
        casualty = found.kind == ClaimKind.CASUALTY
        claimant = claimant_for(claimants, speaker, incident)
        row = {
            "article_id": article.pk,
            "incident_id": incident.pk if casualty and incident is not None else None,
            "claimant_id": claimant.pk if claimant is not None else None,
            "attribution": speaker.as_written[:300] if speaker else "",
            **spec.extracted_values(found),
            "mentions": [
                {"start": start, "end": end, "text": body[start:end]}
                for start, end in (found.mentions or ((found.start, found.end),))
                if 0 <= start < end <= len(body)
            ]
            if casualty
            else [],
            "subcount": casualty and is_subcount(body, found.start, found.end),
            "same_as_id": None,  # matching.join_stored_groups sets it for a stored group
            "extractor_version": found.extractor_version[:32],
            "reported_on": reported_on,
        }
        rows.append((row, found.supersedes))
    return rows
