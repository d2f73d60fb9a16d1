"""The editors' workflow: read an article with its claims highlighted, review claims one by one,
in bulk or from a spreadsheet, export what the filters show, compare the figures of an
incident, and follow claimants' track records and ingest batches. Every write goes through
claims.services (or claims.review_import, which calls it)."""

import csv
import secrets
from datetime import datetime

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Count, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from claims import review_import, selectors, services
from claims.forms import BulkReviewForm, ClaimReviewForm, NewIncidentForm, ReviewImportForm
from claims.models import (
    ApiToken,
    Claim,
    Incident,
    IngestBatch,
    IngestItem,
    Outcome,
    Review,
    Status,
)
from sources.models import Article, Claimant

ADMIN_CSS = {"all": ["claims/admin.css"]}

# Fields the extractor fills in; only superusers may correct them by hand.
EXTRACTION_FIELDS = [
    "article",
    "incident",
    "kind",
    "text",
    "start",
    "end",
    "claimant",
    "attribution",
    "outcome",
    "count_min",
    "count_max",
    "approximate",
    "lower_bound",
    "upper_bound",
    "group",
]
RECORD_FIELDS = ["status", "version", "created_at", "updated_at"]


def claim_change_url(claim_id: int) -> str:
    return reverse("admin:claims_claim_change", args=[claim_id])


def status_badge(status: str):
    label = Status(status).label if status in Status.values else status
    return format_html('<span class="claim-badge status-{}">{}</span>', status, label)


def claim_figure(claim: Claim) -> str:
    """ "at least 12 killed", "3 injured": the count and outcome as an editor reads them."""
    outcome = claim.get_outcome_display().lower()
    return " ".join(part for part in (claim.count_display, outcome) if part)


def highlight_claims(body: str, claims) -> str:
    """The article body, escaped, with one <mark> per claim span, coloured by status.

    Spans nest: a sub-count inside a larger claim is a mark inside that claim's mark. A span
    that crosses the end of an open one (or lies outside the body) cannot nest and is left
    out of the text; the claims table below the article still lists it.
    """
    parts = []
    position = 0
    open_claims: list[Claim] = []

    def close_until(offset: int) -> None:
        nonlocal position
        while open_claims and open_claims[-1].end <= offset:
            closing = open_claims.pop()
            parts.append(escape(body[position : closing.end]))
            parts.append(mark_safe("</mark>"))
            position = closing.end

    for claim in sorted(claims, key=lambda claim: (claim.start, -claim.end, claim.pk)):
        if not 0 <= claim.start < claim.end <= len(body):
            continue
        close_until(claim.start)
        if open_claims and claim.end > open_claims[-1].end:
            continue
        parts.append(escape(body[position : claim.start]))
        position = claim.start
        parts.append(
            format_html(
                '<mark class="claim-mark status-{}" id="claim-{}" title="{}">'
                '<a class="claim-ref" href="{}">#{}</a>',
                claim.status,
                claim.pk,
                " · ".join(
                    part
                    for part in (
                        claim.get_status_display(),
                        claim.get_kind_display(),
                        claim_figure(claim),
                        claim.attribution,
                    )
                    if part
                ),
                claim_change_url(claim.pk),
                claim.pk,
            )
        )
        open_claims.append(claim)
    close_until(len(body))
    parts.append(escape(body[position:]))
    return mark_safe("".join(parts))


# --- Export ------------------------------------------------------------------------------

# The claim as the extractor made it and where it stands, with its article and claimant named.
EXPORT_COLUMNS = [
    "id",
    "article_id",
    "article_title",
    "article_url",
    *(name for name in EXTRACTION_FIELDS if name not in {"article", "incident"}),
    *(name for name in RECORD_FIELDS if name != "created_at"),
]
_EXPORT_LOOKUPS = {
    "article_title": "article__title",
    "article_url": "article__url",
    "claimant": "claimant__name",
}
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_CHUNK_ROWS = 2_000


