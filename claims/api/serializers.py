"""What the API reads and writes.

Input serializers only check the shape of a request; the services decide whether it is
allowed. The claim output serializer declares its fields for the OpenAPI schema but renders
dicts from ``selectors.claim_feed()`` with a plain function, because it sits on the
hottest path (the claim list) and DRF's per-field machinery costs several times more per
row.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import spec
from claims.models import (
    COUNT_FIELDS,
    ChangeAction,
    Claim,
    IncidentProposal,
    Origin,
    Publication,
    RejectionReason,
    Review,
    Status,
    evidence_list,
    format_count,
)
from claims.services import review
from claims.services.assignment import MAX_MESSAGE_LENGTH
from claims.services.exceptions import ReviewRejected
from claims.services.review import (
    MAX_BULK_IDS,
    MAX_EVIDENCE_URLS,
    MAX_LABEL_LENGTH,
    MAX_NOTE_LENGTH,
)
from sources.incoming import IncomingArticle
from sources.models import Article, Claimant, Outlet

# The largest id a bigint holds. Larger numbers name no claim, and SQLite cannot even bind
# them as query parameters (OverflowError, a 500), so they are refused as invalid ids.
MAX_ID = 2**63 - 1
MAX_BATCH_ARTICLES = 1_000

STATUS_ERRORS = {
    "invalid_choice": '"{input}" is not a status; use one of: ' + ", ".join(Status.values) + "."
}


def iso_datetime(value) -> str | None:
    """A datetime as DRF renders it (ISO 8601, ``Z`` for UTC), without a field object."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class NamedChoiceField(serializers.ChoiceField):
    """A choice field documented as the shared enum ``enum_name`` (Status, ClaimKind, …),
    so the schema has one named enum per choice set however many fields use it."""

    def __init__(self, *, enum_name: str, **kwargs):
        self.enum_name = enum_name
        super().__init__(**kwargs)


def status_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(enum_name="Status", choices=Status.choices, **kwargs)


# --- Output ------------------------------------------------------------------------------


class ArticleRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)


class ClaimantRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = NamedChoiceField(enum_name="ClaimantKind", choices=Claimant.Kind.choices, read_only=True)
    role = serializers.CharField(read_only=True)


class EvidenceSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=2000)
    label = serializers.CharField(
        max_length=MAX_LABEL_LENGTH, allow_blank=True, default="", help_text="Optional."
    )


