"""Curating claims in the admin: "Add claim" from words selected in an article, "Correct",
"Not a claim" (one claim, or the selection in the list), "Restore", and the extractor's
quality as the desk measures it. Every write goes through claims.services.curation; a
refused save shows its reason on the same form, with everything the editor typed kept."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from claims import selectors
from claims.admin.base import AdminWrites, counted
from claims.admin.html import claim_change_url
from claims.forms import ClaimCorrectionForm, ClaimFieldsForm, RejectForm, RestoreForm
from claims.models import RejectionReason
from claims.services import curation
from claims.services.exceptions import (
    CurationRejected,
    DuplicateClaim,
    StaleVersion,
    UnknownClaims,
)
from sources.models import Article


def article_claim_url(article_id: int, claim_id: int) -> str:
    return f"{reverse('admin:sources_article_change', args=[article_id])}#claim-{claim_id}"


def _widen_to_words(body: str, start: int, end: int) -> tuple[int, int]:
    """A browser selection often starts or ends inside a word; the form offers whole words."""
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    while 0 < start < len(body) and body[start - 1].isalnum() and body[start].isalnum():
        start -= 1
    while 0 < end < len(body) and body[end - 1].isalnum() and body[end].isalnum():
        end += 1
    return start, end


class ClaimCurationViews(AdminWrites):
    """ClaimAdmin's curation pages and its "Not a claim" bulk action."""

    def _require_curator(self, request):
        if not self.has_review_permission(request):
            raise PermissionDenied

    def _page(self, request, template: str, **context):
        return TemplateResponse(
            request,
            f"admin/claims/claim/{template}",
            {**self.admin_site.each_context(request), "opts": self.opts, "media": self.media}
            | context,
        )

    def _apply(self, request, form, write, success: str):
        """Run a curation service; on refusal put the reason on the form (the field it names,
        or the whole form) and return None, so the page is shown again as typed."""
        try:
            claim = write()
        except StaleVersion as stale:
            form.add_error(
                None,
                f"Not saved: the claim changed after you opened it (it is now version "
                f"{stale.current_version}). Your values are kept below; reload the claim to "
                "see what changed.",
            )
        except DuplicateClaim as duplicate:
            form.add_error(None, str(duplicate))
            form.duplicate_url = claim_change_url(duplicate.existing_id)
        except CurationRejected as refused:
            field = refused.field if refused.field in form.fields else None
            if field is not None and form.fields[field].widget.is_hidden:
                field = None
            form.add_error(field, str(refused))
        except PermissionDenied as denied:
            form.add_error(None, str(denied))
        else:
            self.message_user(request, success, messages.SUCCESS)
            return claim
        return None

    def add_from_article_view(self, request, article_id):
        """The "Add claim" form for words selected in an article, prefilled with what the
        extractor reads from them."""
        self._require_curator(request)
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            raise Http404(f"No article with id {article_id!r}.")
        if request.method == "POST":
            form = ClaimFieldsForm(request.POST)
        else:
            start, end = _widen_to_words(
                article.body,
                int(request.GET.get("start", 0) or 0),
                int(request.GET.get("end", 0) or 0),
            )
            form = ClaimFieldsForm(initial=self._suggestion(article.body, start, end))
        if request.method == "POST" and form.is_valid():
            claim = self._apply(
                request,
                form,
                lambda: curation.add_claim(
                    article_id=article.pk,
                    note=form.cleaned_data["note"],
                    editor=request.user,
                    **form.claim_fields(),
                ),
                "Claim added.",
            )
            if claim is not None:
                return HttpResponseRedirect(article_claim_url(article.pk, claim.pk))
        start, end = form["start"].value(), form["end"].value()
        try:
            span = article.body[int(start) : int(end)]
        except (TypeError, ValueError):
            span = ""
        return self._page(
            request,
            "curate.html",
            title="Add claim",
            form=form,
            article=article,
            span=span,
            submit_label="Add claim",
            cancel_url=reverse("admin:sources_article_change", args=[article.pk]),
        )

    @staticmethod
    def _suggestion(body: str, start: int, end: int) -> dict:
        try:
            suggestion = curation.suggest_claim(body, start, end)
        except CurationRejected:
            return {"start": start, "end": end, "kind": "casualty"}
        return {**suggestion, "start": start, "end": end}

    def _claim_form_view(self, request, object_id, form_for, change, fields, success, **page):
        """Correct, Not a claim and Restore: one form over one claim whose note and version go
        to the curation service ``change`` with ``fields(form, claim)``; a save that goes
        through returns to the claim, a refused or invalid one shows the form again."""
        claim = self.claim_to_change(request, object_id, self.has_review_permission(request))
        form = form_for(claim)
        if request.method == "POST" and form.is_valid():
            changed = self._apply(
                request,
                form,
                lambda: change(
                    claim_id=claim.pk,
                    note=form.cleaned_data["note"],
                    editor=request.user,
                    expected_version=form.cleaned_data["version"],
                    **fields(form, claim),
                ),
                success,
            )
            if changed is not None:
                return HttpResponseRedirect(claim_change_url(claim.pk))
        if page.pop("with_article", False):
            page["article"] = claim.article
        return self._page(
            request,
            "curate.html",
            form=form,
            claim=claim,
            span=claim.text,
            cancel_url=claim_change_url(claim.pk),
            **page,
        )

    def correct_view(self, request, object_id):
        return self._claim_form_view(
            request,
            object_id,
            lambda claim: (
                ClaimCorrectionForm(request.POST)
                if request.method == "POST"
                else ClaimCorrectionForm.for_claim(claim)
            ),
            curation.correct_claim,
            lambda form, claim: form.corrections(claim),
            "Claim corrected.",
            title="Correct claim",
            with_article=True,
            submit_label="Save correction",
        )

    def reject_view(self, request, object_id):
        return self._claim_form_view(
            request,
            object_id,
            lambda claim: RejectForm(
                request.POST or None,
                initial={"reason": RejectionReason.NOT_A_CLAIM, "version": claim.version},
            ),
            curation.reject_claim,
            lambda form, claim: {"reason": form.cleaned_data["reason"]},
            "Claim rejected: it has left the lists. Restore it from its page.",
            title="Not a claim",
            submit_label="Reject",
        )

    def restore_view(self, request, object_id):
        return self._claim_form_view(
            request,
            object_id,
            lambda claim: RestoreForm(request.POST or None, initial={"version": claim.version}),
            curation.restore_claim,
            lambda form, claim: {},
            "Claim restored to the lists.",
            title="Restore claim",
            submit_label="Restore",
        )

    @admin.action(
        description="Reject selected claims (not a claim, duplicate, …)", permissions=["review"]
    )
    def reject_selected(self, request, queryset):
        """Ask for a reason and a note, then reject every selected claim at once."""
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            return self.report(
                request,
                lambda: curation.bulk_reject(
                    claim_ids=self.selected_pks(queryset),
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    editor=request.user,
                ),
                (CurationRejected, UnknownClaims, PermissionDenied),
                lambda rejected: f"Rejected {counted(rejected, 'claim')}.",
            )
        return self.selection_page(
            request, queryset, "bulk_reject.html", title="Reject claims", form=form
        )

    def quality_view(self, request):
        """The extractor measured by the desk (selectors.extraction_quality)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self._page(
            request,
            "quality.html",
            title="Extraction quality, as the desk measures it",
            report=selectors.extraction_quality(),
        )
