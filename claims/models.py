"""What was said (Claim), the event it is about (Incident), and what we decided (Review)."""

import re

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.utils.text import capfirst

from claims import spec
from claims.choices import (  # noqa: F401 (their home)
    VERDICT_STATUSES,
    ClaimKind,
    Origin,
    Outcome,
    RejectionReason,
    Status,
)
from claims.extraction.numbers import NUMBER_START, QUALIFIER
from sources.incoming import IncomingArticle
from sources.models import Article, Claimant

# A hedge right before the count, as the claim words it: "more than" in "more than 190 injured".
_QUALIFIER_BEFORE_COUNT = re.compile(rf"({QUALIFIER})\s+(?={NUMBER_START.pattern})")


class Publication(models.TextChoices):
    """Whether readers see a verdict of the claim. Deciding is not publishing: an editor
    publishes a verdict, and may withdraw it (readers then see that it was withdrawn)."""

    UNPUBLISHED = "unpublished", "Never published"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Incident(models.Model):
    """One real-world event. Casualty claims about it are compared with each other.

    Ingest matches each new article against recent incidents (claims.services.matching):
    above a threshold the article joins one, in a band below it a proposal is opened, and
    otherwise it opens its own. Editors still merge and split by hand.
    """

    title = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    # What matching compares (claims.matching.IncidentFacts): places and names from the
    # titles and ledes of its articles, lowercased and space-joined (trigram-indexed on
    # PostgreSQL), and the figures, outcomes and named claimants of its claims.
    match_text = models.TextField(blank=True)
    match_facts = models.JSONField(default=dict, blank=True)
    first_published_on = models.DateField(null=True, blank=True)
    last_published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("regroup_incidents", "Can merge incidents and move claims between them")]
        indexes = [
            # Matching looks for incidents published within a window of the new article.
            models.Index(fields=["last_published_on"], name="incident_last_published"),
        ]

    def __str__(self) -> str:
        return self.title


