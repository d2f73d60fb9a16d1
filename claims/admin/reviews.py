"""Reviewing claims in the admin: one claim on its own page, many at once from the list
(an intermediate page asks for the note), and the read-only audit log. Every
write goes through claims.services.review."""

from copy import copy

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from claims import selectors
from claims.admin.base import AdminWrites, RecordLogAdmin, counted
from claims.admin.html import (
    claim_change_url,
    claim_figure,
    marked_sentence,
    status_badge,
)
from claims.forms import BulkReviewForm, ClaimReviewForm, DismissConflictForm, WithdrawForm
from claims.models import VERDICT_STATUSES, Claim, Review, Status
from claims.services.conflicts import dismiss_contradiction
from claims.services.exceptions import ConflictingVerdict, ReviewRejected, StaleVersion
from claims.services.review import CAN_REVIEW_CLAIMS, bulk_review, review_claim, review_group

# The keys that pick a status in the decision panel, in the order of Status.
STATUS_SHORTCUTS = [
    (str(number), status, label) for number, (status, label) in enumerate(Status.choices, start=1)
]


class ReviewColumnsMixin:
    @admin.display(description="From → to")
    def transition(self, review):
        return format_html(
            "{} → {}", status_badge(review.from_status), status_badge(review.to_status)
        )


# The bulk actions, in the order the menu lists them: the verdicts, then "in review".
MARK_STATUSES = (*VERDICT_STATUSES, Status.IN_REVIEW)


def mark_action(status: str):
    """The admin action "Mark selected claims as <status>", named ``mark_<status>``."""

    @admin.action(
        description=f"Mark selected claims as {Status(status).label.lower()}",
        permissions=["review"],
    )
    def mark(self, request, queryset):
        return self._review_selected(request, queryset, status)

    mark.__name__ = f"mark_{status}"
    return mark


MARK_ACTIONS = {f"mark_{status}": mark_action(status) for status in MARK_STATUSES}


def confirmation_step(form_class, request, conflict: ConflictingVerdict):
    """The review form again, as typed, asking to acknowledge the contradiction."""
    form = form_class(request.POST, conflict_step=True)
    form.is_valid()
    form.add_error(None, str(conflict))
    return form