def export_rows(claims):
    """The claims as tuples in EXPORT_COLUMNS order, from one query streamed in chunks."""
    lookups = [_EXPORT_LOOKUPS.get(column, column) for column in EXPORT_COLUMNS]
    return claims.order_by("pk").values_list(*lookups).iterator(chunk_size=EXPORT_CHUNK_ROWS)


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Lines:
    """A file-like object for csv.writer that hands back what it is given."""

    def write(self, text):
        return text


def csv_chunks(rows):
    """CSV text in chunks of EXPORT_CHUNK_ROWS rows, with a BOM so spreadsheets read UTF-8."""
    writer = csv.writer(_Lines())
    chunk = ["\ufeff" + writer.writerow(EXPORT_COLUMNS)]
    for row in rows:
        chunk.append(writer.writerow([csv_cell(value) for value in row]))
        if len(chunk) >= EXPORT_CHUNK_ROWS:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def json_chunks(rows):
    """A JSON array of objects keyed by EXPORT_COLUMNS, in chunks of EXPORT_CHUNK_ROWS."""
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    chunk = ["["]
    separator = "\n"
    for row in rows:
        chunk.append(separator + encoder.encode(dict(zip(EXPORT_COLUMNS, row, strict=True))))
        separator = ",\n"
        if len(chunk) >= EXPORT_CHUNK_ROWS:
            yield "".join(chunk)
            chunk = []
    chunk.append("\n]\n")
    yield "".join(chunk)


