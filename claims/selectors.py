"""Reads of claims. Query shape and prefetching live here, so N+1 is fixed in one place."""

import functools

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Expression,
    F,
    FilteredRelation,
    FloatField,
    JSONField,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, NullIf

from claims import spec
from claims.models import (
    VERDICT_STATUSES,
    ChangeAction,
    Claim,
    ClaimChange,
    ClaimKind,
    Incident,
    IncidentProposal,
    IngestBatch,
    IngestItem,
    Origin,
    Review,
    Status,
)
from claims.spec import CORRECTABLE_FIELDS
from sources.models import Article, Claimant

# Groups that say nothing about who the victims were, so they overlap any other group.
GENERIC_GROUPS = ("", "people", "persons", "others", "victims", "individuals")


def _contradicts_sql(claim: str, other: str) -> tuple[str, list]:
    """SQL that is true when row ``other`` contradicts row ``claim`` (table aliases).

    Contradicting means: casualty counts (neither rejected) about the same incident and
    outcome, both current (neither superseded by a revised figure), about overlapping groups
    (equal, or either one generic such as "people"), with count ranges that cannot both be
    true; from two different named claimants, or from one claimant in one article (a source
    giving two figures at once; the same source at different times is a toll that moved);
    not a higher figure reported on a later day than the lower one (a toll that rose);
    neither a sub-count lower than the other ("9 of the injured" against "32 injured"); and
    not a pair a reviewer dismissed. "At least N" reaches up without limit and "up to N"
    down to zero, so they contradict only on their bounded side. The one statement of the
    rule:
    the flag and ``conflicts_for`` both use it. Written as SQL because compiling the same
    rule as ORM expressions cost more per request than PostgreSQL takes to evaluate it.
    """
    generic = ", ".join(["%s"] * len(GENERIC_GROUPS))
    c, o = claim, other
    sql = f"""(
        {c}.kind = 'casualty' AND {o}.kind = 'casualty'
        AND {c}.rejection_reason = '' AND {o}.rejection_reason = ''
        AND {o}.incident_id = {c}.incident_id AND {o}.outcome = {c}.outcome
        AND {o}.id <> {c}.id
        AND {c}.superseded_by_id IS NULL AND {o}.superseded_by_id IS NULL
        AND {c}.claimant_id IS NOT NULL AND {o}.claimant_id IS NOT NULL
        AND ({o}.claimant_id <> {c}.claimant_id OR {o}.article_id = {c}.article_id)
        AND {c}.count_min IS NOT NULL AND {o}.count_min IS NOT NULL
        AND (lower({o}."group") IN ({generic}) OR lower({c}."group") IN ({generic})
             OR lower({o}."group") = lower({c}."group"))
        AND ((NOT {c}.upper_bound AND NOT {o}.lower_bound AND {o}.count_max < {c}.count_min
              AND NOT {o}.subcount)
             OR (NOT {c}.lower_bound AND NOT {o}.upper_bound AND {o}.count_min > {c}.count_max
                 AND NOT {c}.subcount))
        AND NOT COALESCE({c}.reported_on < {o}.reported_on AND {o}.count_min > {c}.count_max
                         OR {o}.reported_on < {c}.reported_on AND {c}.count_min > {o}.count_max,
                         FALSE)
        AND NOT EXISTS (
            SELECT 1 FROM claims_contradictiondismissal dismissed
            WHERE dismissed.first_claim_id IN ({c}.id, {o}.id)
              AND dismissed.second_claim_id IN ({c}.id, {o}.id))
    )"""
    return sql, [*GENERIC_GROUPS, *GENERIC_GROUPS]


