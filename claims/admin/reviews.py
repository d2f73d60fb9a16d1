"""Reviewing claims in the admin: one claim on its own page, many at once from the list
(an intermediate page asks for the note), and the read-only audit log. Every
write goes through claims.services.review."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.html import format_html

from claims.admin.html import ADMIN_CSS, ReadOnlyAdminMixin, claim_change_url, status_badge
from claims.forms import BulkReviewForm, ClaimReviewForm, DismissConflictForm
from claims.models import Claim, Review, Status
from claims.services.conflicts import dismiss_contradiction
from claims.services.exceptions import ReviewRejected, StaleVersion
from claims.services.review import REVIEW_PERMISSION, bulk_review, review_claim, review_group


class ReviewColumnsMixin:
    @admin.display(description="From → to")
    def transition(self, review):
        return format_html(
            "{} → {}", status_badge(review.from_status), status_badge(review.to_status)
        )


class ClaimReviewActions:
    """ClaimAdmin's review actions (Mark confirmed, …) and its one-claim review page."""

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)

    def _review_selected(self, request, queryset, status: str):
        """Ask for a note on an intermediate page, then review every selected claim at once.

        The ids are read with values_list and passed to services.review.bulk_review, which writes
        in a fixed number of queries and one transaction, however many claims there are.
        """
        form = BulkReviewForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            claim_ids = list(queryset.order_by().values_list("pk", flat=True).distinct())
            try:
                reviewed = bulk_review(
                    claim_ids=claim_ids,
                    status=status,
                    note=form.cleaned_data["note"],
                    reviewer=request.user,
                    evidence_urls=form.evidence_urls,
                )
            except (ReviewRejected, PermissionDenied) as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                f"Marked {reviewed:,} claim{'s' if reviewed != 1 else ''} as "
                f"{Status(status).label.lower()}.",
                messages.SUCCESS,
            )
            return None
        claim_count = queryset.count()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Mark claims as {Status(status).label.lower()}",
            "opts": self.opts,
            "form": form,
            "status": status,
            "status_label": Status(status).label,
            "claim_count": claim_count,
            "claim_count_display": f"{claim_count:,}",
            "sample": queryset.select_related("claimant")[:10],
            "more_count_display": f"{max(claim_count - 10, 0):,}",
            "action": request.POST.get("action", ""),
            "select_across": request.POST.get("select_across", "0"),
            "selected_ids": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/claim/bulk_review.html", context)

    @admin.action(description="Mark selected claims as confirmed", permissions=["review"])
    def mark_confirmed(self, request, queryset):
        return self._review_selected(request, queryset, Status.CONFIRMED)

    @admin.action(description="Mark selected claims as disputed", permissions=["review"])
    def mark_disputed(self, request, queryset):
        return self._review_selected(request, queryset, Status.DISPUTED)

    @admin.action(description="Mark selected claims as false", permissions=["review"])
    def mark_false(self, request, queryset):
        return self._review_selected(request, queryset, Status.FALSE)

    @admin.action(description="Mark selected claims as unverifiable", permissions=["review"])
    def mark_unverifiable(self, request, queryset):
        return self._review_selected(request, queryset, Status.UNVERIFIABLE)

    @admin.action(description="Mark selected claims as in review", permissions=["review"])
    def mark_in_review(self, request, queryset):
        return self._review_selected(request, queryset, Status.IN_REVIEW)

    def _claim_or_404(self, request, object_id) -> Claim:
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            raise Http404(f"No claim with id {object_id!r}.")
        return claim

    def review_view(self, request, object_id):
        """Review one claim. The form carries the version the editor saw; if the claim has
        changed since, the review is refused and nothing is overwritten."""
        if not self.has_review_permission(request):
            raise PermissionDenied
        claim = self._claim_or_404(request, object_id)
        change_url = claim_change_url(claim.pk)
        form = ClaimReviewForm(request.POST or None, initial={"version": claim.version})
        if request.method == "POST" and form.is_valid() and form.cleaned_data.get("whole_group"):
            try:
                reviewed = review_group(
                    claim_id=claim.pk,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    reviewer=request.user,
                    evidence_urls=form.evidence_urls,
                )
            except (ReviewRejected, PermissionDenied) as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    f"{len(reviewed)} claims of the group marked as "
                    f"{Status(form.cleaned_data['status']).label.lower()}.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url)
        elif request.method == "POST" and form.is_valid():
            try:
                claim = review_claim(
                    claim_id=claim.pk,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    reviewer=request.user,
                    evidence_urls=form.evidence_urls,
                    expected_version=form.cleaned_data["version"],
                )
            except StaleVersion as stale:
                self.message_user(
                    request,
                    f"Not saved: someone reviewed this claim after you opened it (it is now "
                    f"version {stale.current_version}). Read its history below and decide again.",
                    messages.ERROR,
                )
                return HttpResponseRedirect(change_url)
            except (ReviewRejected, PermissionDenied) as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    f"Claim marked as {claim.get_status_display().lower()}.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": "Review claim",
            "opts": self.opts,
            "original": claim,
            "claim": claim,
            "form": form,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/claim/review.html", context)

    def dismiss_conflict_view(self, request, object_id, other_id):
        """Dismiss one contradiction flag of this claim, with a note (POST from its page)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_review_permission(request):
            raise PermissionDenied
        claim = self._claim_or_404(request, object_id)
        form = DismissConflictForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "Say why the figures do not contradict.", messages.ERROR)
        else:
            try:
                dismiss_contradiction(
                    claim_id=claim.pk,
                    other_claim_id=other_id,
                    note=form.cleaned_data["note"],
                    reviewer=request.user,
                )
            except Claim.DoesNotExist:
                raise Http404("No such claim.") from None
            except (ReviewRejected, PermissionDenied) as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request, f"Contradiction with claim #{other_id} dismissed.", messages.SUCCESS
                )
        return HttpResponseRedirect(claim_change_url(claim.pk) + "#conflicts")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdminMixin, ReviewColumnsMixin, admin.ModelAdmin):
    """The audit log, read-only: who decided what, when, and why."""

    list_display = ["created_at", "claim", "reviewer", "transition", "short_note"]
    list_filter = ["to_status", ("reviewer", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["claim", "reviewer"]
    search_fields = ["note", "claim__text"]
    date_hierarchy = "created_at"

    class Media:
        css = ADMIN_CSS

    @admin.display(description="Note")
    def short_note(self, review):
        return review.note if len(review.note) <= 80 else review.note[:79] + "…"
