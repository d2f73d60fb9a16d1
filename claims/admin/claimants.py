"""Claimants with their track record; reviewers rename them and merge the ones that are one
source, through claims.services.claimants (a taken name offers the merge, never a 500)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode

from claims import selectors
from claims.admin.base import WritesThroughServices, count_column, status_count_columns
from claims.admin.html import ADMIN_CSS, REVIEW_JS, claim_figure, marked_sentence, status_badge
from claims.forms import ClaimantRenameForm, MergeClaimantsForm, RecordForm
from claims.services.claimants import merge_claimants, rename_claimant
from claims.services.exceptions import ClaimantNameTaken, CurationRejected
from claims.services.review import CAN_REVIEW_CLAIMS
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
    form = RecordForm  # adding one: a taken name is a form error
    list_filter = ["kind"]
    search_fields = ["name", "role", "affiliation"]
    ordering = ["name", "id"]
    fields = ["name", "kind", "role", "affiliation", "created_at"]
    actions = ["merge_selected"]
    change_form_template = "admin/claims/claimant/change_form.html"

    class Media:
        css = ADMIN_CSS
        js = REVIEW_JS

    def get_readonly_fields(self, request, obj=None):
        """A new claimant is typed in; an existing one changes only through Rename."""
        return self.fields if obj is not None else ["created_at"]

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
                "can_review": self.has_review_permission(request),
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

    def has_change_permission(self, request, obj=None):
        """Names change only through "Rename" (recorded, and a taken name offers the merge)."""
        return False

    def has_review_permission(self, request):
        return request.user.has_perm(CAN_REVIEW_CLAIMS)

    def get_urls(self):
        rename = self.admin_site.admin_view(self.rename_view)
        return [
            path("<path:object_id>/rename/", rename, name="sources_claimant_rename"),
            *super().get_urls(),
        ]

    def _page(self, request, template, **context):
        return TemplateResponse(
            request,
            f"admin/claims/claimant/{template}",
            {**self.admin_site.each_context(request), "opts": self.opts, "media": self.media}
            | context,
        )

    def rename_view(self, request, object_id):
        if not self.has_review_permission(request):
            raise PermissionDenied
        claimant = Claimant.objects.filter(pk=unquote(object_id)).first()
        if claimant is None:
            raise Http404(f"No claimant with id {object_id!r}.")
        form = ClaimantRenameForm(
            request.POST or None, initial={"name": claimant.name, "role": claimant.role}
        )
        merge_with = None
        if request.method == "POST" and form.is_valid():
            try:
                rename_claimant(
                    claimant_id=claimant.pk,
                    name=form.cleaned_data["name"],
                    role=form.cleaned_data["role"],
                    note=form.cleaned_data["note"],
                    editor=request.user,
                )
            except ClaimantNameTaken as taken:
                form.add_error("name", str(taken))
                merge_with = Claimant.objects.filter(pk=taken.existing_id).first()
            except CurationRejected as refused:
                form.add_error(
                    refused.field if refused.field in form.fields else None, str(refused)
                )
            else:
                self.message_user(request, "Claimant renamed.", messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:sources_claimant_change", args=[claimant.pk])
                )
        return self._page(
            request,
            "rename.html",
            title=f"Rename {claimant.name}",
            claimant=claimant,
            form=form,
            merge_with=merge_with,
        )

    @admin.action(
        description="Merge selected claimants (they are one source)", permissions=["review"]
    )
    def merge_selected(self, request, queryset):
        """Ask which claimant keeps the claims and why, then merge the others into it."""
        claimants = queryset.order_by("name")
        if claimants.count() < 2:
            self.message_user(request, "Select at least two claimants to merge.", messages.ERROR)
            return None
        form = MergeClaimantsForm(
            request.POST if "apply" in request.POST else None, claimants=claimants
        )
        if form.is_bound and form.is_valid():
            into = form.cleaned_data["into"]
            try:
                for merged in claimants.exclude(pk=into.pk):
                    merge_claimants(
                        claimant_id=merged.pk,
                        into_id=into.pk,
                        note=form.cleaned_data["note"],
                        editor=request.user,
                    )
            except CurationRejected as refused:
                self.message_user(request, str(refused), messages.ERROR)
                return None
            self.message_user(request, f"Merged into {into.name}.", messages.SUCCESS)
            return None
        return self._page(
            request,
            "merge.html",
            title="Merge claimants",
            form=form,
            claimants=claimants,
            action=request.POST.get("action", ""),
            selected_ids=request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        )


for _name, _column in status_count_columns().items():
    setattr(ClaimantAdmin, _name, _column)
