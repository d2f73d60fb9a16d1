"""Export what the claim list shows (its filters, search and dates, every page) as CSV or
JSON, streamed in chunks so 100,000 claims never sit in memory at once."""

import csv
from datetime import datetime

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone

from claims.review_import import DECISION_COLUMNS
from claims.spec import EXTRACTION_FIELDS, RECORD_FIELDS

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
    """CSV text in chunks of EXPORT_CHUNK_ROWS rows, with a BOM so spreadsheets read UTF-8.

    Ends with empty ``note`` and ``evidence_url`` columns: change a row's status, fill them
    in, and the file imports as it is ("Import review decisions")."""
    writer = csv.writer(_Lines())
    chunk = ["\ufeff" + writer.writerow([*EXPORT_COLUMNS, *DECISION_COLUMNS])]
    blanks = [""] * len(DECISION_COLUMNS)
    for row in rows:
        chunk.append(writer.writerow([*(csv_cell(value) for value in row), *blanks]))
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


class ClaimExportViews:
    """ClaimAdmin's export views (``export.csv``, ``export.json``)."""

    def _filtered_claims(self, request):
        """The claims the changelist shows for this query string (filters, search, date),
        every page of them."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        return changelist.get_queryset(request)

    def _export(self, request, chunks, extension: str, content_type: str):
        try:
            claims = self._filtered_claims(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest("These filters do not apply to claims.")
        return export_response(chunks(export_rows(claims)), extension, content_type)

    def export_csv_view(self, request):
        return self._export(request, csv_chunks, "csv", "text/csv; charset=utf-8")

    def export_json_view(self, request):
        return self._export(request, json_chunks, "json", "application/json")