class ConflictFlag(Expression):
    """``EXISTS`` a claim contradicting this row. Follows the claims table's alias in the
    query it is part of, so it stays right inside subqueries and joins."""

    output_field = BooleanField()

    def __init__(self, alias: str | None = None):
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, *args, **kwargs):
        resolved = self.copy()
        resolved.alias = query.get_initial_alias()
        return resolved

    def relabeled_clone(self, change_map):
        return type(self)(change_map.get(self.alias, self.alias))

    def get_group_by_cols(self):
        return [self]

    def as_sql(self, compiler, connection):
        claim = compiler.quote_name_unless_alias(self.alias)
        condition, params = _contradicts_sql(claim, "other")
        return f"EXISTS (SELECT 1 FROM claims_claim other WHERE {condition})", params


def with_conflict_flag(claims: QuerySet) -> QuerySet:
    """Annotate ``has_conflict``: another source gives an incompatible count for the event.

    The subquery runs on the (incident, outcome) index, so the flag is cheap to filter on.
    """
    return claims.annotate(has_conflict=ConflictFlag())


def conflicts_for(claim: Claim) -> QuerySet:
    """The claims that contradict ``claim``, ready to show side by side."""
    condition, params = _contradicts_sql("this", "other")
    contradicting_ids = RawSQL(
        f"SELECT other.id FROM claims_claim other, claims_claim this "
        f"WHERE this.id = %s AND {condition}",
        [claim.pk, *params],
    )
    return (
        Claim.objects.filter(pk__in=contradicting_ids)
        .select_related("claimant", "article")
        .order_by("count_min", "pk")
    )


def same_claims(claim: Claim) -> QuerySet:
    """The other claims of ``claim``'s same-claim group (same incident, claimant, outcome
    and figures), with their articles: where else the same thing was said. Rejected claims
    belong to no group."""
    if claim.same_as_id is None:
        return Claim.objects.none()
    return (
        Claim.objects.filter(same_as_id=claim.same_as_id, rejection_reason="")
        .exclude(pk=claim.pk)
        .select_related("article", "article__outlet")
        .order_by("article__published_on", "pk")
    )


# One history entry, whichever record it comes from; reviews and changes fill the same keys.
HISTORY_FIELDS = (
    "type",
    "id",
    "claim",
    "action",
    "version",
    "created_at",
    "reviewer",
    "note",
    "from_status",
    "to_status",
    "evidence_urls",
    "changes",
)


def claim_history(claim_id: int) -> list[dict]:
    """Everything decided about a claim, oldest first: its reviews (``type`` "review",
    ``action`` "reviewed") and its changes (``type`` "change": added, corrected, rejected, …,
    with ``changes`` ``{field: [old, new]}``), each with who made it. One UNION query.
    """
    text, json = CharField(), JSONField()
    reviews = Review.objects.filter(claim_id=claim_id).values_list(
        Value("review", output_field=text),
        "id",
        "claim_id",
        Value("reviewed", output_field=text),
        "version",
        "created_at",
        "reviewer__username",
        "note",
        "from_status",
        "to_status",
        "evidence_urls",
        Value({}, output_field=json),
    )
    changes = ClaimChange.objects.filter(claim_id=claim_id).values_list(
        Value("change", output_field=text),
        "id",
        "claim_id",
        "action",
        "version",
        "created_at",
        "actor__username",
        "note",
        Value(None, output_field=text),
        Value(None, output_field=text),
        Value([], output_field=json),
        "changes",
    )
    rows = reviews.order_by().union(changes.order_by(), all=True)
    entries = [dict(zip(HISTORY_FIELDS, row, strict=True)) for row in rows]
    entries.sort(key=lambda entry: (entry["created_at"], entry["version"] or 0, entry["type"]))
    return entries


# --- API reads ---------------------------------------------------------------------------

# A claim as the API shows it: its own columns, then joined ones under flat names.
CLAIM_FEED_FIELDS = (
    "id",
    *(field.name for field in spec.VALUE_FIELDS),
    *(name for name in spec.RECORD_FIELDS if name != "created_at"),
    "article_id",
    "claimant_id",
    "mentions",
    "subcount",
    "superseded_by_id",
    "same_as_id",
    "extractor_version",
)
_CLAIM_FEED_JOINED = {
    "article_title": F("article__title"),
    "article_url": F("article__url"),
    "claimant_name": F("claimant__name"),
    "claimant_kind": F("claimant__kind"),
    "claimant_role": F("claimant__role"),
    "review_from_status": F("latest_review__from_status"),
    "review_to_status": F("latest_review__to_status"),
    "review_note": F("latest_review__note"),
    "review_evidence_urls": F("latest_review__evidence_urls"),
    "review_reviewer": F("latest_review__reviewer__username"),
    "review_created_at": F("latest_review__created_at"),
}


