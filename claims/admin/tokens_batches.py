"""Ingest batches (how far each background ingest got) and API tokens (who holds one)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from claims import selectors
from claims.admin.base import ReadOnlyAdminMixin, WritesThroughServices, count_column
from claims.admin.html import ADMIN_CSS
from claims.models import ApiToken, IngestBatch, IngestItem
from claims.services.tokens import revoke_tokens, set_token_expiry


class IngestItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    """A batch's articles in order, read-only: what each became, or why it failed."""

    model = IngestItem
    extra = 0
    can_delete = False
    fields = ["position", "label", "state", "article_link", "error", "attempts", "finished_at"]
    readonly_fields = fields
    ordering = ["position"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("article").defer("body", "article__body")
        )

    @admin.display(description="Article")
    def article_link(self, item):
        if item.article_id is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:sources_article_change", args=[item.article_id]),
            item.article.title,
        )


@admin.register(IngestBatch)
class IngestBatchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """How far each background ingest got. Read-only for everyone: batches are a record."""

    list_display = [
        "__str__",
        "created_at",
        "created_by",
        "source",
        "total",
        "done",
        "failed",
        "pending",
        "progress",
    ]
    date_hierarchy = "created_at"
    fields = ["created_at", "created_by", "source", "progress"]
    readonly_fields = fields
    inlines = [IngestItemInline]

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request):
        return selectors.batch_progress()

    total = count_column("total", "Items")

    done = count_column("done", "Done")

    failed = count_column("failed", "Failed")

    pending = count_column("pending", "Pending")

    @admin.display(description="Progress")
    def progress(self, batch):
        """ "42/60 done, 1 failed", with a bar counting finished items (done or failed)."""
        failed = f", {batch.failed:,} failed" if batch.failed else ""
        return format_html(
            '<progress class="batch-progress" value="{}" max="{}"></progress> {}',
            batch.done + batch.failed,
            max(batch.total, 1),
            f"{batch.done:,}/{batch.total:,} done{failed}",
        )


@admin.register(ApiToken)
class ApiTokenAdmin(WritesThroughServices, admin.ModelAdmin):
    """API tokens: who holds one and whether it is used. Keys are never shown (only their
    hash is stored); deleting a token revokes it. New tokens come from ``create_reviewer``."""

    list_display = ["prefix", "user", "name", "created_at", "expires_at", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "name", "prefix"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]
    fields = ["user", "name", "prefix", "created_at", "expires_at", "last_used_at"]

    def has_add_permission(self, request):
        return False

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def update_record(self, pk, changes, editor):
        return set_token_expiry(token_id=pk, expires_at=changes["expires_at"], editor=editor)

    def delete_records(self, ids, editor):
        return revoke_tokens(token_ids=ids, editor=editor)