class LastReviewSerializer(serializers.Serializer):
    """The latest decision, internal note included: for signed-in readers only."""

    from_status = status_field(read_only=True)
    to_status = status_field(read_only=True)
    note = serializers.CharField(read_only=True, help_text="Internal.")
    rationale = serializers.CharField(read_only=True, help_text="Public once published.")
    evidence_urls = serializers.ListField(child=serializers.URLField(), read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    reviewer = serializers.CharField(read_only=True, help_text="The reviewer's username.")
    created_at = serializers.DateTimeField(read_only=True)


class PublishedVerdictSerializer(serializers.Serializer):
    """The verdict readers see: the published one, which may be older than the latest."""

    status = status_field(read_only=True)
    rationale = serializers.CharField(read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    version = serializers.IntegerField(read_only=True, help_text="The claim version published.")
    published_at = serializers.DateTimeField(read_only=True)


class WithdrawalSerializer(serializers.Serializer):
    withdrawn_at = serializers.DateTimeField(read_only=True)
    reason = serializers.CharField(read_only=True)


def _publication_as_json(row: dict) -> dict:
    published = row["publication"] == Publication.PUBLISHED
    withdrawn = row["publication"] == Publication.WITHDRAWN
    return {
        "publication": row["publication"],
        "verdict": {
            "status": row["verdict_status"],
            "rationale": row["verdict_rationale"],
            "evidence": evidence_list(row["verdict_evidence_urls"], row["verdict_evidence_labels"]),
            "version": row["published_version"],
            "published_at": iso_datetime(row["published_at"]),
        }
        if published
        else None,
        "withdrawal": {
            "withdrawn_at": iso_datetime(row["withdrawn_at"]),
            "reason": row["withdrawal_reason"],
        }
        if withdrawn
        else None,
    }


def _claim_values_as_json(row: dict) -> dict:
    """The claim's own fields (claims.spec order): relations as small objects, values as is."""
    shown = {}
    for field in spec.FIELDS:
        if field.name == "article":
            shown["article"] = {
                "id": row["article_id"],
                "title": row["article_title"],
                "url": row["article_url"],
            }
        elif field.name == "claimant":
            shown["claimant"] = None
            if row["claimant_id"] is not None:
                shown["claimant"] = {
                    "id": row["claimant_id"],
                    "name": row["claimant_name"],
                    "kind": row["claimant_kind"],
                    "role": row["claimant_role"],
                }
        elif field.column is not None:
            shown[field.name] = row[field.name]
    return shown


def claim_as_json(row: dict) -> dict:
    """One claim as the API shows it, from a ``selectors.claim_feed()`` row.

    A public row (``claim_feed(public=True)``, for anonymous readers) has no internal
    columns: its status is the published one and ``last_review`` and ``assignee`` are null.
    """
    public = "review_to_status" not in row
    return {
        "id": row["id"],
        **_claim_values_as_json(row),
        "count_display": format_count(**{name: row[name] for name in COUNT_FIELDS}),
        "mentions": row["mentions"]
        or [{"start": row["start"], "end": row["end"], "text": row["text"]}],
        "subcount": row["subcount"],
        "superseded_by": row["superseded_by_id"],
        "same_as": row["same_as_id"],
        "status": row["public_status"] if public else row["status"],
        "version": row["version"],
        "origin": row["origin"],
        "extractor_version": row["extractor_version"],
        "rejection_reason": row["rejection_reason"],
        "has_conflict": bool(row["has_conflict"]),
        "updated_at": iso_datetime(row["updated_at"]),
        "assignee": None if public else row["assignee_username"],
        "awaiting_publication": False if public else row["awaiting_publication"],
        **_publication_as_json(row),
        "last_review": None
        if public or row["review_to_status"] is None
        else {
            "from_status": row["review_from_status"],
            "to_status": row["review_to_status"],
            "note": row["review_note"],
            "rationale": row["review_rationale"],
            "evidence_urls": row["review_evidence_urls"],
            "evidence": evidence_list(row["review_evidence_urls"], row["review_evidence_labels"]),
            "reviewer": row["review_reviewer"],
            "created_at": iso_datetime(row["review_created_at"]),
        },
    }


class MentionSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()


def _schema_field(field: spec.ClaimField) -> serializers.Field:
    """The read-only serializer field documenting one of the claim's value columns."""
    column, options = field.column, {"read_only": True}
    if field.api_help:
        options["help_text"] = field.api_help
    if column.choices:
        choices = [("", "None"), *column.choices] if column.blank else column.choices
        return NamedChoiceField(enum_name=field.enum, choices=choices, **options)
    if isinstance(column, models.BooleanField):
        return serializers.BooleanField(**options)
    if isinstance(column, models.IntegerField):
        return serializers.IntegerField(allow_null=column.null, **options)
    return serializers.CharField(**options)


def _claim_schema_fields() -> dict:
    """ClaimSerializer's fields in claim_as_json's order, so the schema lists them as sent."""
    declared = {"id": serializers.IntegerField(read_only=True)}
    for field in spec.FIELDS:
        if field.name == "article":
            declared["article"] = ArticleRefSerializer(read_only=True)
        elif field.name == "claimant":
            declared["claimant"] = ClaimantRefSerializer(read_only=True, allow_null=True)
        elif field.column is not None:
            declared[field.name] = _schema_field(field)
    return {
        **declared,
        "count_display": serializers.CharField(read_only=True),
        "mentions": MentionSerializer(
            many=True,
            read_only=True,
            help_text="Every place the article gives this figure from this source; the "
            "claim's own span first.",
        ),
        "subcount": serializers.BooleanField(
            read_only=True, help_text='Part of a larger total ("9 of the injured").'
        ),
        "superseded_by": serializers.IntegerField(
            read_only=True, allow_null=True, help_text="The later claim that revised this figure."
        ),
        "same_as": serializers.IntegerField(
            read_only=True,
            allow_null=True,
            help_text="Claims of one incident with the same claimant, outcome and figures "
            "share this id (the group's first claim); null when the claim stands alone. "
            "`?same_as=N` lists a group.",
        ),
        "status": status_field(read_only=True),
        "version": serializers.IntegerField(
            read_only=True, help_text="Also sent as the ETag; send it back in If-Match."
        ),
        "origin": NamedChoiceField(
            enum_name="Origin",
            choices=Origin.choices,
            read_only=True,
            help_text="extractor: found at ingest; editor: added by an editor.",
        ),
        "extractor_version": serializers.CharField(
            read_only=True, help_text="The extractor version that found it; empty for editors'."
        ),
        "rejection_reason": NamedChoiceField(
            enum_name="RejectionReason",
            choices=[("", "Not rejected"), *RejectionReason.choices],
            read_only=True,
            help_text="Set when an editor rejected the claim (listed only with ?rejected=true).",
        ),
        "has_conflict": serializers.BooleanField(
            read_only=True, help_text="Another source gives an incompatible count for the event."
        ),
        "updated_at": serializers.DateTimeField(read_only=True),
        "assignee": serializers.CharField(
            read_only=True, allow_null=True, help_text="Username; null for anonymous readers."
        ),
        "awaiting_publication": serializers.BooleanField(
            read_only=True, help_text="Its latest verdict is not public yet (false for anonymous)."
        ),
        "publication": NamedChoiceField(
            enum_name="Publication", choices=Publication.choices, read_only=True
        ),
        "verdict": PublishedVerdictSerializer(
            read_only=True, allow_null=True, help_text="The published verdict, if any."
        ),
        "withdrawal": WithdrawalSerializer(read_only=True, allow_null=True),
        "last_review": LastReviewSerializer(
            read_only=True, allow_null=True, help_text="Internal; null for anonymous readers."
        ),
    }


def _render_claim(serializer, row) -> dict:
    return claim_as_json(row)


# Built from claims.spec, so the schema lists every field the JSON has, in its order.
ClaimSerializer = serializers.SerializerMetaclass(
    "ClaimSerializer",
    (serializers.Serializer,),
    {
        "__module__": __name__,
        "__doc__": "A claim, its verdict and the last decision about it. Read-only; renders "
        "rows of\n``selectors.claim_feed()``.",
        **_claim_schema_fields(),
        "to_representation": _render_claim,
    },
)


class RankedClaimSerializer(ClaimSerializer):
    rank = serializers.FloatField(read_only=True, help_text="Relevance; higher is better.")

    def to_representation(self, instance):
        return {**claim_as_json(instance), "rank": instance["rank"]}


def _object(properties: dict, required: list[str], description: str = "") -> dict:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
    }


_NAMED = _object({"@type": {"type": "string"}, "name": {"type": "string"}}, ["@type", "name"])

# The ClaimReview JSON-LD as an OpenAPI schema (claims.claimreview builds it).
CLAIM_REVIEW_SCHEMA = _object(
    {
        "@context": {"type": "string", "enum": ["https://schema.org"]},
        "@type": {"type": "string", "enum": ["ClaimReview"]},
        "url": {"type": "string", "format": "uri"},
        "identifier": {"type": "string", "description": "The claim's id."},
        "claimReviewed": {"type": "string"},
        "reviewBody": {"type": "string", "description": "The public rationale."},
        "datePublished": {"type": "string", "format": "date"},
        "author": _NAMED,
        "reviewRating": _object(
            {
                "@type": {"type": "string"},
                "ratingValue": {"type": "integer", "minimum": 1, "maximum": 3},
                "bestRating": {"type": "integer"},
                "worstRating": {"type": "integer"},
                "alternateName": {"type": "string"},
            },
            ["@type", "alternateName"],
        ),
        "itemReviewed": _object(
            {
                "@type": {"type": "string"},
                "author": _NAMED,
                "datePublished": {"type": "string", "format": "date"},
                "appearance": {"type": "object"},
                "firstAppearance": {"type": "object"},
            },
            ["@type", "appearance"],
        ),
    },
    [
        "@context",
        "@type",
        "url",
        "claimReviewed",
        "datePublished",
        "author",
        "reviewRating",
        "itemReviewed",
    ],
    "schema.org ClaimReview. ratingValue runs from 1 (false) to 3 (confirmed); an "
    "Unverifiable verdict has only its alternateName. See the README.",
)


# A withdrawn verdict in the feed: enough for a consumer to drop what it had.
WITHDRAWAL_SCHEMA = _object(
    {
        "@context": {"type": "string", "enum": ["https://schema.org"]},
        "@type": {"type": "string", "enum": ["ClaimReview"]},
        "url": {"type": "string", "format": "uri"},
        "identifier": {"type": "string", "description": "The claim's id."},
        "withdrawn": {"type": "boolean", "enum": [True]},
        "dateWithdrawn": {"type": "string", "format": "date-time"},
        "withdrawalReason": {"type": "string"},
    },
    ["@context", "@type", "url", "identifier", "withdrawn", "dateWithdrawn", "withdrawalReason"],
    "A tombstone: this claim's verdict was withdrawn.",
)
FEED_ENTRY_SCHEMA = {"oneOf": [CLAIM_REVIEW_SCHEMA, WITHDRAWAL_SCHEMA]}


class OutletSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["id", "name", "domain"]


class ArticleSerializer(serializers.ModelSerializer):
    outlet = OutletSerializer(read_only=True, allow_null=True)
    # A plain string in the schema: articles ingested without a URL have "" here, which a
    # "format: uri" field would promise clients can never happen.
    url = serializers.CharField(read_only=True, help_text="http(s) URL; empty when unknown.")

    class Meta:
        model = Article
        fields = ["id", "title", "url", "outlet", "published_on", "language", "ingested_at"]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    """An article with its full text and its claims in reading order."""

    claims = ClaimSerializer(many=True, read_only=True, source="claim_rows")

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body", "claims"]
        read_only_fields = fields


class ClaimantSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(enum_name="ClaimantKind", choices=Claimant.Kind.choices, read_only=True)

    class Meta:
        model = Claimant
        fields = ["id", "name", "kind", "role", "affiliation", "created_at"]
        read_only_fields = fields


class TrackRecordSerializer(serializers.Serializer):
    """A claimant's claims by status, counted by the database (selectors.claimant_track_records)."""

    claims = serializers.IntegerField(source="claim_count")
    unverified = serializers.IntegerField(source="unverified_count")
    in_review = serializers.IntegerField(source="in_review_count")
    confirmed = serializers.IntegerField(source="confirmed_count")
    disputed = serializers.IntegerField(source="disputed_count")
    false = serializers.IntegerField(source="false_count")
    unverifiable = serializers.IntegerField(source="unverifiable_count")
    confirmed_share = serializers.FloatField(
        allow_null=True, help_text="confirmed / (confirmed + disputed + false); null before any."
    )
    refuted_share = serializers.FloatField(
        allow_null=True, help_text="(disputed + false) / (confirmed + disputed + false)."
    )


class ClaimantTrackRecordSerializer(ClaimantSerializer):
    track_record = TrackRecordSerializer(source="*", read_only=True)

    class Meta(ClaimantSerializer.Meta):
        fields = [*ClaimantSerializer.Meta.fields, "track_record"]
        read_only_fields = fields


class FigureSerializer(serializers.Serializer):
    claim = serializers.IntegerField()
    claimant = serializers.CharField(allow_null=True, help_text="Null: the article's own voice.")
    attribution = serializers.CharField()
    group = serializers.CharField()
    count_min = serializers.IntegerField()
    count_max = serializers.IntegerField(allow_null=True)
    count_display = serializers.CharField()
    status = status_field()
    superseded = serializers.BooleanField(help_text="A later figure revised it; sets no bound.")
    subcount = serializers.BooleanField()


class TimelineArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    outlet = serializers.CharField(allow_null=True)


class TimelinePointSerializer(serializers.Serializer):
    claim = serializers.IntegerField()
    count_min = serializers.IntegerField()
    count_max = serializers.IntegerField(allow_null=True)
    count_display = serializers.CharField()
    claimant = serializers.CharField(allow_null=True)
    attribution = serializers.CharField()
    group = serializers.CharField()
    article = TimelineArticleSerializer()
    published_on = serializers.DateField(help_text="The article's date, else its ingest date.")
    position = serializers.IntegerField(help_text="Offset of the figure in the article.")
    superseded = serializers.BooleanField()
    superseded_by = serializers.IntegerField(allow_null=True)
    status = status_field()


class OutcomeTimelineSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    points = TimelinePointSerializer(many=True, help_text="In order of publication.")


class OutcomeFiguresSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    figures = FigureSerializer(many=True, help_text="Every source's figure, lowest first.")
    low = FigureSerializer(allow_null=True, help_text="Lowest figure from a named claimant.")
    high = FigureSerializer(allow_null=True, help_text="Highest figure from a named claimant.")


class IncidentSerializer(serializers.Serializer):
    """An event with every source's casualty figures and the range across named sources."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    created_at = serializers.DateTimeField()
    claims = serializers.IntegerField(source="claim_count")
    statuses = serializers.SerializerMethodField()
    outcomes = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_statuses(self, incident) -> dict[str, int]:
        return {status: getattr(incident, f"{status}_count") for status in Status.values}

    @extend_schema_field(OutcomeFiguresSerializer(many=True))
    def get_outcomes(self, incident) -> list[dict]:
        return self.context["figures"].get(incident.pk, [])


class IncidentDetailSerializer(IncidentSerializer):
    """One incident with, per outcome, its figures in the order they were published."""

    timeline = serializers.SerializerMethodField()

    @extend_schema_field(OutcomeTimelineSerializer(many=True))
    def get_timeline(self, incident) -> list[dict]:
        return self.context["timeline"]


class ProposalSerializer(serializers.Serializer):
    """An article matching proposed for an incident, and what an editor decided."""

    id = serializers.IntegerField()
    incident = serializers.IntegerField(source="incident_id")
    article = ArticleRefSerializer()
    score = serializers.FloatField(help_text="0 to 1; see the README for how it is computed.")
    reasons = serializers.DictField(help_text="What the article shares with the incident.")
    state = NamedChoiceField(
        enum_name="ProposalState", choices=IncidentProposal.State.choices, read_only=True
    )
    created_at = serializers.DateTimeField()
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True, default=None)
    decided_at = serializers.DateTimeField(allow_null=True)
    note = serializers.CharField()


class DecisionRequestSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5_000, trim_whitespace=True
    )


class DismissalRequestSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=5_000, help_text="Why the figures do not contradict.")


class DismissalSerializer(serializers.Serializer):
    first_claim = serializers.IntegerField(source="first_claim_id")
    second_claim = serializers.IntegerField(source="second_claim_id")
    note = serializers.CharField()
    dismissed_by = serializers.CharField(source="dismissed_by.username")
    created_at = serializers.DateTimeField()


class GroupReviewResultSerializer(serializers.Serializer):
    reviewed = serializers.IntegerField()
    status = status_field()
    claims = serializers.ListField(child=serializers.IntegerField())


class BatchItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    label = serializers.CharField()
    state = serializers.CharField()
    article = serializers.IntegerField(source="article_id", allow_null=True)
    created_article = serializers.BooleanField()
    error = serializers.CharField()


class BatchSerializer(serializers.Serializer):
    """Progress of a background ingest: counts by state, and the items that failed."""

    id = serializers.IntegerField()
    source = serializers.CharField()
    created_at = serializers.DateTimeField()
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    failed = serializers.IntegerField()
    pending = serializers.IntegerField()
    created_articles = serializers.IntegerField(help_text="Done items that were new articles.")
    failures = BatchItemSerializer(many=True, source="failed_items", default=list)


class ReviewSerializer(serializers.ModelSerializer):
    """A decision, internal note included: the review log is for signed-in readers."""

    claim = serializers.IntegerField(source="claim_id", read_only=True)
    reviewer = serializers.CharField(source="reviewer.username", read_only=True)
    from_status = status_field(read_only=True)
    to_status = status_field(read_only=True)
    evidence_urls = serializers.ListField(child=serializers.URLField(), read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "claim",
            "from_status",
            "to_status",
            "version",
            "note",
            "rationale",
            "evidence_urls",
            "evidence",
            "reviewer",
            "created_at",
        ]
        read_only_fields = fields


class HistoryEntrySerializer(serializers.Serializer):
    """One entry of a claim's history (``selectors.claim_history``): a review or a change."""

    type = serializers.ChoiceField(choices=["review", "change"], read_only=True)
    id = serializers.IntegerField(read_only=True, help_text="The review's or the change's id.")
    claim = serializers.IntegerField(read_only=True)
    action = NamedChoiceField(
        enum_name="HistoryAction",
        choices=[("reviewed", "Reviewed"), *ChangeAction.choices],
        read_only=True,
    )
    version = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The claim's version this produced."
    )
    created_at = serializers.DateTimeField(read_only=True)
    reviewer = serializers.CharField(
        read_only=True, allow_null=True, help_text="Who did it (username); null for anonymous."
    )
    note = serializers.CharField(
        read_only=True, allow_null=True, help_text="Internal; null for anonymous readers."
    )
    rationale = serializers.CharField(read_only=True, help_text="A review's public reasoning.")
    from_status = status_field(read_only=True, allow_null=True)
    to_status = status_field(read_only=True, allow_null=True)
    evidence_urls = serializers.ListField(child=serializers.URLField(), read_only=True)
    changes = serializers.DictField(
        child=serializers.ListField(min_length=2, max_length=2),
        read_only=True,
        help_text="{field: [old, new]} for a change; empty for a review.",
    )

    def to_representation(self, instance):
        return {**instance, "created_at": iso_datetime(instance["created_at"])}


