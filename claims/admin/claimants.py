"""Claimants with their track record."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.http import urlencode

from claims import selectors
from claims.admin.base import WritesThroughServices, count_column, status_count_columns
from claims.admin.html import ADMIN_CSS, REVIEW_JS, claim_figure, marked_sentence, status_badge
from claims.forms import RecordForm
from sources.models import Claimant

# Claims shown on a claimant's page; the link under them opens the claim list for all of them.
CLAIMANT_PAGE_CLAIMS = 50


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
    ordering = ["name", "id"]
    change_form_template = "admin/claims/claimant/change_form.html"

    class Media:
        css = ADMIN_CSS
        js = REVIEW_JS

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The claimant's page lists their claims (the newest 50, one query) and links to the
        claim list filtered to them, where they can be decided."""
        claimant = self.get_object(request, unquote(object_id))
        if claimant is not None and self.has_view_or_change_permission(request, claimant):
            shown = [
                {
                    "claim": claim,
                    "sentence": marked_sentence(claim, claim.article.body, context=90),
                    "figure": claim_figure(claim),
                    "status_badge": status_badge(claim.status),
                }
                for claim in selectors.claimant_claims(claimant.pk)[:CLAIMANT_PAGE_CLAIMS]
            ]
            filters = urlencode({"claimant__id__exact": claimant.pk})
            extra_context = {
                **(extra_context or {}),
                "claimant_claims": shown,
                "claimant_claim_count": claimant.claim_count,
                "claimant_claims_url": f"{reverse('admin:claims_claim_changelist')}?{filters}",
                "claimant_claims_filters": urlencode({"_changelist_filters": filters}),
            }
        return super().change_view(request, object_id, form_url, extra_context)

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
