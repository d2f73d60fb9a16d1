"""Admin for outlets, articles and claimants; the article page itself lives in claims.admin."""

from django.contrib import admin
from django.db.models import Count

from sources.models import Claimant, Outlet


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "article_count"]
    search_fields = ["name", "domain"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, outlet):
        return outlet.article_count


@admin.register(Claimant)
class ClaimantAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "affiliation", "claim_count"]
    list_filter = ["kind"]
    search_fields = ["name", "role", "affiliation"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, claimant):
        return claimant.claim_count
