"""The change log, read-only: every claim added, corrected, rejected, restored or moved between
claimants, with who, when, why and the old and new values. Being registered read-only also
makes the admin refuse to delete a claim whose changes would go with it, as for reviews."""

from django.contrib import admin

from claims.admin.base import ReadOnlyAdminMixin
from claims.admin.html import ADMIN_CSS, history_what
from claims.models import ClaimChange


@admin.register(ClaimChange)
class ClaimChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "claim", "actor", "action", "what", "short_note"]
    list_filter = ["action", ("actor", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["claim", "actor"]
    search_fields = ["note", "claim__text"]
    date_hierarchy = "created_at"

    class Media:
        css = ADMIN_CSS

    @admin.display(description="What changed")
    def what(self, change):
        return history_what({"type": "change", "action": change.action, "changes": change.changes})

    @admin.display(description="Note")
    def short_note(self, change):
        return change.note if len(change.note) <= 80 else change.note[:79] + "…"