def claim_feed(*, rejected: bool | None = False) -> QuerySet:
    """Claims as the API renders them: plain dicts from one query, whatever the page size.

    Rejected claims are left out unless ``rejected`` is True (only them) or None (all, for
    fetching one claim by id); the list indexes are partial on "not rejected".

    The newest review is the one whose ``version`` equals the claim's (every review sets
    the claim's version to its own), so it is a LEFT JOIN on the unique (claim, version)
    index rather than a second query; ``review_*`` keys are None for a claim never
    reviewed. Article bodies are never loaded. ``has_conflict`` is as in
    ``with_conflict_flag``. Rows are dicts because building model instances cost more than
    the query itself on the list path.

    The query is built once per process and cloned per call: resolving the conflict
    subquery cost more than running it.
    """
    feed = _claim_feed_base().all()
    if rejected is None:
        return feed
    return feed.exclude(rejection_reason="") if rejected else feed.filter(rejection_reason="")


@functools.cache
def _claim_feed_base() -> QuerySet:
    return (
        with_conflict_flag(Claim.objects.all())
        .annotate(
            latest_review=FilteredRelation("reviews", condition=Q(reviews__version=F("version")))
        )
        .values(*CLAIM_FEED_FIELDS, "has_conflict", **_CLAIM_FEED_JOINED)
    )


def conflicting_claims(claim: Claim) -> QuerySet:
    """The claims contradicting ``claim`` (see ``conflicts_for``), shaped like ``claim_feed``."""
    return (
        claim_feed(rejected=None)
        .filter(pk__in=conflicts_for(claim).values("pk"))
        .order_by("count_min", "pk")
    )


def article_feed() -> QuerySet:
    """Articles without their bodies, with the outlet joined: what an article list shows."""
    return Article.objects.select_related("outlet").defer("body", "content_hash")


def article_with_claims(article_id: int) -> Article:
    """An article with its claims in reading order as ``article.claim_rows`` (shaped like
    ``claim_feed``), in two queries. Raises Article.DoesNotExist."""
    article = Article.objects.select_related("outlet").get(pk=article_id)
    article.claim_rows = list(claim_feed().filter(article_id=article_id).order_by("start", "id"))
    return article


def review_feed() -> QuerySet:
    """Reviews with who made them, newest first; ``claim_history`` is the per-claim view."""
    return Review.objects.select_related("reviewer").order_by("-id")


def published_factchecks() -> QuerySet:
    """Claims with a verdict, newest decision first; ``verdict_reviews[0]`` is the review
    that set the current status (prefetched, so a page of them costs three queries)."""
    return (
        Claim.objects.filter(status__in=VERDICT_STATUSES, rejection_reason="")
        .select_related("article", "article__outlet", "claimant")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.filter(version=F("claim__version")),
                to_attr="verdict_reviews",
            )
        )
        .order_by("-updated_at", "-id")
    )


def claimant_track_records(claimants: QuerySet | None = None) -> QuerySet:
    """Claimants annotated with their claims counted by status, and the share confirmed
    among decided claims (confirmed / (confirmed + disputed + false)), all computed by the
    database in one query. Rejected claims do not count. The share is null until one of
    their claims is decided. Named sources only: generic descriptors ("police") are scoped
    to one incident and carry no track record."""
    claimants = Claimant.objects.all() if claimants is None else claimants
    claimants = claimants.filter(generic=False)
    listed = Q(claims__rejection_reason="")
    by_status = {
        f"{status}_count": Count("claims", filter=listed & Q(claims__status=status))
        for status in Status.values
    }
    decided = F("confirmed_count") + F("disputed_count") + F("false_count")
    return claimants.annotate(claim_count=Count("claims", filter=listed), **by_status).annotate(
        confirmed_share=Cast(F("confirmed_count"), FloatField()) / NullIf(decided, 0),
        refuted_share=Cast(F("disputed_count") + F("false_count"), FloatField())
        / NullIf(decided, 0),
    )