class Claim(models.Model):
    """A checkable claim anchored to ``article.body[start:end]``.

    Its relations and record fields are declared here; its values (kind, text, span,
    counts…) in claims.spec, which adds them below and from which every list of the claim's
    fields is derived. What ingest and matching work out about it (its mentions, sub-count,
    revision, same-claim group, report date) is declared here too: not the extractor's
    values to correct by hand.
    """

    Kind = ClaimKind
    Outcome = Outcome
    Status = Status
    Origin = Origin
    RejectionReason = RejectionReason

    # Indexed by claim_unique_span_per_kind, which starts with article.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="claims", db_index=False
    )
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    claimant = models.ForeignKey(
        Claimant, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    # Every place the article gives this figure from this source: [{start, end, text}],
    # the claim's own span first.
    mentions = models.JSONField(default=list, blank=True)
    subcount = models.BooleanField(
        default=False, help_text='Part of a larger total: "9 of the injured", "including 4".'
    )
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        help_text="The later figure that revised this one.",
    )
    # Claims of one incident with the same claimant, outcome and figures share the id of
    # the group's first claim here; null when the claim stands alone.
    same_as = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The day its article was published (else ingested): a later, higher figure from
    # another day is a toll that rose, not a contradiction.
    reported_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.UNVERIFIED)
    version = models.PositiveIntegerField(default=1, editable=False)
    # Database defaults, so rows written by COPY (the benchmark) or raw SQL get them too.
    origin = models.CharField(
        max_length=16, choices=Origin.choices, default=Origin.EXTRACTOR, db_default="extractor"
    )
    extractor_version = models.CharField(
        max_length=32, blank=True, default="", db_default="", help_text="Blank for editors' claims."
    )
    rejection_reason = models.CharField(
        max_length=16,
        choices=RejectionReason.choices,
        blank=True,
        default="",
        db_default="",
        help_text="Set when an editor rejects the claim; rejected claims leave every list.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The desk: who works on the claim, and what readers see of it.
    # Indexed by claim_assignee_upd, which starts with assignee.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
        db_index=False,
    )
    assigned_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Database defaults too, so bulk loads (COPY, INSERT … SELECT) need not name them.
    awaiting_publication = models.BooleanField(
        default=False,
        db_default=False,
        editable=False,
        help_text="Its latest verdict is not public yet.",
    )
    publication = models.CharField(
        max_length=12,
        choices=Publication.choices,
        default=Publication.UNPUBLISHED,
        db_default=Publication.UNPUBLISHED,
        editable=False,
    )
    public_status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.UNVERIFIED,
        db_default=Status.UNVERIFIED,
        editable=False,
        help_text="The status readers see: the published verdict, else unverified.",
    )
    published_version = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="The version whose verdict is public."
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(blank=True, default="", db_default="", editable=False)
    public_changed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Last publication or withdrawal."
    )

    class Meta:
        ordering = ["article_id", "start", "id"]
        permissions = [
            ("review_claim", "Can change the verification status of a claim"),
            ("publish_claim", "Can publish and withdraw a claim's verdict"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(count_min__isnull=True)
                | Q(count_max__isnull=True)
                | Q(count_min__lte=F("count_max")),
                name="claim_count_min_lte_max",
            ),
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(end__gt=F("start")), name="claim_span_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="claim_status_valid"
            ),
            models.CheckConstraint(condition=Q(kind__in=ClaimKind.values), name="claim_kind_valid"),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=Outcome.values),
                name="claim_outcome_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind=ClaimKind.STATEMENT)
                | Q(count_min__isnull=False)
                | Q(outcome__gt=""),
                name="claim_count_has_number_or_outcome",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="claim_version_positive"),
            models.CheckConstraint(
                condition=Q(origin__in=Origin.values), name="claim_origin_valid"
            ),
            models.CheckConstraint(
                condition=Q(origin=Origin.EXTRACTOR) | Q(extractor_version=""),
                name="claim_editor_has_no_extractor_version",
            ),
            models.CheckConstraint(
                condition=Q(rejection_reason="") | Q(rejection_reason__in=RejectionReason.values),
                name="claim_rejection_reason_valid",
            ),
            models.UniqueConstraint(
                fields=["article", "kind", "start", "end"], name="claim_unique_span_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(publication__in=Publication.values), name="claim_publication_valid"
            ),
            # Readers see a verdict only while one is published.
            models.CheckConstraint(
                condition=(
                    Q(publication=Publication.PUBLISHED)
                    & Q(public_status__in=VERDICT_STATUSES)
                    & Q(published_version__isnull=False)
                    & Q(published_version__lte=F("version"))
                )
                | (~Q(publication=Publication.PUBLISHED) & Q(public_status=Status.UNVERIFIED)),
                name="claim_public_status_published_only",
            ),
            models.CheckConstraint(
                condition=Q(publication=Publication.UNPUBLISHED)
                | Q(public_changed_at__isnull=False),
                name="claim_publication_dated",
            ),
            models.CheckConstraint(
                condition=~Q(publication=Publication.WITHDRAWN)
                | (Q(withdrawn_at__isnull=False) & Q(withdrawal_reason__gt="")),
                name="claim_withdrawal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(awaiting_publication=False) | Q(status__in=VERDICT_STATUSES),
                name="claim_awaiting_has_verdict",
            ),
            models.CheckConstraint(
                condition=~Q(superseded_by=F("id")), name="claim_not_superseded_by_itself"
            ),
        ]
        # The list indexes hold only claims in the lists (not rejected): the default lists
        # filter on that, and ?rejected=true walks its own small index.
        indexes = [
            models.Index(
                fields=["status", "kind", "-updated_at", "-id"],
                name="claim_status_kind_upd",
                condition=Q(rejection_reason=""),
            ),
            models.Index(
                fields=["-updated_at", "-id"],
                name="claim_updated",
                condition=Q(rejection_reason=""),
            ),
            # ?status=X without a kind: newest first straight from the index.
            models.Index(
                fields=["status", "-updated_at", "-id"],
                name="claim_status_upd",
                condition=Q(rejection_reason=""),
            ),
            models.Index(
                fields=["-updated_at", "-id"],
                name="claim_rejected_upd",
                condition=~Q(rejection_reason=""),
            ),
            models.Index(fields=["kind"], name="claim_kind"),
            models.Index(fields=["outcome"], name="claim_outcome"),
            models.Index(fields=["incident", "outcome"], name="claim_incident_outcome"),
            # The desk's filters and queues (?assignee=, ?publication=) and what anonymous
            # readers filter on (?status= is the public status for them).
            models.Index(fields=["assignee", "-updated_at", "-id"], name="claim_assignee_upd"),
            models.Index(
                fields=["publication", "-updated_at", "-id"], name="claim_publication_upd"
            ),
            models.Index(
                fields=["-updated_at", "-id"],
                condition=Q(awaiting_publication=True),
                name="claim_awaiting_upd",
            ),
            models.Index(
                fields=["public_status", "-updated_at", "-id"], name="claim_public_status_upd"
            ),
            # The ClaimReview feed: publications and withdrawals, newest first.
            models.Index(
                fields=["-public_changed_at", "-id"],
                condition=~Q(publication=Publication.UNPUBLISHED),
                name="claim_public_changed",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_rejected(self) -> bool:
        return bool(self.rejection_reason)

    @property
    def count_display(self) -> str:
        return format_count(**{name: getattr(self, name) for name in COUNT_FIELDS})

    @property
    def count_as_said(self) -> str:
        """The count with the claim's own hedge: "more than 190", "nearly 50", "1,500–2,200".

        The stored flags keep only three kinds of hedge (about, at least, up to), so "more
        than 190" would read "about 190"; the words come from the claim text instead."""
        if self.count_min is None:
            return ""
        if self.count_max is not None and self.count_max != self.count_min:
            figure = f"{self.count_min:,}–{self.count_max:,}"
        else:
            figure = f"{self.count_min:,}"
        if self.approximate or self.lower_bound or self.upper_bound:
            hedge = _QUALIFIER_BEFORE_COUNT.search(self.text)
            if hedge:
                return f"{' '.join(hedge.group(1).lower().split())} {figure}"
        return self.count_display.replace("-", "–")


for _field in spec.VALUE_FIELDS:
    Claim.add_to_class(_field.name, _field.column)


# What format_count reads: a claim's count and its hedges.
COUNT_FIELDS = ("count_min", "count_max", "approximate", "lower_bound", "upper_bound")


def format_count(*, count_min, count_max, approximate, lower_bound, upper_bound) -> str:
    """A count as an editor reads it: "3", "1,500-2,200", "at least 12", "about 180"."""
    if count_min is None:
        return ""
    if count_max is not None and count_max != count_min:
        figure = f"{count_min:,}-{count_max:,}"
    else:
        figure = f"{count_min:,}"
    if lower_bound:
        return f"at least {figure}"
    if upper_bound:
        return f"up to {figure}"
    if approximate:
        return f"about {figure}"
    return figure


def evidence_list(urls, labels) -> list[dict]:
    """``[{"url", "label"}]`` from a review's evidence URLs and their labels."""
    labels = labels or {}
    return [{"url": url, "label": labels.get(url, "")} for url in urls or ()]


class IncidentProposal(models.Model):
    """Matching thinks ``article`` may report ``incident`` but is not sure enough to join it.

    An editor accepts (the article's casualty claims move into the incident) or rejects it;
    the decision, who made it and why stay on the row.
    """

    class State(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="proposals")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=dict, blank=True, help_text="What the article shares.")
    state = models.CharField(max_length=8, choices=State.choices, default=State.PROPOSED)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "article"], name="incidentproposal_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["proposed", "accepted", "rejected"]),
                name="incidentproposal_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(state="proposed") | Q(decided_by__isnull=False),
                name="incidentproposal_decided_by_someone",
            ),
        ]
        indexes = [models.Index(fields=["incident", "state"], name="incidentproposal_state")]

    def __str__(self) -> str:
        return f"Article {self.article_id} → incident {self.incident_id} ({self.state})"