class ClaimReviewActions(AdminWrites):
    """ClaimAdmin's review actions (Mark confirmed, …, from MARK_ACTIONS) and its one-claim
    review page."""

    def has_review_permission(self, request):
        return request.user.has_perm(CAN_REVIEW_CLAIMS)

    def _review_selected(self, request, queryset, status: str):
        """Ask for a note on an intermediate page, then review every selected claim at once.

        The ids are read with values_list and passed to services.review.bulk_review, which writes
        in a fixed number of queries and one transaction, however many claims there are.
        """
        form = BulkReviewForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                reviewed = bulk_review(
                    claim_ids=self.selected_pks(queryset),
                    status=status,
                    reviewer=request.user,
                    **form.verdict_fields(),
                )
            except ConflictingVerdict as conflict:
                form = confirmation_step(BulkReviewForm, request, conflict)
            except (ReviewRejected, PermissionDenied) as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            else:
                self.message_user(
                    request,
                    f"Marked {counted(reviewed, 'claim')} as {Status(status).label.lower()}.",
                    messages.SUCCESS,
                )
                return None
        return self.selection_page(
            request,
            queryset,
            "bulk_review.html",
            title=f"Mark claims as {Status(status).label.lower()}",
            form=form,
            status=status,
            status_label=Status(status).label,
        )

    def listed_claim_ids(self, request) -> list[int]:
        """The ids of the claim list the editor came from (its filters, search and order are in
        ``_changelist_filters``), in list order, for next/previous. Built by the changelist
        itself, so the order is exactly the list's: the changelist's two counts, then one
        query of ids, which grows with the list (every id of an unfiltered 200,000-claim desk)."""
        listed = copy(request)
        listed.GET = QueryDict(request.GET.get("_changelist_filters", ""))
        try:
            changelist = self.get_changelist_instance(listed)
        except IncorrectLookupParameters:
            return []
        return list(changelist.queryset.values_list("pk", flat=True))

    def neighbours(self, request, claim_id: int) -> tuple[int | None, int | None, int | None, int]:
        """(previous id, next id, 1-based position, length) of a claim in the list the editor
        came from. A claim no longer in it (decided out of a status filter) has no position and
        the list's first claim as its next."""
        listed = self.listed_claim_ids(request)
        if claim_id not in listed:
            return None, (listed[0] if listed else None), None, len(listed)
        position = listed.index(claim_id)
        previous_id = listed[position - 1] if position > 0 else None
        next_id = listed[position + 1] if position + 1 < len(listed) else None
        return previous_id, next_id, position + 1, len(listed)

    def decision_context(self, request, claim: Claim, form=None) -> dict:
        """What the decision panel shows: the sentence with the claim marked, the article, the
        figure and claimant, the contradictions, the review form, and next/previous in the list
        the editor came from. One home for the claim page, the review page and the side panel."""
        filters = self.get_preserved_filters(request)
        suffix = f"?{filters}" if filters else ""
        previous_id, next_id, position, listed_count = self.neighbours(request, claim.pk)

        def neighbour(claim_id, view):
            if claim_id is None:
                return None
            return reverse(f"admin:claims_claim_{view}", args=[claim_id]) + suffix

        return {
            "claim": claim,
            "sentence": marked_sentence(claim, claim.article.body),
            "claim_figure": claim_figure(claim),
            "status_badge": status_badge(claim.status),
            "conflicts": list(selectors.conflicts_for(claim)),
            "can_review": self.has_review_permission(request),
            "review_form": form or ClaimReviewForm.for_claim(claim),
            "review_url": reverse("admin:claims_claim_review", args=[claim.pk]) + suffix,
            "change_url": claim_change_url(claim.pk) + suffix,
            "list_url": reverse("admin:claims_claim_changelist")
            + (f"?{request.GET['_changelist_filters']}" if filters else ""),
            "panel_url": reverse("admin:claims_claim_panel", args=[claim.pk]) + suffix,
            "can_publish": self.has_publish_permission(request),
            "publish_url": reverse("admin:claims_claim_publish", args=[claim.pk]),
            "withdraw_url": reverse("admin:claims_claim_withdraw", args=[claim.pk]),
            "withdraw_form": WithdrawForm(),
            "previous_url": neighbour(previous_id, "change"),
            "next_url": neighbour(next_id, "change"),
            "previous_panel_url": neighbour(previous_id, "panel"),
            "next_panel_url": neighbour(next_id, "panel"),
            "position": position,
            "listed_count": listed_count,
            "shortcuts": STATUS_SHORTCUTS,
        }

    def panel_view(self, request, object_id):
        """The decision panel alone, for the side panel of the claim list and article page."""
        claim = self._claim_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, claim):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/claims/claim/_decision_panel.html",
            {**self.decision_context(request, claim), "in_panel": True},
        )

    def review_view(self, request, object_id):
        """Review one claim. The form carries the version the editor saw; if the claim has
        changed since, the review is refused, nothing is overwritten, and the form comes back
        with what the editor typed (now at the current version) to decide again.

        "Save and next" (``_next``) lands on the next claim of the list the editor came from,
        computed before the save so a status filter that the claim now leaves keeps its place.
        From the side panel (``X-Requested-With: fetch``) the answer is the next panel itself.
        """
        claim = self.claim_to_change(request, object_id, self.has_review_permission(request))
        in_panel = request.headers.get("X-Requested-With") == "fetch"
        form = ClaimReviewForm(request.POST or None, initial={"version": claim.version})
        status_code = 200
        if request.method == "POST" and form.is_valid() and form.cleaned_data.get("whole_group"):
            try:
                reviewed = review_group(
                    claim_id=claim.pk,
                    status=form.cleaned_data["status"],
                    reviewer=request.user,
                    **form.verdict_fields(),
                )
            except ConflictingVerdict as conflict:
                form, status_code = confirmation_step(ClaimReviewForm, request, conflict), 409
            except (ReviewRejected, PermissionDenied) as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    f"{len(reviewed)} claims of the group marked as "
                    f"{Status(form.cleaned_data['status']).label.lower()}.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(claim_change_url(claim.pk))
        elif request.method == "POST" and form.is_valid():
            next_id = self.neighbours(request, claim.pk)[1] if "_next" in request.POST else None
            try:
                claim = review_claim(
                    claim_id=claim.pk,
                    status=form.cleaned_data["status"],
                    reviewer=request.user,
                    expected_version=form.cleaned_data["version"],
                    **form.verdict_fields(),
                )
            except StaleVersion as stale:
                form = ClaimReviewForm(
                    {**request.POST.dict(), "version": stale.current_version},
                    initial={"version": stale.current_version},
                )
                form.is_valid()
                form.add_error(
                    None,
                    f"Not saved: someone reviewed this claim after you opened it (it is now "
                    f"version {stale.current_version}). Read its history, then save again: "
                    f"what you typed is kept.",
                )
                claim = self._claim_or_404(request, object_id)
                status_code = 409
            except ConflictingVerdict as conflict:
                form, status_code = confirmation_step(ClaimReviewForm, request, conflict), 409
            except (ReviewRejected, PermissionDenied) as error:
                form.add_error(None, str(error))
                status_code = 400
            else:
                saved = f"Claim #{claim.pk} marked as {claim.get_status_display().lower()}."
                if in_panel:
                    shown = self._claim_or_404(request, str(next_id)) if next_id else claim
                    response = TemplateResponse(
                        request,
                        "admin/claims/claim/_decision_panel.html",
                        {**self.decision_context(request, shown), "in_panel": True, "saved": saved},
                    )
                    response["X-Claim-Reviewed"] = str(claim.pk)
                    response["X-Claim-Status"] = claim.status
                    return response
                self.message_user(request, saved, messages.SUCCESS)
                filters = self.get_preserved_filters(request)
                landing = claim_change_url(next_id or claim.pk)
                return HttpResponseRedirect(f"{landing}?{filters}" if filters else landing)
        elif request.method == "POST":
            status_code = 400
        context = {**self.decision_context(request, claim, form), "in_panel": in_panel}
        if in_panel:
            return TemplateResponse(
                request, "admin/claims/claim/_decision_panel.html", context, status=status_code
            )
        context = {
            **context,
            **self.admin_site.each_context(request),
            "title": "Review claim",
            "opts": self.opts,
            "original": claim,
            "media": self.media,
        }
        return TemplateResponse(
            request, "admin/claims/claim/review.html", context, status=status_code
        )

    @method_decorator(require_POST)
    def dismiss_conflict_view(self, request, object_id, other_id):
        """Dismiss one contradiction flag of this claim, with a note (POST from its page)."""
        claim = self.claim_to_change(request, object_id, self.has_review_permission(request))
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


for _name, _action in MARK_ACTIONS.items():
    setattr(ClaimReviewActions, _name, _action)


@admin.register(Review)
class ReviewAdmin(ReviewColumnsMixin, RecordLogAdmin):
    """The audit log, read-only: who decided what, when, and why."""

    list_display = ["created_at", "claim", "reviewer", "transition", "short_note"]
    list_filter = ["to_status", ("reviewer", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["claim", "reviewer"]
    ordering = ["-created_at", "-id"]