class BulkReviewResultSerializer(serializers.Serializer):
    reviewed = serializers.IntegerField(help_text="How many claims got a new review.")
    status = status_field()


class QualityGroupSerializer(serializers.Serializer):
    extractor_version = serializers.CharField(
        help_text="Empty: claims ingested before it was kept."
    )
    kind = serializers.CharField()
    articles = serializers.IntegerField(help_text="Worked-on articles with claims in this group.")
    extracted = serializers.IntegerField()
    kept = serializers.IntegerField(help_text="Extracted and left as they were.")
    corrected = serializers.IntegerField()
    corrected_fields = serializers.DictField(child=serializers.IntegerField())
    rejected = serializers.IntegerField()
    rejected_reasons = serializers.DictField(child=serializers.IntegerField())
    added = serializers.IntegerField(help_text="Claims editors added that it missed.")
    precision = serializers.FloatField(allow_null=True, help_text="(kept + corrected) / extracted")
    recall = serializers.FloatField(
        allow_null=True, help_text="(kept + corrected) / (kept + corrected + added)"
    )


class QualitySerializer(serializers.Serializer):
    articles = serializers.IntegerField(help_text="Articles editors have worked on.")
    groups = QualityGroupSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    """Every error response: ``detail`` says what went wrong in words."""

    detail = serializers.CharField()
    code = serializers.CharField(required=False)
    errors = serializers.DictField(
        required=False, help_text="Per-field messages, when the request body was invalid."
    )