class ContradictionDismissal(models.Model):
    """A reviewer decided two flagged figures do not contradict each other, and said why.

    The pair is stored lowest claim id first, so one row covers both directions.
    """

    first_claim = models.ForeignKey(
        "Claim", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    second_claim = models.ForeignKey("Claim", on_delete=models.CASCADE, related_name="+")
    note = models.TextField()
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["first_claim", "second_claim"], name="dismissal_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(first_claim__lt=F("second_claim")), name="dismissal_pair_ordered"
            ),
            models.CheckConstraint(condition=~Q(note=""), name="dismissal_note_required"),
        ]

    def __str__(self) -> str:
        return f"{self.first_claim_id} ≠ {self.second_claim_id} dismissed"


def _append_only(model) -> PermissionError:
    return PermissionError(f"{capfirst(model._meta.verbose_name_plural)} are append-only.")


class AppendOnlyQuerySet(models.QuerySet):
    """Rows that are the record (reviews, claim changes): added, never changed or removed."""

    def update(self, **kwargs):
        raise _append_only(self.model)

    def delete(self):
        raise _append_only(self.model)


class AppendOnlyModel(models.Model):
    """A saved row is never saved again nor deleted; triggers also refuse UPDATE."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise _append_only(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _append_only(self)


class Review(AppendOnlyModel):
    """One verification decision. Append-only: a database trigger also refuses UPDATE."""

    # Indexed by review_unique_claim_version, which starts with claim.
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="reviews", db_index=False
    )
    from_status = models.CharField(max_length=16, choices=Status.choices)
    to_status = models.CharField(max_length=16, choices=Status.choices)
    version = models.PositiveIntegerField(help_text="The claim's version after this review.")
    note = models.TextField(help_text="Internal: for the desk, never shown to readers.")
    rationale = models.TextField(
        blank=True,
        default="",
        db_default="",
        help_text="Public: the reasoning readers see once the verdict is published.",
    )
    evidence_urls = models.JSONField(default=list, blank=True)
    evidence_labels = models.JSONField(
        default=dict,
        db_default=Value({}, output_field=models.JSONField()),
        blank=True,
        help_text="Optional label per evidence URL: {url: label}.",
    )
    # Indexed by review_reviewer_created, which starts with reviewer.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["claim_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "version"], name="review_unique_claim_version"
            ),
            models.CheckConstraint(
                condition=Q(from_status__in=Status.values) & Q(to_status__in=Status.values),
                name="review_status_valid",
            ),
            models.CheckConstraint(condition=Q(version__gte=2), name="review_version_after_first"),
        ]
        indexes = [models.Index(fields=["reviewer", "-created_at"], name="review_reviewer_created")]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status} by {self.reviewer_id}"

    @property
    def evidence(self) -> list[dict]:
        """Evidence as readers see it: each URL with its label ("" when none)."""
        return evidence_list(self.evidence_urls, self.evidence_labels)


class ChangeAction(models.TextChoices):
    """What an editor (or the desk) did to a claim, as its history names it."""

    ADDED = "added", "Added by an editor"
    CORRECTED = "corrected", "Corrected"
    REJECTED = "rejected", "Rejected: not a claim"
    RESTORED = "restored", "Restored"
    CLAIMANT_RENAMED = "claimant_renamed", "Claimant renamed"
    CLAIMANTS_MERGED = "claimants_merged", "Claimants merged"
    CLAIMANT_SPLIT = "claimant_split", "Split off its claimant"
    ASSIGNED = "assigned", "Assigned"
    PUBLISHED = "published", "Verdict published"
    WITHDRAWN = "withdrawn", "Verdict withdrawn"
    CONFLICT_ACKNOWLEDGED = "conflict_acknowledged", "Confirmed despite a contradiction"
    INCIDENT_MATCHED = "incident_matched", "Joined an incident (proposal accepted)"
    MATCH_REJECTED = "match_rejected", "Proposed incident rejected"
    CONFLICT_DISMISSED = "conflict_dismissed", "Contradiction dismissed"
    GROUP_REVIEWED = "group_reviewed", "Reviewed with its same-claim group"


class ClaimChange(AppendOnlyModel):
    """One change to a claim other than its status: who, when, why, and each field's old and
    new value (``changes`` is ``{field: [old, new]}``). Append-only: a database trigger also
    refuses UPDATE. ``version`` is the claim version the change produced, null when the
    claim itself did not change (a claimant renamed)."""

    Action = ChangeAction

    # Indexed by claimchange_claim_created, which starts with claim.
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="changes", db_index=False
    )
    action = models.CharField(max_length=32, choices=ChangeAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claim_changes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The claim's version after this change."
    )

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ChangeAction.values), name="claimchange_action_valid"
            ),
            models.CheckConstraint(
                condition=Q(version__isnull=True) | Q(version__gte=1),
                name="claimchange_version_positive",
            ),
            models.UniqueConstraint(
                fields=["claim", "version"], name="claimchange_unique_claim_version"
            ),
        ]
        indexes = [
            models.Index(fields=["claim", "created_at"], name="claimchange_claim_created"),
            models.Index(fields=["action", "created_at"], name="claimchange_action_created"),
        ]

    def __str__(self) -> str:
        return f"{self.action} of claim {self.claim_id} by {self.actor_id}"


class ApiToken(models.Model):
    """An API client's bearer token. Only its SHA-256 is stored; the key is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100, default="default")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False, help_text="To recognise a key.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="apitoken_unique_name_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


