"""The editors' workflow: read an article with its claims highlighted, review claims one by one
or in bulk, and see contradictions and history. Every write goes through claims.services."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from claims import selectors, services
from claims.forms import BulkReviewForm, ClaimReviewForm
from claims.models import Claim, Incident, Review, Status
from sources.models import Article

ADMIN_CSS = {"all": ["claims/admin.css"]}

# Fields the extractor fills in; only superusers may correct them by hand.
EXTRACTION_FIELDS = [
    "article",
    "incident",
    "kind",
    "text",
    "start",
    "end",
    "claimant",
    "attribution",
    "outcome",
    "count_min",
    "count_max",
    "approximate",
    "lower_bound",
    "upper_bound",
    "group",
]
RECORD_FIELDS = ["status", "version", "created_at", "updated_at"]


def claim_change_url(claim_id: int) -> str:
    return reverse("admin:claims_claim_change", args=[claim_id])


def status_badge(status: str):
    label = Status(status).label if status in Status.values else status
    return format_html('<span class="claim-badge status-{}">{}</span>', status, label)


def claim_figure(claim: Claim) -> str:
    """ "at least 12 killed", "3 injured": the count and outcome as an editor reads them."""
    outcome = claim.get_outcome_display().lower()
    return " ".join(part for part in (claim.count_display, outcome) if part)


def highlight_claims(body: str, claims) -> str:
    """The article body, escaped, with one <mark> per claim span, coloured by status.

    Spans nest: a sub-count inside a larger claim is a mark inside that claim's mark. A span
    that crosses the end of an open one (or lies outside the body) cannot nest and is left
    out of the text; the claims table below the article still lists it.
    """
    parts = []
    position = 0
    open_claims: list[Claim] = []

    def close_until(offset: int) -> None:
        nonlocal position
        while open_claims and open_claims[-1].end <= offset:
            closing = open_claims.pop()
            parts.append(escape(body[position : closing.end]))
            parts.append(mark_safe("</mark>"))
            position = closing.end

    for claim in sorted(claims, key=lambda claim: (claim.start, -claim.end, claim.pk)):
        if not 0 <= claim.start < claim.end <= len(body):
            continue
        close_until(claim.start)
        if open_claims and claim.end > open_claims[-1].end:
            continue
        parts.append(escape(body[position : claim.start]))
        position = claim.start
        parts.append(
            format_html(
                '<mark class="claim-mark status-{}" id="claim-{}" title="{}">'
                '<a class="claim-ref" href="{}">#{}</a>',
                claim.status,
                claim.pk,
                " · ".join(
                    part
                    for part in (
                        claim.get_status_display(),
                        claim.get_kind_display(),
                        claim_figure(claim),
                        claim.attribution,
                    )
                    if part
                ),
                claim_change_url(claim.pk),
                claim.pk,
            )
        )
        open_claims.append(claim)
    close_until(len(body))
    parts.append(escape(body[position:]))
    return mark_safe("".join(parts))


class ConflictFilter(admin.SimpleListFilter):
    """Claims another source contradicts, from the ``has_conflict`` annotation."""

    title = "conflict"
    parameter_name = "conflict"

    def lookups(self, request, model_admin):
        return [("yes", "Contradicted"), ("no", "Not contradicted")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_conflict=True)
        if self.value() == "no":
            return queryset.filter(has_conflict=False)
        return queryset


class ReviewInline(admin.TabularInline):
    """The claim's history. Reviews are the record: never added, changed or removed here."""

    model = Review
    extra = 0
    can_delete = False
    fields = ["version", "created_at", "reviewer", "transition", "note", "evidence"]
    readonly_fields = fields
    ordering = ["version"]
    verbose_name_plural = "History"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reviewer")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="From → to")
    def transition(self, review):
        return format_html(
            "{} → {}", status_badge(review.from_status), status_badge(review.to_status)
        )

    @admin.display(description="Evidence")
    def evidence(self, review):
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}" rel="noopener noreferrer">{}</a>',
            ((url, url) for url in review.evidence_urls),
        )


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = [
        "short_text",
        "status_badge",
        "figure",
        "group",
        "claimant_name",
        "article_link",
        "conflict",
        "updated_at",
    ]
    list_display_links = ["short_text"]
    list_filter = [
        "status",
        "kind",
        "outcome",
        ("article__outlet", admin.RelatedOnlyFieldListFilter),
        ("claimant", admin.RelatedOnlyFieldListFilter),
        ConflictFilter,
        ("reviews__reviewer", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["text", "claimant__name", "article__title"]
    date_hierarchy = "updated_at"
    list_select_related = ["article", "article__outlet", "claimant"]
    list_per_page = 100
    ordering = ["-updated_at", "-id"]
    raw_id_fields = ["article", "incident", "claimant"]
    fieldsets = [
        ("Claim", {"fields": ["text", "status_badge", "figure", "kind", "group", "claimant"]}),
        (
            "Extraction",
            {
                "classes": ["collapse"],
                "fields": [
                    "article",
                    "start",
                    "end",
                    "incident",
                    "attribution",
                    "outcome",
                    "count_min",
                    "count_max",
                    "approximate",
                    "lower_bound",
                    "upper_bound",
                ],
            },
        ),
        ("Record", {"classes": ["collapse"], "fields": ["version", "created_at", "updated_at"]}),
    ]
    inlines = [ReviewInline]
    actions = [
        "mark_confirmed",
        "mark_disputed",
        "mark_false",
        "mark_unverifiable",
        "mark_in_review",
    ]
    change_form_template = "admin/claims/claim/change_form.html"

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request):
        return selectors.with_conflict_flag(super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        computed = ["status_badge", "figure"]
        if request.user.is_superuser:
            return [*RECORD_FIELDS, *computed]
        return [*EXTRACTION_FIELDS, *RECORD_FIELDS, *computed]

    def has_add_permission(self, request):
        """Claims come from ingest, anchored to the article text; none are typed in."""
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_review_permission(self, request):
        return request.user.has_perm(services.REVIEW_PERMISSION)

    def save_model(self, request, obj, form, change):
        """Write only what the superuser corrected, never status or version: a full-row save
        would overwrite a review made since the page was opened."""
        changed = [name for name in form.changed_data if name in EXTRACTION_FIELDS]
        if changed:
            obj.save(update_fields=[*changed, "updated_at"])

    # Columns

    @admin.display(description="Claim", ordering="text")
    def short_text(self, claim):
        return claim.text if len(claim.text) <= 90 else claim.text[:89] + "…"

    @admin.display(description="Status", ordering="status")
    def status_badge(self, claim):
        return status_badge(claim.status)

    @admin.display(description="Figure", ordering="count_min")
    def figure(self, claim):
        return claim_figure(claim) or "—"

    @admin.display(description="Claimant", ordering="claimant__name")
    def claimant_name(self, claim):
        return claim.claimant.name if claim.claimant_id else claim.attribution or "—"

    @admin.display(description="Article", ordering="article__title")
    def article_link(self, claim):
        article = claim.article
        outlet = f" ({article.outlet})" if article.outlet_id else ""
        return format_html(
            '<a href="{}#claim-{}">{}</a>{}',
            reverse("admin:sources_article_change", args=[article.pk]),
            claim.pk,
            article.title if len(article.title) <= 48 else article.title[:47] + "…",
            outlet,
        )

    @admin.display(description="Conflict", boolean=True, ordering="has_conflict")
    def conflict(self, claim):
        return claim.has_conflict

    # Bulk review

    def _review_selected(self, request, queryset, status: str):
        """Ask for a note on an intermediate page, then review every selected claim at once.

        The ids are read with values_list and passed to services.bulk_review, which writes
        in a fixed number of queries and one transaction, however many claims there are.
        """
        form = BulkReviewForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            claim_ids = list(queryset.order_by().values_list("pk", flat=True).distinct())
            try:
                reviewed = services.bulk_review(
                    claim_ids=claim_ids,
                    status=status,
                    note=form.cleaned_data["note"],
                    reviewer=request.user,
                    evidence_urls=form.evidence_urls,
                )
            except (services.ReviewRejected, PermissionDenied) as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                f"Marked {reviewed:,} claim{'s' if reviewed != 1 else ''} as "
                f"{Status(status).label.lower()}.",
                messages.SUCCESS,
            )
            return None
        claim_count = queryset.count()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Mark claims as {Status(status).label.lower()}",
            "opts": self.opts,
            "form": form,
            "status": status,
            "status_label": Status(status).label,
            "claim_count": claim_count,
            "claim_count_display": f"{claim_count:,}",
            "sample": queryset.select_related("claimant")[:10],
            "more_count_display": f"{max(claim_count - 10, 0):,}",
            "action": request.POST.get("action", ""),
            "select_across": request.POST.get("select_across", "0"),
            "selected_ids": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/claim/bulk_review.html", context)

    @admin.action(description="Mark selected claims as confirmed", permissions=["review"])
    def mark_confirmed(self, request, queryset):
        return self._review_selected(request, queryset, Status.CONFIRMED)

    @admin.action(description="Mark selected claims as disputed", permissions=["review"])
    def mark_disputed(self, request, queryset):
        return self._review_selected(request, queryset, Status.DISPUTED)

    @admin.action(description="Mark selected claims as false", permissions=["review"])
    def mark_false(self, request, queryset):
        return self._review_selected(request, queryset, Status.FALSE)

    @admin.action(description="Mark selected claims as unverifiable", permissions=["review"])
    def mark_unverifiable(self, request, queryset):
        return self._review_selected(request, queryset, Status.UNVERIFIABLE)

    @admin.action(description="Mark selected claims as in review", permissions=["review"])
    def mark_in_review(self, request, queryset):
        return self._review_selected(request, queryset, Status.IN_REVIEW)

    # Single review

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [
            path("<path:object_id>/review/", review, name="claims_claim_review"),
            *super().get_urls(),
        ]

    def _claim_or_404(self, request, object_id) -> Claim:
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            raise Http404(f"No claim with id {object_id!r}.")
        return claim

    def review_view(self, request, object_id):
        """Review one claim. The form carries the version the editor saw; if the claim has
        changed since, the review is refused and nothing is overwritten."""
        if not self.has_review_permission(request):
            raise PermissionDenied
        claim = self._claim_or_404(request, object_id)
        change_url = claim_change_url(claim.pk)
        form = ClaimReviewForm(request.POST or None, initial={"version": claim.version})
        if request.method == "POST" and form.is_valid():
            try:
                claim = services.review_claim(
                    claim_id=claim.pk,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    reviewer=request.user,
                    evidence_urls=form.evidence_urls,
                    expected_version=form.cleaned_data["version"],
                )
            except services.StaleVersion as stale:
                self.message_user(
                    request,
                    f"Not saved: someone reviewed this claim after you opened it (it is now "
                    f"version {stale.current_version}). Read its history below and decide again.",
                    messages.ERROR,
                )
                return HttpResponseRedirect(change_url)
            except (services.ReviewRejected, PermissionDenied) as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    f"Claim marked as {claim.get_status_display().lower()}.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": "Review claim",
            "opts": self.opts,
            "original": claim,
            "claim": claim,
            "form": form,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/claim/review.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        if claim is not None and self.has_view_or_change_permission(request, claim):
            extra_context = {
                **(extra_context or {}),
                "claim_figure": claim_figure(claim),
                "conflicts": list(selectors.conflicts_for(claim)),
                "can_review": self.has_review_permission(request),
                "review_form": ClaimReviewForm.for_claim(claim),
                "review_url": reverse("admin:claims_claim_review", args=[claim.pk]),
            }
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """The audit log, read-only: who decided what, when, and why."""

    list_display = ["created_at", "claim", "reviewer", "transition", "short_note"]
    list_filter = ["to_status", ("reviewer", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["claim", "reviewer"]
    search_fields = ["note", "claim__text"]
    date_hierarchy = "created_at"

    class Media:
        css = ADMIN_CSS

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="From → to")
    def transition(self, review):
        return format_html(
            "{} → {}", status_badge(review.from_status), status_badge(review.to_status)
        )

    @admin.display(description="Note")
    def short_note(self, review):
        return review.note if len(review.note) <= 80 else review.note[:79] + "…"


class ArticleClaimInline(admin.TabularInline):
    """The article's claims in text order, read-only; each links to its claim page."""

    model = Claim
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["kind", "figure", "group", "claimant", "badge"]
    readonly_fields = fields
    ordering = ["start", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claimant")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Figure")
    def figure(self, claim):
        return claim_figure(claim) or "—"

    @admin.display(description="Status")
    def badge(self, claim):
        return status_badge(claim.status)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published_on", "claim_count", "ingested_at"]
    list_filter = [("outlet", admin.RelatedOnlyFieldListFilter), "published_on", "language"]
    search_fields = ["title", "url", "outlet__name"]
    date_hierarchy = "ingested_at"
    list_select_related = ["outlet"]
    fields = ["title", "url", "outlet", "published_on", "language", "ingested_at", "ingested_by"]
    readonly_fields = ["ingested_at", "ingested_by"]
    raw_id_fields = ["outlet"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ArticleClaimInline]
    change_form_template = "admin/claims/article/change_form.html"

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    def has_add_permission(self, request):
        """Articles come in through ingest, which extracts their claims; none are typed in."""
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, article):
        return article.claim_count

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_or_change_permission(request, article):
            extra_context = {
                **(extra_context or {}),
                "highlighted_body": highlight_claims(article.body, article.claims.all()),
                "statuses": [(status, status_badge(status)) for status in Status.values],
            }
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ["title", "claim_count", "created_at"]
    search_fields = ["title"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, incident):
        return incident.claim_count