def export_response(chunks, extension: str, content_type: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="claims-{stamp}.{extension}"'
    return response


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


class ReadOnlyAdminMixin:
    """Pages and inlines that show a record nobody edits here: no add, change or delete."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReviewColumnsMixin:
    @admin.display(description="From → to")
    def transition(self, review):
        return format_html(
            "{} → {}", status_badge(review.from_status), status_badge(review.to_status)
        )


class ReviewInline(ReadOnlyAdminMixin, ReviewColumnsMixin, admin.TabularInline):
    """The claim's history. Reviews are the record: never added, changed or removed here."""

    model = Review
    extra = 0
    can_delete = False
    fields = ["version", "created_at", "reviewer", "transition", "note", "evidence"]
    readonly_fields = fields
    ordering = ["version"]
    verbose_name_plural = "History"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reviewer")

    @admin.display(description="Evidence")
    def evidence(self, review):
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}" rel="noopener noreferrer">{}</a>',
            ((url, url) for url in review.evidence_urls),
        )


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = [
        "short_text",
        "status_badge",
        "figure",
        "group",
        "claimant_name",
        "article_link",
        "conflict",
        "updated_at",
    ]
    list_display_links = ["short_text"]
    list_filter = [
        "status",
        "kind",
        "outcome",
        ("article__outlet", admin.RelatedOnlyFieldListFilter),
        ("claimant", admin.RelatedOnlyFieldListFilter),
        ConflictFilter,
        ("reviews__reviewer", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["text", "claimant__name", "article__title"]
    date_hierarchy = "updated_at"
    list_select_related = ["article", "article__outlet", "claimant"]
    list_per_page = 100
    ordering = ["-updated_at", "-id"]
    raw_id_fields = ["article", "incident", "claimant"]
    fieldsets = [
        ("Claim", {"fields": ["text", "status_badge", "figure", "kind", "group", "claimant"]}),
        (
            "Extraction",
            {
                "classes": ["collapse"],
                "fields": [
                    "article",
                    "start",
                    "end",
                    "incident",
                    "attribution",
                    "outcome",
                    "count_min",
                    "count_max",
                    "approximate",
                    "lower_bound",
                    "upper_bound",
                ],
            },
        ),
        ("Record", {"classes": ["collapse"], "fields": ["version", "created_at", "updated_at"]}),
    ]
    inlines = [ReviewInline]
    actions = [
        "mark_confirmed",
        "mark_disputed",
        "mark_false",
        "mark_unverifiable",
        "mark_in_review",
        "move_to_new_incident",
    ]
    change_form_template = "admin/claims/claim/change_form.html"

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request):
        return selectors.with_conflict_flag(super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        computed = ["status_badge", "figure"]
        if request.user.is_superuser:
            return [*RECORD_FIELDS, *computed]
        return [*EXTRACTION_FIELDS, *RECORD_FIELDS, *computed]

    def has_add_permission(self, request):
        """Claims come from ingest, anchored to the article text; none are typed in."""
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_review_permission(self, request):
        return request.user.has_perm(services.REVIEW_PERMISSION)

    def save_model(self, request, obj, form, change):
        """Write only what the superuser corrected, never status or version: a full-row save
        would overwrite a review made since the page was opened."""
        changed = [name for name in form.changed_data if name in EXTRACTION_FIELDS]
        if changed:
            obj.save(update_fields=[*changed, "updated_at"])

    # Columns

    @admin.display(description="Claim", ordering="text")
    def short_text(self, claim):
        return claim.text if len(claim.text) <= 90 else claim.text[:89] + "…"

    @admin.display(description="Status", ordering="status")
    def status_badge(self, claim):
        return status_badge(claim.status)

    @admin.display(description="Figure", ordering="count_min")
    def figure(self, claim):
        return claim_figure(claim) or "—"

    @admin.display(description="Claimant", ordering="claimant__name")
    def claimant_name(self, claim):
        return claim.claimant.name if claim.claimant_id else claim.attribution or "—"

    @admin.display(description="Article", ordering="article__title")
    def article_link(self, claim):
        article = claim.article
        outlet = f" ({article.outlet})" if article.outlet_id else ""
        return format_html(
            '<a href="{}#claim-{}">{}</a>{}',
            reverse("admin:sources_article_change", args=[article.pk]),
            claim.pk,
            article.title if len(article.title) <= 48 else article.title[:47] + "…",
            outlet,
        )

    @admin.display(description="Conflict", boolean=True, ordering="has_conflict")
    def conflict(self, claim):
        return claim.has_conflict

    # Bulk review

    def _review_selected(self, request, queryset, status: str):
        """Ask for a note on an intermediate page, then review every selected claim at once.

        The ids are read with values_list and passed to services.bulk_review, which writes
        in a fixed number of queries and one transaction, however many claims there are.
        """
        form = BulkReviewForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            claim_ids = list(queryset.order_by().values_list("pk", flat=True).distinct())
            try:
                reviewed = services.bulk_review(
                    claim_ids=claim_ids,
                    status=status,
                    note=form.cleaned_data["note"],
                    reviewer=request.user,
                    evidence_urls=form.evidence_urls,
                )
            except (services.ReviewRejected, PermissionDenied) as error:
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

    # Single review

    def get_urls(self):
        def view(method):
            return self.admin_site.admin_view(method)

        return [
            path("export.csv", view(self.export_csv_view), name="claims_claim_export_csv"),
            path("export.json", view(self.export_json_view), name="claims_claim_export_json"),
            path("import-reviews/", view(self.import_reviews_view), name="claims_claim_import"),
            path("<path:object_id>/review/", view(self.review_view), name="claims_claim_review"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_review": self.has_review_permission(request)}
        return super().changelist_view(request, extra_context)

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
        if request.method == "POST" and form.is_valid():
            try:
                claim = services.review_claim(
                    claim_id=claim.pk,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    reviewer=request.user,
                    evidence_urls=form.evidence_urls,
                    expected_version=form.cleaned_data["version"],
                )
            except services.StaleVersion as stale:
                self.message_user(
                    request,
                    f"Not saved: someone reviewed this claim after you opened it (it is now "
                    f"version {stale.current_version}). Read its history below and decide again.",
                    messages.ERROR,
                )
                return HttpResponseRedirect(change_url)
            except (services.ReviewRejected, PermissionDenied) as error:
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        if claim is not None and self.has_view_or_change_permission(request, claim):
            extra_context = {
                **(extra_context or {}),
                "claim_figure": claim_figure(claim),
                "conflicts": list(selectors.conflicts_for(claim)),
                "can_review": self.has_review_permission(request),
                "review_form": ClaimReviewForm.for_claim(claim),
                "review_url": reverse("admin:claims_claim_review", args=[claim.pk]),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    # Regrouping

    @admin.action(description="Move selected claims to a new incident", permissions=["review"])
    def move_to_new_incident(self, request, queryset):
        """Ask for the new incident's title, then move the selected claims into it."""
        form = NewIncidentForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            claim_ids = list(queryset.order_by().values_list("pk", flat=True).distinct())
            try:
                incident = services.split_incident(
                    claim_ids=claim_ids, title=form.cleaned_data["title"], editor=request.user
                )
            except (services.ReviewRejected, PermissionDenied) as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                format_html(
                    'Moved {} claim{} to the new incident <a href="{}">{}</a>.',
                    f"{len(claim_ids):,}",
                    "s" if len(claim_ids) != 1 else "",
                    reverse("admin:claims_incident_change", args=[incident.pk]),
                    incident.title,
                ),
                messages.SUCCESS,
            )
            return None
        claim_count = queryset.count()
        context = {
            **self.admin_site.each_context(request),
            "title": "Move claims to a new incident",
            "opts": self.opts,
            "form": form,
            "claim_count": claim_count,
            "claim_count_display": f"{claim_count:,}",
            "sample": queryset.select_related("claimant", "incident")[:10],
            "more_count_display": f"{max(claim_count - 10, 0):,}",
            "action": request.POST.get("action", ""),
            "select_across": request.POST.get("select_across", "0"),
            "selected_ids": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/claim/new_incident.html", context)

    # Export

    def _filtered_claims(self, request):
        """The claims the changelist shows for this query string (filters, search, date),
        every page of them."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        return changelist.get_queryset(request)

    def export_csv_view(self, request):
        try:
            claims = self._filtered_claims(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest("These filters do not apply to claims.")
        return export_response(csv_chunks(export_rows(claims)), "csv", "text/csv; charset=utf-8")

    def export_json_view(self, request):
        try:
            claims = self._filtered_claims(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest("These filters do not apply to claims.")
        return export_response(json_chunks(export_rows(claims)), "json", "application/json")

    # Import of review decisions

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


class ArticleClaimInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The article's claims in text order, read-only; each links to its claim page."""

    model = Claim
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["kind", "figure", "group", "claimant", "badge"]
    readonly_fields = fields
    ordering = ["start", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claimant")

    @admin.display(description="Figure")
    def figure(self, claim):
        return claim_figure(claim) or "—"

    @admin.display(description="Status")
    def badge(self, claim):
        return status_badge(claim.status)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published_on", "claim_count", "ingested_at"]
    list_filter = [("outlet", admin.RelatedOnlyFieldListFilter), "published_on", "language"]
    search_fields = ["title", "url", "outlet__name"]
    date_hierarchy = "ingested_at"
    list_select_related = ["outlet"]
    fields = ["title", "url", "outlet", "published_on", "language", "ingested_at", "ingested_by"]
    readonly_fields = ["ingested_at", "ingested_by"]
    raw_id_fields = ["outlet"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ArticleClaimInline]
    change_form_template = "admin/claims/article/change_form.html"

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    def has_add_permission(self, request):
        """Articles come in through ingest, which extracts their claims; none are typed in."""
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, article):
        return article.claim_count

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_or_change_permission(request, article):
            extra_context = {
                **(extra_context or {}),
                "highlighted_body": highlight_claims(article.body, article.claims.all()),
                "statuses": [(status, status_badge(status)) for status in Status.values],
            }
        return super().change_view(request, object_id, form_url, extra_context)


# --- Incidents ---------------------------------------------------------------------------


def outcome_label(outcome: str) -> str:
    return Outcome(outcome).label.lower() if outcome in Outcome.values else "unspecified"


def figure_source(figure: dict) -> str:
    return figure["claimant"] or figure["attribution"] or "the article"


def outcome_range(outcome: dict) -> str:
    """ "killed: 0 (US military) – 3 (a community elder)": the spread across named sources."""
    label = outcome_label(outcome["outcome"])
    low, high = outcome["low"], outcome["high"]
    if low is None:
        count = len(outcome["figures"])
        return f"{label}: no named source ({count} figure{'s' if count != 1 else ''})"
    low_text = f"{low['count_display']} ({figure_source(low)})"
    if low["claim"] == high["claim"]:
        return f"{label}: {low_text}"
    return f"{label}: {low_text} – {high['count_display']} ({figure_source(high)})"


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    """Incidents gather the casualty figures different sources give for one event.

    The list shows each incident's claims by status and, per outcome, the range of figures
    across named sources; the page shows every figure side by side. Reviewers merge incidents
    that turn out to be one event (here) and move claims to a new one (on the claim list).
    """

    list_display = ["title", "claim_count", "status_summary", "ranges", "created_at"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    list_per_page = 50
    fields = ["title", "created_at"]
    readonly_fields = ["created_at"]
    actions = ["merge_selected"]
    change_form_template = "admin/claims/incident/change_form.html"

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request):
        return selectors.incident_list()

    def get_changelist_instance(self, request):
        """Load the figures of the page's incidents in one go, not one incident at a time."""
        changelist = super().get_changelist_instance(request)
        incidents = list(changelist.result_list)
        figures = selectors.incident_figures([incident.pk for incident in incidents])
        for incident in incidents:
            incident.figures = figures.get(incident.pk, [])
        return changelist

    def has_add_permission(self, request):
        """Incidents come from ingest and from splitting; none are typed in."""
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_review_permission(self, request):
        return request.user.has_perm(services.REVIEW_PERMISSION)

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, incident):
        return incident.claim_count

    @admin.display(description="By status")
    def status_summary(self, incident):
        counts = [
            (getattr(incident, f"{status}_count"), status, label)
            for status, label in Status.choices
        ]
        return (
            format_html_join(
                " ",
                '<span class="claim-badge status-{}">{} {}</span>',
                ((status, count, label.lower()) for count, status, label in counts if count),
            )
            or "—"
        )

    @admin.display(description="Figures by outcome")
    def ranges(self, incident):
        figures = getattr(incident, "figures", [])
        if not figures:
            return "—"
        return format_html_join(
            mark_safe("<br>"), "{}", ((outcome_range(outcome),) for outcome in figures)
        )

    @admin.action(description="Merge selected incidents", permissions=["review"])
    def merge_selected(self, request, queryset):
        incident_ids = list(queryset.order_by().values_list("pk", flat=True))
        try:
            survivor = services.merge_incidents(incident_ids=incident_ids, editor=request.user)
        except (services.ReviewRejected, PermissionDenied) as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        self.message_user(
            request,
            format_html(
                'Merged {} incidents into <a href="{}">{}</a> (#{}).',
                len(incident_ids),
                reverse("admin:claims_incident_change", args=[survivor.pk]),
                survivor.title,
                survivor.pk,
            ),
            messages.SUCCESS,
        )
        return None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        incident = self.get_object(request, unquote(object_id))
        if incident is not None and self.has_view_or_change_permission(request, incident):
            outcomes = selectors.incident_figures([incident.pk]).get(incident.pk, [])
            claim_ids = [figure["claim"] for outcome in outcomes for figure in outcome["figures"]]
            articles = {
                claim_id: (article_id, title)
                for claim_id, article_id, title in Claim.objects.filter(
                    pk__in=claim_ids
                ).values_list("pk", "article_id", "article__title")
            }
            for outcome in outcomes:
                outcome["label"] = outcome_label(outcome["outcome"])
                outcome["range"] = outcome_range(outcome)
                for figure in outcome["figures"]:
                    figure["article_id"], figure["article_title"] = articles[figure["claim"]]
                    figure["status_badge"] = status_badge(figure["status"])
            extra_context = {**(extra_context or {}), "outcomes": outcomes}
        return super().change_view(request, object_id, form_url, extra_context)


# --- Claimants ---------------------------------------------------------------------------


@admin.register(Claimant)
class ClaimantAdmin(admin.ModelAdmin):
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
        "confirmed_count",
        "disputed_count",
        "false_count",
        "unverifiable_count",
        "in_review_count",
        "unverified_count",
        "confirmed_share",
    ]
    list_filter = ["kind"]
    search_fields = ["name", "role", "affiliation"]

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request):
        return selectors.claimant_track_records(super().get_queryset(request))

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, claimant):
        return claimant.claim_count

    @admin.display(description="Confirmed", ordering="confirmed_count")
    def confirmed_count(self, claimant):
        return claimant.confirmed_count

    @admin.display(description="Disputed", ordering="disputed_count")
    def disputed_count(self, claimant):
        return claimant.disputed_count

    @admin.display(description="False", ordering="false_count")
    def false_count(self, claimant):
        return claimant.false_count

    @admin.display(description="Unverifiable", ordering="unverifiable_count")
    def unverifiable_count(self, claimant):
        return claimant.unverifiable_count

    @admin.display(description="In review", ordering="in_review_count")
    def in_review_count(self, claimant):
        return claimant.in_review_count

    @admin.display(description="Unverified", ordering="unverified_count")
    def unverified_count(self, claimant):
        return claimant.unverified_count

    @admin.display(
        description="Confirmed share",
        ordering=Coalesce("confirmed_share", Value(-1.0)),
    )
    def confirmed_share(self, claimant):
        """Confirmed among decided claims (confirmed, disputed, false); "—" before any, which
        sorts below 0% on every database."""
        share = claimant.confirmed_share
        return "—" if share is None else f"{share:.0%}"


# --- Ingest batches ----------------------------------------------------------------------


def can_follow_ingest(request) -> bool:
    """Reviewers see how ingest went (the reviewers group has no ingest permissions)."""
    return request.user.is_active and request.user.has_perm(services.REVIEW_PERMISSION)


class IngestItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    """A batch's articles in order, read-only: what each became, or why it failed."""

    model = IngestItem
    extra = 0
    can_delete = False
    fields = ["position", "label", "state", "article_link", "error", "attempts", "finished_at"]
    readonly_fields = fields
    ordering = ["position"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("article").defer("body", "article__body")
        )

    def has_view_permission(self, request, obj=None):
        return can_follow_ingest(request) or super().has_view_permission(request, obj)

    @admin.display(description="Article")
    def article_link(self, item):
        if item.article_id is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:sources_article_change", args=[item.article_id]),
            item.article.title,
        )