class IngestBatch(models.Model):
    """A group of articles ingested in the background; its items say how far it got."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=200, blank=True, help_text="api, or the command line")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "ingest batches"

    def __str__(self) -> str:
        return f"Batch {self.pk}"


class IngestItem(models.Model):
    """One article of a batch, kept with its text so any worker can (re)try it.

    Processing is idempotent through the article's content hash, so an item redelivered
    after a worker died is stored once.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    batch = models.ForeignKey(IngestBatch, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=500, help_text="File name or title, for reports.")
    title = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=2000, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_article = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["batch_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "position"], name="ingestitem_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "done", "failed"]), name="ingestitem_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["batch", "state"], name="ingestitem_batch_state")]

    def __str__(self) -> str:
        return self.label

    def as_incoming(self) -> IncomingArticle:
        """The article as it was handed to the batch, for ingest to (re)try."""
        return IncomingArticle(
            title=self.title,
            body=self.body,
            url=self.url,
            outlet=self.outlet,
            published_on=self.published_on,
            label=self.label,
        )


class WebhookEvent(models.TextChoices):
    VERDICT_PUBLISHED = "verdict.published", "Verdict published"
    VERDICT_WITHDRAWN = "verdict.withdrawn", "Verdict withdrawn"
    STATUS_CHANGED = "claim.status_changed", "Status changed"
    CLAIM_ADDED = "claim.added", "Claim added"


class WebhookEndpoint(models.Model):
    """A URL that receives the events it subscribes to, signed with its secret."""

    url = models.URLField(max_length=2000)
    secret = models.CharField(
        max_length=200, help_text="Signs each body: X-Factcheck-Signature: sha256=HMAC(body)."
    )
    events = models.JSONField(default=list, help_text="Any of: " + ", ".join(WebhookEvent.values))
    active = models.BooleanField(default=True)
    description = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url", "id"]

    def __str__(self) -> str:
        return self.description or self.url

    def clean(self):
        from django.core.exceptions import ValidationError

        unknown = sorted(set(self.events or []) - set(WebhookEvent.values))
        if not isinstance(self.events, list) or unknown or not self.events:
            raise ValidationError(
                {"events": f"Choose one or more of: {', '.join(WebhookEvent.values)}."}
            )


class WebhookDelivery(models.Model):
    """One attempt to deliver one event to one endpoint: the record of what was sent."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    attempt = models.PositiveIntegerField(help_text="1 for the first try.")
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [
            models.Index(fields=["endpoint", "-created_at"], name="webhookdelivery_endpoint")
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} #{self.attempt}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