class UnknownClaimsErrorSerializer(ErrorSerializer):
    missing_ids = serializers.ListField(child=serializers.IntegerField(), required=False)


class StaleVersionErrorSerializer(ErrorSerializer):
    current_version = serializers.IntegerField()


class ConflictErrorSerializer(ErrorSerializer):
    conflicting_claims = serializers.ListField(child=serializers.IntegerField())


class VerdictRulesErrorSerializer(ErrorSerializer):
    missing = serializers.ListField(child=serializers.CharField(), required=False)


# --- Input -------------------------------------------------------------------------------


def by_service_rule(check, value):
    """The value a service's check returns; its refusal as this field's 400."""
    try:
        return check(value)
    except ReviewRejected as error:
        raise serializers.ValidationError(str(error)) from None


# The note and evidence of a review, checked by claims.services.review's own rules. (A
# comment, not a docstring: drf-spectacular would publish a docstring as the schema's text.)
class ReviewRulesMixin:
    def validate_note(self, note):
        return by_service_rule(review.check_note, note)

    def validate_evidence_urls(self, urls):
        return by_service_rule(review.check_evidence_urls, urls)


class VerdictFieldsMixin(ReviewRulesMixin, serializers.Serializer):
    """What a verdict carries besides its status: the internal note, the public rationale,
    evidence (URLs, or URLs with labels), and the acknowledgement of a contradiction."""

    note = serializers.CharField(
        max_length=MAX_NOTE_LENGTH, help_text="Why, for the desk; required."
    )
    rationale = serializers.CharField(
        max_length=10_000,
        allow_blank=True,
        default="",
        help_text="Public reasoning, shown to readers once published; required to publish.",
    )
    evidence_urls = serializers.ListField(
        child=serializers.URLField(max_length=2000),
        max_length=MAX_EVIDENCE_URLS,
        default=list,
    )
    evidence = EvidenceSerializer(
        many=True, default=list, help_text="Evidence with labels; adds to evidence_urls."
    )
    acknowledge_conflict = serializers.BooleanField(
        default=False,
        help_text="Confirm although a confirmed claim contradicts this one (needs conflict_note).",
    )
    conflict_note = serializers.CharField(
        max_length=10_000, allow_blank=True, default="", help_text="Why both can stand."
    )

    def validate(self, attrs):
        urls = list(
            dict.fromkeys([*attrs["evidence_urls"], *(e["url"] for e in attrs["evidence"])])
        )
        if len(urls) > MAX_EVIDENCE_URLS:
            raise serializers.ValidationError(
                {"evidence": [f"At most {MAX_EVIDENCE_URLS} evidence URLs in all."]}
            )
        attrs["evidence_urls"] = urls
        attrs["evidence_labels"] = {
            e["url"]: e["label"] for e in attrs.pop("evidence") if e["label"]
        }
        return attrs


