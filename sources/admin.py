"""Admin for outlets. The article and claimant pages live in claims.admin: they show claims
(highlighted spans, track records), and dependencies point one way, claims → sources."""

from django.contrib import admin
from django.db.models import Count

from sources.models import Outlet


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "article_count"]
    search_fields = ["name", "domain"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, outlet):
        return outlet.article_count
