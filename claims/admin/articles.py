"""Articles (their text with every claim highlighted, their claims in text order) and the
outlets that publish them."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Count, Q
from django.urls import reverse

from claims.admin.base import ReadOnlyAdminMixin, WritesThroughServices, count_column
from claims.admin.html import ADMIN_CSS, REVIEW_JS, claim_figure, highlight_claims, status_badge
from claims.forms import ArticleForm, RecordForm
from claims.models import Claim, Status
from claims.services.review import CAN_REVIEW_CLAIMS
from sources.models import Article, Outlet


class ArticleClaimInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The article's claims in text order, read-only; each links to its claim page."""

    model = Claim
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["kind", "figure", "group", "claimant", "badge"]
    readonly_fields = fields
    ordering = ["start", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(rejection_reason="").select_related("claimant")

    @admin.display(description="Figure")
    def figure(self, claim):
        return claim_figure(claim) or "—"

    @admin.display(description="Status")
    def badge(self, claim):
        return status_badge(claim.status)


@admin.register(Article)
class ArticleAdmin(WritesThroughServices, admin.ModelAdmin):
    form = ArticleForm
    list_display = ["title", "outlet", "published_on", "claim_count", "ingested_at"]
    list_filter = [("outlet", admin.RelatedOnlyFieldListFilter), "published_on", "language"]
    search_fields = ["title", "url", "outlet__name"]
    date_hierarchy = "ingested_at"
    list_select_related = ["outlet"]
    fields = ["title", "url", "outlet", "published_on", "language", "ingested_at", "ingested_by"]
    readonly_fields = ["ingested_at", "ingested_by"]
    raw_id_fields = ["outlet"]
    inlines = [ArticleClaimInline]
    change_form_template = "admin/claims/article/change_form.html"

    class Media:
        css = ADMIN_CSS
        js = REVIEW_JS

    def get_queryset(self, request):
        listed = Count("claims", filter=Q(claims__rejection_reason=""))
        return super().get_queryset(request).annotate(claim_count=listed)

    def has_add_permission(self, request):
        """Articles come in through ingest, which extracts their claims; none are typed in."""
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    claim_count = count_column("claim_count", "Claims")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_or_change_permission(request, article):
            extra_context = {
                **(extra_context or {}),
                "highlighted_body": highlight_claims(
                    article.body, article.claims.filter(rejection_reason="")
                ),
                "statuses": [(status, status_badge(status)) for status in Status.values],
                "add_claim_url": reverse("admin:claims_claim_add_from_article", args=[article.pk])
                if request.user.has_perm(CAN_REVIEW_CLAIMS)
                else "",
            }
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Outlet)
class OutletAdmin(WritesThroughServices, admin.ModelAdmin):
    form = RecordForm
    list_display = ["name", "domain", "article_count"]
    search_fields = ["name", "domain"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    article_count = count_column("article_count", "Articles")