class ReviewRequestSerializer(VerdictFieldsMixin):
    """A verdict on one claim. ``version`` is the optimistic lock when If-Match is absent."""

    status = status_field(error_messages=STATUS_ERRORS)
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="The version you decided on; ignored in favour of If-Match when both match.",
    )


class ClaimIdsField(serializers.ListField):
    """A non-empty list of positive integer ids, checked in one pass (10,000 ids in ~1 ms)."""

    def __init__(self, **kwargs):
        super().__init__(
            child=serializers.IntegerField(min_value=1),
            allow_empty=False,
            max_length=MAX_BULK_IDS,
            **kwargs,
        )

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        if not data:
            self.fail("empty")
        if len(data) > MAX_BULK_IDS:
            self.fail("max_length", max_length=MAX_BULK_IDS)
        bad = [value for value in data if type(value) is not int or not 1 <= value <= MAX_ID]
        if bad:
            shown = ", ".join(repr(value) for value in bad[:10])
            more = f" and {len(bad) - 10} more" if len(bad) > 10 else ""
            raise serializers.ValidationError(
                f"Claim ids must be positive integers; these are not: {shown}{more}."
            )
        return data


class BulkReviewRequestSerializer(VerdictFieldsMixin):
    ids = ClaimIdsField(help_text=f"Claim ids, 1 to {MAX_BULK_IDS:,}. All or nothing.")
    status = status_field(error_messages=STATUS_ERRORS)


class PublishRequestSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="The version whose verdict you read; a newer review → 412 (or If-Match).",
    )


class UnpublishRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2_000, help_text="Why; readers see it.")


class AssigneeField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(
            slug_field="username",
            queryset=get_user_model().objects.filter(is_active=True),
            allow_null=True,
            help_text="A reviewer's username, or null to unassign.",
            **kwargs,
        )

    def to_internal_value(self, data):
        # PostgreSQL refuses NUL in text; without this check the lookup answers 500 there.
        if isinstance(data, str) and "\x00" in data:
            raise serializers.ValidationError("A username cannot contain NUL characters.")
        return super().to_internal_value(data)


class AssignRequestSerializer(serializers.Serializer):
    assignee = AssigneeField()
    message = serializers.CharField(
        max_length=MAX_MESSAGE_LENGTH, allow_blank=True, default="", help_text="For the e-mail."
    )


class BulkAssignRequestSerializer(AssignRequestSerializer):
    """Which claims: exactly one of ``ids``, ``article`` (all its claims) or ``incident``."""

    ids = ClaimIdsField(required=False, help_text="Claim ids.")
    article = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    incident = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)

    def validate(self, attrs):
        chosen = [name for name in ("ids", "article", "incident") if name in attrs]
        if len(chosen) != 1:
            raise serializers.ValidationError("Give exactly one of ids, article or incident.")
        return attrs


