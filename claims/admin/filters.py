"""Claim list filters that stay short however many values there are."""

from django.contrib import admin
from django.db.models import F, Q
from django.urls import reverse


class RejectedFilter(admin.SimpleListFilter):
    """Rejected claims leave the list unless asked for, as in the API (?rejected=true)."""

    title = "rejected"
    parameter_name = "rejected"

    def lookups(self, request, model_admin):
        return [("yes", "Rejected"), ("all", "Both")]

    def choices(self, changelist):
        for value, label in [(None, "Not rejected"), *self.lookup_choices]:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: value} if value else {}, [self.parameter_name]
                ),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(rejection_reason="")
        if self.value() == "all":
            return queryset
        return queryset.filter(rejection_reason="")


class ConflictFilter(admin.SimpleListFilter):
    """Claims another source contradicts, from the ``has_conflict`` annotation."""

    title = "conflict"
    parameter_name = "conflict"

    def lookups(self, request, model_admin):
        return [("yes", "Contradicted"), ("no", "Not contradicted")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_conflict=True)
        if self.value() == "no":
            return queryset.filter(has_conflict=False)
        return queryset


class NameSearchFilter(admin.SimpleListFilter):
    """A search box instead of one link per value: "By claimant" listing every claimant made
    the filter column about 5,500 px tall on a 323-claim desk. The box suggests names from the
    admin's autocomplete view (``suggest_*`` names its source field) and filters on the part
    of the name typed, case-insensitively."""

    template = "admin/claims/name_search_filter.html"
    lookup: str
    suggest_app_label: str
    suggest_model_name: str
    suggest_field_name: str

    def lookups(self, request, model_admin):
        return ()

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        name = (self.value() or "").strip()
        return queryset.filter(**{self.lookup: name}) if name else queryset

    def choices(self, changelist):
        """One entry: what the box needs to submit the other filters along with it."""
        kept = changelist.get_filters_params()
        kept.pop(self.parameter_name, None)
        for name in ("q", "o"):
            if name in changelist.params:
                kept[name] = changelist.params[name]
        yield {
            "parameter_name": self.parameter_name,
            "value": self.value() or "",
            "kept": sorted(
                (name, value)
                for name, values in kept.items()
                for value in (values if isinstance(values, list) else [values])
            ),
            "clear_query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "suggest_url": reverse("admin:autocomplete"),
            "suggest_params": (
                f"app_label={self.suggest_app_label}&model_name={self.suggest_model_name}"
                f"&field_name={self.suggest_field_name}"
            ),
        }


class ClaimantSearchFilter(NameSearchFilter):
    title = "claimant"
    parameter_name = "claimant_name"
    lookup = "claimant__name__icontains"
    suggest_app_label, suggest_model_name, suggest_field_name = "claims", "claim", "claimant"


class OutletSearchFilter(NameSearchFilter):
    title = "outlet"
    parameter_name = "outlet_name"
    lookup = "article__outlet__name__icontains"
    suggest_app_label, suggest_model_name, suggest_field_name = "sources", "article", "outlet"


class SameClaimGroupFilter(admin.SimpleListFilter):
    """One row per same-claim group (its first claim) plus every claim standing alone."""

    title = "same-claim groups"
    parameter_name = "groups"

    def lookups(self, request, model_admin):
        return [("collapsed", "One row per group")]

    def queryset(self, request, queryset):
        if self.value() == "collapsed":
            return queryset.filter(Q(same_as__isnull=True) | Q(same_as=F("id")))
        return queryset
