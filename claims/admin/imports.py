"""Import review decisions from a spreadsheet: upload, preview what would change, confirm."""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from claims import review_import
from claims.forms import ReviewImportForm

IMPORT_SESSION_KEY = "claims_review_import"
IMPORT_PREVIEW_ROWS = 1_000


def preview_rows(result: review_import.ImportResult) -> list:
    """The rows the preview shows: errors first, then changes, then unchanged rows, capped
    so a 50,000-row file still renders; the counts above the table cover every row."""
    rank = {"error": 0, "change": 1, "unchanged": 2}
    ordered = sorted(
        result.decisions, key=lambda decision: (rank[decision.outcome], decision.row.line)
    )
    return ordered[:IMPORT_PREVIEW_ROWS]


class ClaimImportView:
    """ClaimAdmin's page for importing review decisions (``import-reviews/``)."""

    def import_reviews_view(self, request):
        """Upload a CSV of decisions, see what would change, then confirm to apply it all.

        The preview's changes are kept in the session, pinned to the versions shown, so the
        confirm step applies exactly what the editor saw or, if a claim moved on, nothing.
        """
        if not self.has_review_permission(request):
            raise PermissionDenied
        form = ReviewImportForm()
        result = None
        filename = ""
        token = ""
        if request.method == "POST" and "confirm" in request.POST:
            stored = request.session.pop(IMPORT_SESSION_KEY, None)
            if not stored or stored["token"] != request.POST.get("token"):
                self.message_user(
                    request,
                    "This preview is no longer available; upload the file again.",
                    messages.ERROR,
                )
                return HttpResponseRedirect(reverse("admin:claims_claim_import"))
            filename = stored["filename"]
            rows = [review_import.DecisionRow.from_session(row) for row in stored["rows"]]
            result = review_import.import_review_decisions(
                rows=rows, reviewer=request.user, apply=True
            )
            if result.applied:
                count = len(result.changes)
                self.message_user(
                    request,
                    f"Recorded {count:,} review{'s' if count != 1 else ''} from {filename}"
                    f" ({stored['unchanged']:,} row{'s' if stored['unchanged'] != 1 else ''}"
                    " already had that status).",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:claims_claim_changelist"))
            self.message_user(
                request,
                "Nothing was saved: some claims changed since the preview. See below.",
                messages.ERROR,
            )
        elif request.method == "POST":
            form = ReviewImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                filename = upload.name
                try:
                    review_import.check_upload_size(upload.size)
                    rows = review_import.parse_review_csv(upload.read())
                except review_import.ImportRejected as error:
                    form.add_error("file", str(error))
                else:
                    result = review_import.import_review_decisions(
                        rows=rows, reviewer=request.user, apply=False
                    )
                    if result.is_valid and result.changes:
                        token = secrets.token_urlsafe(16)
                        request.session[IMPORT_SESSION_KEY] = {
                            "token": token,
                            "filename": filename,
                            "unchanged": result.unchanged_count,
                            "rows": [row.as_session() for row in result.confirmed_rows()],
                        }
        context = {
            **self.admin_site.each_context(request),
            "title": "Import review decisions",
            "opts": self.opts,
            "form": form,
            "result": result,
            "shown": preview_rows(result) if result else [],
            "filename": filename,
            "token": token,
            "max_rows": f"{review_import.MAX_ROWS:,}",
            "max_megabytes": review_import.MAX_UPLOAD_BYTES // (1024 * 1024),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/claim/import_reviews.html", context)