class AssignResultSerializer(serializers.Serializer):
    assigned = serializers.IntegerField(help_text="Claims whose assignee changed.")
    assignee = serializers.CharField(allow_null=True)


class ArticleIngestSerializer(serializers.Serializer):
    """An article to ingest. The body is kept byte for byte: claims anchor to its offsets."""

    # Validated into a sources.incoming.IncomingArticle, the one shape ingest takes.

    title = serializers.CharField(
        max_length=500, allow_blank=True, default="", help_text="Defaults to the first line."
    )
    body = serializers.CharField(
        trim_whitespace=False,
        help_text=f"Plain text, at most {settings.ARTICLE_MAX_BYTES:,} bytes of UTF-8.",
    )
    url = serializers.URLField(max_length=2000, allow_blank=True, default="")
    outlet = serializers.CharField(
        max_length=200, allow_blank=True, default="", help_text="The publisher's name."
    )
    published_on = serializers.DateField(required=False, allow_null=True, default=None)

    def to_internal_value(self, data) -> IncomingArticle:
        return IncomingArticle(**super().to_internal_value(data))


class BatchRequestSerializer(serializers.Serializer):
    articles = ArticleIngestSerializer(many=True, allow_empty=False, max_length=MAX_BATCH_ARTICLES)


# --- Curation input ----------------------------------------------------------------------