def claimant_claims(claimant_id: int) -> QuerySet:
    """A claimant's claims (not rejected), newest first, with their article (and its body,
    for the sentence) and the conflict flag, for the claimant's page."""
    return with_conflict_flag(
        Claim.objects.filter(claimant_id=claimant_id, rejection_reason="")
        .select_related("article", "article__outlet")
        .order_by("-updated_at", "-id")
    )


def incident_list() -> QuerySet:
    """Incidents with their claim counts by status (one query); rejected claims do not count."""
    listed = Q(claims__rejection_reason="")
    by_status = {
        f"{status}_count": Count("claims", filter=listed & Q(claims__status=status))
        for status in Status.values
    }
    return Incident.objects.annotate(
        claim_count=Count("claims", filter=listed), **by_status
    ).order_by("-created_at", "-id")


def incident_figures(incident_ids) -> dict[int, list[dict]]:
    """For each incident, each outcome's figures from every source and their range.

    The range runs across current figures from named claimants that no review found false
    ("civilians killed: 0, per the US military, to 3, per a community elder"): a figure a
    later one superseded, or one rejected as false, is listed but sets no bound; figures in
    the article's own voice are listed with ``claimant`` None but do not set the range,
    since an article often reports several events. One query, whatever the number of
    incidents.
    """
    figures: dict[int, dict[str, dict]] = {}
    rows = (
        Claim.objects.filter(
            incident_id__in=list(incident_ids),
            kind=ClaimKind.CASUALTY,
            count_min__isnull=False,
            rejection_reason="",
        )
        .select_related("claimant")
        .order_by("incident_id", "outcome", "count_min", "id")
    )
    for claim in rows:
        outcome = figures.setdefault(claim.incident_id, {}).setdefault(
            claim.outcome, {"outcome": claim.outcome, "figures": [], "low": None, "high": None}
        )
        figure = {
            "claim": claim.pk,
            "claimant": claim.claimant.name if claim.claimant else None,
            "attribution": claim.attribution,
            "group": claim.group,
            "count_min": claim.count_min,
            "count_max": claim.count_max,
            "count_display": claim.count_display,
            "status": claim.status,
            "superseded": claim.superseded_by_id is not None,
            "subcount": claim.subcount,
        }
        outcome["figures"].append(figure)
        if claim.claimant is None or figure["superseded"] or claim.status == Status.FALSE:
            continue
        if outcome["low"] is None or claim.count_min < outcome["low"]["count_min"]:
            outcome["low"] = figure
        if outcome["high"] is None or claim.count_max > outcome["high"]["count_max"]:
            outcome["high"] = figure
    return {incident: list(outcomes.values()) for incident, outcomes in figures.items()}


def incident_timeline(incident_id: int) -> list[dict]:
    """Per outcome, every figure of the incident in the order it was published: when (the
    article's publication date, else its ingest time), where (article, outlet, offset),
    who said it, and whether a later figure superseded it; rejected claims left out. One
    query."""
    rows = (
        Claim.objects.filter(
            incident_id=incident_id,
            kind=ClaimKind.CASUALTY,
            count_min__isnull=False,
            rejection_reason="",
        )
        .select_related("claimant", "article", "article__outlet")
        .defer("article__body")
        .order_by("outcome", "article__published_on", "article__ingested_at", "article_id", "start")
    )
    timeline: dict[str, list[dict]] = {}
    for claim in rows:
        article = claim.article
        published = article.published_on or article.ingested_at.date()
        timeline.setdefault(claim.outcome, []).append(
            {
                "claim": claim.pk,
                "count_min": claim.count_min,
                "count_max": claim.count_max,
                "count_display": claim.count_display,
                "claimant": claim.claimant.name if claim.claimant else None,
                "attribution": claim.attribution,
                "group": claim.group,
                "article": {
                    "id": article.pk,
                    "title": article.title,
                    "outlet": article.outlet.name if article.outlet else None,
                },
                "published_on": published.isoformat(),
                "position": claim.start,
                "superseded": claim.superseded_by_id is not None,
                "superseded_by": claim.superseded_by_id,
                "status": claim.status,
            }
        )
    return [{"outcome": outcome, "points": points} for outcome, points in timeline.items()]


