"""Claimants with their track record."""

from django.contrib import admin
from django.db.models import Value
from django.db.models.functions import Coalesce

from claims import selectors
from claims.admin.base import WritesThroughServices, count_column, status_count_columns
from claims.admin.html import ADMIN_CSS
from claims.forms import RecordForm
from sources.models import Claimant


@admin.register(Claimant)
class ClaimantAdmin(WritesThroughServices, admin.ModelAdmin):
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
        *status_count_columns(),
        "confirmed_share",
    ]
    form = RecordForm
    list_filter = ["kind"]
    search_fields = ["name", "role", "affiliation"]

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request):
        return selectors.claimant_track_records(super().get_queryset(request))

    claim_count = count_column("claim_count", "Claims")

    @admin.display(
        description="Confirmed share",
        ordering=Coalesce("confirmed_share", Value(-1.0)),
    )
    def confirmed_share(self, claimant):
        """Confirmed among decided claims (confirmed, disputed, false); "—" before any, which
        sorts below 0% on every database."""
        share = claimant.confirmed_share
        return "—" if share is None else f"{share:.0%}"


for _name, _column in status_count_columns().items():
    setattr(ClaimantAdmin, _name, _column)