NOTE_FIELD_HELP = "Why; required, recorded in the claim's history."


def note_field() -> serializers.CharField:
    return serializers.CharField(max_length=10_000, help_text=NOTE_FIELD_HELP)


class ClaimantChoiceSerializer(serializers.Serializer):
    """An existing claimant by ``id``, or a ``name`` (and ``role``) matched like ingest does."""

    id = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    name = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    role = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ClaimFiguresSerializer(serializers.Serializer):
    """The fields an editor sets on a claim; the services check how they fit together."""

    kind = NamedChoiceField(enum_name="ClaimKind", choices=Claim.Kind.choices)
    start = serializers.IntegerField(min_value=0, max_value=MAX_ID)
    end = serializers.IntegerField(min_value=0, max_value=MAX_ID)
    outcome = NamedChoiceField(
        enum_name="Outcome",
        choices=[("", "None"), *Claim.Outcome.choices],
        required=False,
        allow_blank=True,
    )
    count_min = serializers.IntegerField(min_value=0, max_value=2**31 - 1, allow_null=True)
    count_max = serializers.IntegerField(min_value=0, max_value=2**31 - 1, allow_null=True)
    approximate = serializers.BooleanField()
    lower_bound = serializers.BooleanField(help_text='"at least"')
    upper_bound = serializers.BooleanField(help_text='"up to"')
    group = serializers.CharField(max_length=200, allow_blank=True)
    claimant = ClaimantChoiceSerializer(
        allow_null=True, help_text="Who said it; null for the article's own voice."
    )
    note = note_field()


class ClaimAddRequestSerializer(ClaimFiguresSerializer):
    """A claim the extractor missed. ``text`` is never sent: it is ``body[start:end]``."""

    article = serializers.IntegerField(min_value=1, max_value=MAX_ID)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("outcome", "count_min", "count_max", "group", "claimant"):
            self.fields[name].required = False
        for name in ("approximate", "lower_bound", "upper_bound"):
            self.fields[name].required = False
            self.fields[name].default = False


class ClaimCorrectionRequestSerializer(ClaimFiguresSerializer):
    """Only the fields being corrected, and the note. ``version`` if If-Match is not sent."""

    version = serializers.IntegerField(min_value=1, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "note":
                field.required = False


class RejectRequestSerializer(serializers.Serializer):
    reason = NamedChoiceField(enum_name="RejectionReason", choices=RejectionReason.choices)
    note = note_field()
    version = serializers.IntegerField(min_value=1, required=False)


class BulkRejectRequestSerializer(serializers.Serializer):
    ids = ClaimIdsField(help_text=f"Claim ids, 1 to {MAX_BULK_IDS:,}. All or nothing.")
    reason = NamedChoiceField(enum_name="RejectionReason", choices=RejectionReason.choices)
    note = note_field()


class BulkRejectResultSerializer(serializers.Serializer):
    rejected = serializers.IntegerField(help_text="Claims newly rejected.")
    reason = NamedChoiceField(enum_name="RejectionReason", choices=RejectionReason.choices)


class RestoreRequestSerializer(serializers.Serializer):
    note = note_field()
    version = serializers.IntegerField(min_value=1, required=False)


class ClaimantRenameRequestSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    role = serializers.CharField(max_length=300, required=False, allow_blank=True)
    note = note_field()


class ClaimantMergeRequestSerializer(serializers.Serializer):
    into = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="The claimant that keeps the claims."
    )
    note = note_field()


class ClaimantSplitRequestSerializer(serializers.Serializer):
    claim = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    name = serializers.CharField(max_length=300, help_text="Who really made the claim.")
    role = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    note = note_field()
    version = serializers.IntegerField(min_value=1, required=False)


class DuplicateErrorSerializer(ErrorSerializer):
    existing_id = serializers.IntegerField(help_text="The claim (or claimant) already there.")