def incident_proposals(incident_id: int) -> QuerySet:
    """Articles matching proposed for this incident, open ones first, best score first."""
    return (
        IncidentProposal.objects.filter(incident_id=incident_id)
        .select_related("article", "article__outlet", "decided_by")
        .defer("article__body")
        .order_by(F("decided_at").asc(nulls_first=True), "-score", "id")
    )


def batch_progress() -> QuerySet:
    """Ingest batches with their items counted by state (one query)."""
    return IngestBatch.objects.select_related("created_by").annotate(
        total=Count("items"),
        done=Count("items", filter=Q(items__state=IngestItem.State.DONE)),
        failed=Count("items", filter=Q(items__state=IngestItem.State.FAILED)),
        pending=Count("items", filter=Q(items__state=IngestItem.State.PENDING)),
        created_articles=Count("items", filter=Q(items__created_article=True)),
    )


def claim_search_vector() -> SearchVector:
    """The claim's own searchable text; the GIN index of migration 0004 is on this expression."""
    return SearchVector("text", "attribution", config="english")


def _search_query(terms: str) -> SearchQuery:
    return SearchQuery(terms, config="english", search_type="websearch")


def matching_claims(claims: QuerySet, terms: str) -> QuerySet:
    """Claims whose text, attribution, claimant (name or role) or article title match ``terms``.

    On PostgreSQL: full-text search (websearch syntax: "quoted phrases", -exclusions, or),
    each branch on its own GIN index. On SQLite: a case-insensitive substring match over
    the same fields. Only filters, so it keeps any ordering (and cursor) the caller has.
    """
    terms = terms.strip()
    if not terms:
        return claims
    if connection.vendor != "postgresql":
        return claims.filter(
            Q(text__icontains=terms)
            | Q(attribution__icontains=terms)
            | Q(claimant__name__icontains=terms)
            | Q(claimant__role__icontains=terms)
            | Q(article__title__icontains=terms)
        )
    query = _search_query(terms)
    matching_articles = (
        Article.objects.alias(document=SearchVector("title", config="english"))
        .filter(document=query)
        .values("pk")
    )
    matching_claimants = (
        Claimant.objects.alias(document=SearchVector("name", "role", config="english"))
        .filter(document=query)
        .values("pk")
    )
    return claims.alias(document=claim_search_vector()).filter(
        Q(document=query)
        | Q(article_id__in=matching_articles)
        | Q(claimant_id__in=matching_claimants)
    )


# Ranking reads and scores every candidate's text; common words match much of the table.
RANKED_CANDIDATES = 2_000


def ranked_claims(claims: QuerySet, terms: str) -> QuerySet:
    """``matching_claims`` best first, annotated with ``rank``.

    On PostgreSQL, ts_rank of the claim's own text among the RANKED_CANDIDATES most recently
    changed matches: ranking every match of a common word ("injured" in 200,000 claims)
    took over a second. On SQLite ``rank`` is 0 and matches come newest first.
    """
    terms = terms.strip()
    if connection.vendor != "postgresql" or not terms:
        return (
            matching_claims(claims, terms)
            .annotate(rank=Value(0.0, output_field=FloatField()))
            .order_by("-updated_at", "-id")
        )
    recent_matches = (
        matching_claims(Claim.objects.all(), terms)
        .order_by("-updated_at", "-id")
        .values("pk")[:RANKED_CANDIDATES]
    )
    return (
        claims.filter(pk__in=recent_matches)
        .annotate(rank=SearchRank(claim_search_vector(), _search_query(terms)))
        .order_by("-rank", "-updated_at", "-id")
    )


