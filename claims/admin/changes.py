"""The change log, read-only: every claim added, corrected, rejected, restored or moved between
claimants, with who, when, why and the old and new values. Being registered read-only also
makes the admin refuse to delete a claim whose changes would go with it, as for reviews."""

from django.contrib import admin

from claims.admin.base import RecordLogAdmin
from claims.admin.html import history_what
from claims.models import ClaimChange


@admin.register(ClaimChange)
class ClaimChangeAdmin(RecordLogAdmin):
    list_display = ["created_at", "claim", "actor", "action", "what", "short_note"]
    list_filter = ["action", ("actor", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["claim", "actor"]

    @admin.display(description="What changed")
    def what(self, change):
        return history_what({"type": "change", "action": change.action, "changes": change.changes})