@admin.register(IngestBatch)
class IngestBatchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """How far each background ingest got. Read-only for everyone: batches are a record."""

    list_display = [
        "__str__",
        "created_at",
        "created_by",
        "source",
        "total",
        "done",
        "failed",
        "pending",
        "progress",
    ]
    date_hierarchy = "created_at"
    fields = ["created_at", "created_by", "source", "progress"]
    readonly_fields = fields
    inlines = [IngestItemInline]

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request):
        return selectors.batch_progress()

    def has_module_permission(self, request):
        return can_follow_ingest(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return can_follow_ingest(request) or super().has_view_permission(request, obj)

    @admin.display(description="Items", ordering="total")
    def total(self, batch):
        return batch.total

    @admin.display(description="Done", ordering="done")
    def done(self, batch):
        return batch.done

    @admin.display(description="Failed", ordering="failed")
    def failed(self, batch):
        return batch.failed

    @admin.display(description="Pending", ordering="pending")
    def pending(self, batch):
        return batch.pending

    @admin.display(description="Progress")
    def progress(self, batch):
        """ "42/60 done, 1 failed", with a bar counting finished items (done or failed)."""
        failed = f", {batch.failed:,} failed" if batch.failed else ""
        return format_html(
            '<progress class="batch-progress" value="{}" max="{}"></progress> {}',
            batch.done + batch.failed,
            max(batch.total, 1),
            f"{batch.done:,}/{batch.total:,} done{failed}",
        )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """API tokens: who holds one and whether it is used. Keys are never shown (only their
    hash is stored); deleting a token revokes it. New tokens come from ``create_reviewer``."""

    list_display = ["prefix", "user", "name", "created_at", "expires_at", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "name", "prefix"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]
    fields = ["user", "name", "prefix", "created_at", "expires_at", "last_used_at"]

    def has_add_permission(self, request):
        return False

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