# --- The extractor measured by the desk --------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def worked_on_articles(since=None) -> QuerySet:
    """Ids (``article_id``) of the articles editors have worked on: any of their claims
    reviewed or changed (at or after ``since``, a date or datetime, when given)."""
    reviewed = Review.objects.all()
    changed = ClaimChange.objects.all()
    if since is not None:
        reviewed = reviewed.filter(created_at__gte=since)
        changed = changed.filter(created_at__gte=since)
    return (
        Claim.objects.filter(
            Q(pk__in=reviewed.values("claim_id")) | Q(pk__in=changed.values("claim_id"))
        )
        .values("article_id")
        .distinct()
    )


def extraction_quality() -> dict:
    """How each extractor version did, per kind, on the articles editors have worked on
    (any claim of the article reviewed or changed): claims extracted, kept unchanged,
    corrected (and which fields), rejected (and why), and claims editors added.

    precision = (kept + corrected) / extracted; recall = (kept + corrected) / (kept +
    corrected + added). A corrected claim counts under the kind the extractor gave it.
    Added claims count against the version that extracted their article (an article is
    extracted by one version). Three queries, whatever the number of claims.
    """
    worked_on = worked_on_articles()
    claims = list(
        Claim.objects.filter(article_id__in=worked_on).values_list(
            "pk", "article_id", "origin", "extractor_version", "kind", "rejection_reason"
        )
    )
    corrections: dict[int, dict] = {}
    for claim_id, changes in ClaimChange.objects.filter(
        action=ChangeAction.CORRECTED, claim__article_id__in=worked_on
    ).values_list("claim_id", "changes"):
        fields = corrections.setdefault(claim_id, {"fields": set(), "kind": None})
        if "kind" in changes and fields["kind"] is None:
            fields["kind"] = changes["kind"][0]
        fields["fields"].update(name for name in changes if name in CORRECTABLE_FIELDS)

    article_version = {}
    for _, article_id, origin, version, _, _ in claims:
        if origin == Origin.EXTRACTOR:
            article_version[article_id] = max(version, article_version.get(article_id, ""))
    groups: dict[tuple[str, str], dict] = {}

    def group(version: str, kind: str) -> dict:
        return groups.setdefault(
            (version, kind),
            {
                "extractor_version": version,
                "kind": kind,
                "articles": set(),
                "extracted": 0,
                "kept": 0,
                "corrected": 0,
                "corrected_fields": {},
                "rejected": 0,
                "rejected_reasons": {},
                "added": 0,
            },
        )

    for claim_id, article_id, origin, version, kind, rejection in claims:
        if origin == Origin.EDITOR:
            if not rejection:
                entry = group(article_version.get(article_id, ""), kind)
                entry["added"] += 1
                entry["articles"].add(article_id)
            continue
        correction = corrections.get(claim_id)
        entry = group(version, (correction or {}).get("kind") or kind)
        entry["articles"].add(article_id)
        entry["extracted"] += 1
        if rejection:
            entry["rejected"] += 1
            entry["rejected_reasons"][rejection] = entry["rejected_reasons"].get(rejection, 0) + 1
        elif correction and correction["fields"]:
            entry["corrected"] += 1
            for name in correction["fields"]:
                entry["corrected_fields"][name] = entry["corrected_fields"].get(name, 0) + 1
        else:
            entry["kept"] += 1

    rows = []
    for key in sorted(groups):
        entry = groups[key]
        found = entry["kept"] + entry["corrected"]
        entry["articles"] = len(entry["articles"])
        entry["precision"] = _share(found, entry["extracted"])
        entry["recall"] = _share(found, found + entry["added"])
        rows.append(entry)
    return {"articles": len({row[1] for row in claims}), "groups": rows}
