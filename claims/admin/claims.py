"""The claim list (badges, figures, filters, conflicts) and the claim's page. Its actions,
export and import live in the modules named after them; this class puts them together."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.urls import path, reverse
from django.utils.html import format_html

from claims import selectors, spec
from claims.admin.base import WritesThroughServices
from claims.admin.curation import ClaimCurationViews
from claims.admin.desk import ClaimDeskActions, DeskQueueFilter
from claims.admin.export import ClaimExportViews
from claims.admin.filters import (
    ClaimantSearchFilter,
    ConflictFilter,
    OutletSearchFilter,
    RejectedFilter,
    SameClaimGroupFilter,
)
from claims.admin.html import (
    ADMIN_CSS,
    REVIEW_JS,
    claim_figure,
    conflict_badge,
    history_what,
    marked_sentence,
    status_badge,
)
from claims.admin.imports import ClaimImportView
from claims.admin.incidents import MoveToNewIncidentAction
from claims.admin.reviews import MARK_ACTIONS, ClaimReviewActions
from claims.models import Claim
from claims.spec import DESK_FIELDS, EXTRACTION_FIELDS, RECORD_FIELDS


@admin.register(Claim)
class ClaimAdmin(
    ClaimCurationViews,
    WritesThroughServices,
    ClaimReviewActions,
    ClaimDeskActions,
    MoveToNewIncidentAction,
    ClaimExportViews,
    ClaimImportView,
    admin.ModelAdmin,
):
    # The columns a decision needs; the rest (group, kind, dates) is on the claim's page.
    list_display = [
        "figure",
        "sentence",
        "claimant_name",
        "status_badge",
        "conflict",
        "assignee_name",
        "publication_state",
        "article_link",
    ]
    list_display_links = ["sentence"]
    list_filter = [
        DeskQueueFilter,
        RejectedFilter,
        "status",
        ConflictFilter,
        "publication",
        SameClaimGroupFilter,
        "kind",
        "outcome",
        "origin",
        ClaimantSearchFilter,
        OutletSearchFilter,
        ("reviews__reviewer", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["text", "claimant__name", "article__title"]
    date_hierarchy = "updated_at"
    list_select_related = ["article", "article__outlet", "claimant", "assignee"]
    list_per_page = 100
    ordering = ["-updated_at", "-id"]
    raw_id_fields = ["article", "incident", "claimant"]
    # The sentence, article, figure and claimant lead the page (the decision panel); these are
    # the extraction's details behind them, then the desk's (assignment, publication).
    fieldsets = [
        *spec.admin_fieldsets(),
        ("Desk", {"classes": ["collapse"], "fields": DESK_FIELDS}),
    ]
    actions = [
        *MARK_ACTIONS,
        "assign_selected",
        "publish_selected",
        "withdraw_selected",
        "move_to_new_incident",
        "reject_selected",
    ]
    change_form_template = "admin/claims/claim/change_form.html"

    class Media:
        css = ADMIN_CSS
        js = REVIEW_JS

    def get_queryset(self, request):
        return selectors.with_conflict_flag(super().get_queryset(request))

    def get_ordering(self, request):
        """One article's claims read in text order (the article page's side panel goes
        from a claim to the next one down the text); otherwise the newest first."""
        if "article__id__exact" in request.GET and "o" not in request.GET:
            return ["start", "id"]
        return super().get_ordering(request)

    def get_readonly_fields(self, request, obj=None):
        return [*EXTRACTION_FIELDS, *RECORD_FIELDS, *DESK_FIELDS, "status_badge", "figure"]

    def has_add_permission(self, request):
        """Claims come from ingest or from "Add claim" on an article's text (anchored to it)."""
        return False

    def has_change_permission(self, request, obj=None):
        """Nobody edits a claim's fields here: corrections (with a note, a version check and
        the history) are the one path, even for superusers."""
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    # Columns

    @admin.display(description="Claim in its sentence", ordering="text")
    def sentence(self, claim):
        return marked_sentence(claim, claim.article.body, context=24)

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
        return format_html(
            '<a href="{}#claim-{}" title="{}">{}</a>{}',
            reverse("admin:sources_article_change", args=[article.pk]),
            claim.pk,
            article.title,
            article.title,
            format_html(' <span class="quiet">{}</span>', article.outlet)
            if article.outlet_id
            else "",
        )

    @admin.display(description="Conflict", ordering="has_conflict")
    def conflict(self, claim):
        return conflict_badge(claim.has_conflict)

    # Single review

    def get_urls(self):
        def view(method):
            return self.admin_site.admin_view(method)

        # One claim's pages: <id>/<page>/, served by <page>_view, named claims_claim_<page>.
        one_claim = ["review", "panel", "publish", "withdraw", "correct", "reject", "restore"]
        return [
            path("export.csv", view(self.export_csv_view), name="claims_claim_export_csv"),
            path("export.json", view(self.export_json_view), name="claims_claim_export_json"),
            path("import-reviews/", view(self.import_reviews_view), name="claims_claim_import"),
            *(
                path(
                    f"<path:object_id>/{page}/",
                    view(getattr(self, f"{page}_view")),
                    name=f"claims_claim_{page}",
                )
                for page in one_claim
            ),
            path(
                "<path:object_id>/conflicts/<int:other_id>/dismiss/",
                view(self.dismiss_conflict_view),
                name="claims_claim_dismiss_conflict",
            ),
            path(
                "add-from-article/<int:article_id>/",
                view(self.add_from_article_view),
                name="claims_claim_add_from_article",
            ),
            path("quality/", view(self.quality_view), name="claims_claim_quality"),
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
                **self.decision_context(request, claim),
                "same_claims": list(selectors.same_claims(claim)),
                "history": [
                    {**entry, "what": history_what(entry)}
                    for entry in selectors.claim_history(claim.pk)
                ],
                "correct_url": reverse("admin:claims_claim_correct", args=[claim.pk]),
                "reject_url": reverse("admin:claims_claim_reject", args=[claim.pk]),
                "restore_url": reverse("admin:claims_claim_restore", args=[claim.pk]),
            }
        return super().change_view(request, object_id, form_url, extra_context)
