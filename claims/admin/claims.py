"""The claim list (badges, figures, filters, conflicts) and the claim's page. Its actions,
export and import live in the modules named after them; this class puts them together."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import F, Q
from django.urls import path, reverse
from django.utils.html import format_html

from claims import selectors
from claims.admin.export import ClaimExportViews
from claims.admin.html import ADMIN_CSS, claim_figure, history_what, status_badge
from claims.admin.imports import ClaimImportView
from claims.admin.incidents import MoveToNewIncidentAction
from claims.admin.reviews import ClaimReviewActions
from claims.forms import ClaimReviewForm
from claims.models import Claim
from claims.spec import EXTRACTION_FIELDS, RECORD_FIELDS


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


class SameClaimGroupFilter(admin.SimpleListFilter):
    """One row per same-claim group (its first claim) plus every claim standing alone."""

    title = "same-claim groups"
    parameter_name = "groups"

    def lookups(self, request, model_admin):
        return [("collapsed", "One row per group")]

    def queryset(self, request, queryset):
        if self.value() == "collapsed":
            return queryset.filter(Q(same_as__isnull=True) | Q(same_as=F("id")))
        return queryset


@admin.register(Claim)
class ClaimAdmin(
    ClaimReviewActions,
    MoveToNewIncidentAction,
    ClaimExportViews,
    ClaimImportView,
    admin.ModelAdmin,
):
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
        SameClaimGroupFilter,
        ("reviews__reviewer", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["text", "claimant__name", "article__title"]
    date_hierarchy = "updated_at"
    list_select_related = ["article", "article__outlet", "claimant"]
    list_per_page = 100
    ordering = ["-updated_at", "-id"]
    raw_id_fields = ["article", "incident", "claimant", "superseded_by"]
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
                    "subcount",
                    "superseded_by",
                    "extractor_version",
                ],
            },
        ),
        ("Record", {"classes": ["collapse"], "fields": ["version", "created_at", "updated_at"]}),
    ]
    actions = [
        "mark_confirmed",
        "mark_disputed",
        "mark_false",
        "mark_unverifiable",
        "mark_in_review",
        "move_to_new_incident",
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

    # Single review

    def get_urls(self):
        def view(method):
            return self.admin_site.admin_view(method)

        return [
            path("export.csv", view(self.export_csv_view), name="claims_claim_export_csv"),
            path("export.json", view(self.export_json_view), name="claims_claim_export_json"),
            path("import-reviews/", view(self.import_reviews_view), name="claims_claim_import"),
            path("<path:object_id>/review/", view(self.review_view), name="claims_claim_review"),
            path(
                "<path:object_id>/conflicts/<int:other_id>/dismiss/",
                view(self.dismiss_conflict_view),
                name="claims_claim_dismiss_conflict",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_review": self.has_review_permission(request)}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        if claim is not None and self.has_view_or_change_permission(request, claim):
            extra_context = {
                **(extra_context or {}),
                "claim_figure": claim_figure(claim),
                "conflicts": list(selectors.conflicts_for(claim)),
                "same_claims": list(selectors.same_claims(claim)),
                "history": [
                    {**entry, "what": history_what(entry)}
                    for entry in selectors.claim_history(claim.pk)
                ],
                "can_review": self.has_review_permission(request),
                "review_form": ClaimReviewForm.for_claim(claim),
                "review_url": reverse("admin:claims_claim_review", args=[claim.pk]),
            }
        return super().change_view(request, object_id, form_url, extra_context)
