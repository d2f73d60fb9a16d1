"""Claimants with their track record."""

from django.contrib import admin
from django.db.models import Value
from django.db.models.functions import Coalesce

from claims import selectors
from claims.admin.html import ADMIN_CSS
from sources.models import Claimant


@admin.register(Claimant)
class ClaimantAdmin(admin.ModelAdmin):
    """Claimants with their track record: claims by status and the share confirmed.

    Registered here, not in sources.admin, because the record is a claims query and
    dependencies point one way (claims → sources), as for the article page.
    """

    list_display = [
        "name",
        "kind",
        "role",
        "affiliation",
        "claim_count",
        "confirmed_count",
        "disputed_count",
        "false_count",
        "unverifiable_count",
        "in_review_count",
        "unverified_count",
        "confirmed_share",
    ]
    list_filter = ["kind"]
    search_fields = ["name", "role", "affiliation"]

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request):
        return selectors.claimant_track_records(super().get_queryset(request))

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, claimant):
        return claimant.claim_count

    @admin.display(description="Confirmed", ordering="confirmed_count")
    def confirmed_count(self, claimant):
        return claimant.confirmed_count

    @admin.display(description="Disputed", ordering="disputed_count")
    def disputed_count(self, claimant):
        return claimant.disputed_count

    @admin.display(description="False", ordering="false_count")
    def false_count(self, claimant):
        return claimant.false_count

    @admin.display(description="Unverifiable", ordering="unverifiable_count")
    def unverifiable_count(self, claimant):
        return claimant.unverifiable_count

    @admin.display(description="In review", ordering="in_review_count")
    def in_review_count(self, claimant):
        return claimant.in_review_count

    @admin.display(description="Unverified", ordering="unverified_count")
    def unverified_count(self, claimant):
        return claimant.unverified_count

    @admin.display(
        description="Confirmed share",
        ordering=Coalesce("confirmed_share", Value(-1.0)),
    )
    def confirmed_share(self, claimant):
        """Confirmed among decided claims (confirmed, disputed, false); "—" before any, which
        sorts below 0% on every database."""
        share = claimant.confirmed_share
        return "—" if share is None else f"{share:.0%}"
