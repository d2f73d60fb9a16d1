"""Review decisions from a spreadsheet: parse and check a CSV, preview it, apply it at once.

Editors export the claim list, fill in a status and a note per claim, and upload the file.
Parsing is pure (bytes in, rows out) so every rule is testable without a request. Applying
goes through services.review.review_claim, row by row inside one transaction: either every change in
the file is recorded, with one Review each, or none is.
"""

import csv
import io
from dataclasses import dataclass, field
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from claims.models import Claim, Status
from claims.services import review
from claims.services.exceptions import ReviewRejected, StaleVersion

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
REQUIRED_COLUMNS = ("id", "status", "note")
OPTIONAL_COLUMNS = ("evidence_url", "version")
# What a reviewer writes in: the CSV export carries these empty, ready to fill in.
DECISION_COLUMNS = ("note", "evidence_url")
DELIMITERS = (",", ";", "\t")

# "confirmed", "Confirmed" and "In review" all name a status; spreadsheets keep labels.
_STATUS_NAMES = {
    **{status.casefold(): status for status in Status.values},
    **{label.casefold(): status for status, label in Status.choices},
}


class ImportRejected(ValueError):
    """The file as a whole cannot be read (encoding, size, columns); nothing was written."""


@dataclass(frozen=True)
class DecisionRow:
    """One line of the file, as far as it can be read without the database."""

    line: int
    claim_id: int | None
    status: str
    note: str
    evidence_url: str = ""
    version: int | None = None
    errors: tuple[str, ...] = ()

    def as_session(self) -> dict:
        return {
            "line": self.line,
            "claim_id": self.claim_id,
            "status": self.status,
            "note": self.note,
            "evidence_url": self.evidence_url,
            "version": self.version,
        }

    @classmethod
    def from_session(cls, values: dict) -> "DecisionRow":
        return cls(**values)


@dataclass
class PlannedDecision:
    """What one row does: change a claim's status, leave it as it is, or nothing (errors)."""

    row: DecisionRow
    outcome: Literal["change", "unchanged", "error"]
    from_status: str = ""
    claim_text: str = ""
    current_version: int | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    """The preview of an import, and whether it was applied."""

    decisions: list[PlannedDecision]
    applied: bool = False

    @property
    def changes(self) -> list[PlannedDecision]:
        return [d for d in self.decisions if d.outcome == "change"]

    @property
    def errors(self) -> list[PlannedDecision]:
        return [d for d in self.decisions if d.outcome == "error"]

    @property
    def unchanged_count(self) -> int:
        return sum(1 for d in self.decisions if d.outcome == "unchanged")

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def confirmed_rows(self) -> list[DecisionRow]:
        """The changing rows pinned to the version shown in the preview, so a claim someone
        reviews between preview and confirm is refused as stale instead of overwritten."""
        return [
            DecisionRow(**{**d.row.as_session(), "version": d.current_version})
            for d in self.changes
        ]


def check_upload_size(size: int) -> None:
    """Refuse a file over MAX_UPLOAD_BYTES before it is read into memory."""
    if size > MAX_UPLOAD_BYTES:
        raise ImportRejected(
            f"The file is {size:,} bytes; the limit is {MAX_UPLOAD_BYTES:,} "
            f"({MAX_UPLOAD_BYTES / (1024 * 1024):g} MB). Split it into several files."
        )


def decode_upload(data: bytes) -> str:
    """The file's text. UTF-8 only (with or without the BOM spreadsheets add)."""
    check_upload_size(len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected(
            f"The file is not UTF-8 text (byte {error.start + 1:,} cannot be read). "
            "Save it from your spreadsheet as “CSV UTF-8” and upload it again."
        ) from None
    if "\x00" in text:
        raise ImportRejected(
            "The file is not valid CSV: it contains NUL characters (a spreadsheet or UTF-16 "
            "file?). Save it from your spreadsheet as “CSV UTF-8” and upload it again."
        )
    return text


def parse_review_csv(data: bytes) -> list[DecisionRow]:
    """Read the uploaded CSV into rows, each with the problems found on its own line.

    Raises ImportRejected for problems of the whole file: not UTF-8, malformed CSV, missing
    columns, too large, too many rows. Columns other than id, status, note, evidence_url and
    version are ignored, so an exported claim list can be uploaded once a note column is
    added. Blank lines are skipped. Line numbers count the header as line 1.
    """
    text = decode_upload(data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise ImportRejected("The file is empty.")
        columns = [_column_name(name) for name in header]
        missing = [name for name in REQUIRED_COLUMNS if name not in columns]
        if missing:
            raise ImportRejected(
                f"The header (line 1) has no {', '.join(missing)} column"
                f"{'s' if len(missing) > 1 else ''}; the columns are: id, status, note, "
                "and optionally evidence_url and version, separated by commas, semicolons "
                f"or tabs. Line 1 reads: {text.partition(chr(10))[0][:200]!r}"
            )
        position = {
            name: columns.index(name)
            for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
            if name in columns
        }
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportRejected(
                    f"The file has more than {MAX_ROWS:,} rows; split it into several files."
                )
            values = {
                name: cells[index].strip() if index < len(cells) else ""
                for name, index in position.items()
            }
            rows.append(_decision_row(reader.line_num, values))
    except csv.Error as error:
        raise ImportRejected(
            f"Line {reader.line_num}: the file is not valid CSV ({error})."
        ) from None
    if not rows:
        raise ImportRejected("The file has a header but no rows.")
    return rows


def sniff_delimiter(text: str) -> str:
    """The separator of the file: comma, semicolon (what spreadsheets set to a European
    locale save) or tab, whichever splits the header into the required columns; failing
    that, whichever the csv module's sniffer finds in the first lines; else a comma."""
    header = text.partition("\n")[0]
    for delimiter in DELIMITERS:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        if set(REQUIRED_COLUMNS) <= {_column_name(cell) for cell in cells}:
            return delimiter
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return ","


def _column_name(cell: str) -> str:
    # A BOM that survived decoding (a file saved twice with one) is not part of the name.
    return cell.replace("\ufeff", "").strip().casefold()


def _decision_row(line: int, values: dict[str, str]) -> DecisionRow:
    errors = []
    claim_id = _positive_int(values["id"])
    if claim_id is None:
        errors.append(f"id {values['id']!r} is not a claim id.")
    status = _STATUS_NAMES.get(values["status"].casefold())
    if status is None:
        errors.append(
            f"unknown status {values['status']!r}; use one of: {', '.join(Status.values)}."
        )
    evidence_url = values.get("evidence_url", "")
    if evidence_url:
        try:
            review.check_evidence_urls([evidence_url])
        except ReviewRejected as error:
            errors.append(f"evidence_url: {error}")
    version = None
    if values.get("version"):
        version = _positive_int(values["version"])
        if version is None:
            errors.append(f"version {values['version']!r} is not a version number.")
    return DecisionRow(
        line=line,
        claim_id=claim_id,
        status=status or values["status"],
        note=values["note"],
        evidence_url=evidence_url,
        version=version,
        errors=tuple(errors),
    )


def _positive_int(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else None


def import_review_decisions(*, rows: list[DecisionRow], reviewer, apply: bool) -> ImportResult:
    """Check the rows against the claims as they are now and, with ``apply``, record them.

    Every row is checked before anything is written: unknown or repeated claim ids, a
    version other than the claim's current one (someone reviewed it since the export), and
    a missing note on a row that changes a status. Rows whose status is already the claim's
    are left alone and get no Review. With ``apply`` and no errors, each change goes through
    services.review.review_claim with the expected version, all inside one transaction: if any of
    them fails (a concurrent review), everything is rolled back and the result says which
    row and why. Returns the per-row plan; ``applied`` says whether it was written.
    """
    if reviewer is None or not reviewer.has_perm(review.CAN_REVIEW_CLAIMS):
        raise PermissionDenied("Only reviewers can import review decisions.")
    ids = {row.claim_id for row in rows if row.claim_id is not None}
    try:
        with transaction.atomic():
            claims = Claim.objects.filter(pk__in=ids).order_by("pk")
            if apply:
                claims = claims.select_for_update(no_key=True)
            current = {
                pk: (status, version, text)
                for pk, status, version, text in claims.values_list(
                    "pk", "status", "version", "text"
                ).iterator()
            }
            result = ImportResult(_plan(rows, current))
            if not apply or not result.is_valid:
                return result
            for decision in result.changes:
                row = decision.row
                try:
                    review.review_claim(
                        claim_id=row.claim_id,
                        status=row.status,
                        note=row.note,
                        reviewer=reviewer,
                        evidence_urls=[row.evidence_url] if row.evidence_url else [],
                        expected_version=decision.current_version,
                    )
                except (StaleVersion, ReviewRejected) as error:
                    decision.outcome = "error"
                    decision.errors.append(str(error))
                    raise _RollBack from None
            result.applied = True
            return result
    except _RollBack:
        return result


class _RollBack(Exception):
    """Raised inside the transaction to undo every write of an import that failed midway."""


def _plan(rows: list[DecisionRow], current: dict[int, tuple[str, int, str]]) -> list:
    decisions = []
    first_line: dict[int, int] = {}
    for row in rows:
        errors = list(row.errors)
        from_status, version, text = current.get(row.claim_id, ("", None, ""))
        if row.claim_id is not None:
            if row.claim_id in first_line:
                errors.append(
                    f"claim {row.claim_id} is already on line {first_line[row.claim_id]}."
                )
            else:
                first_line[row.claim_id] = row.line
            if row.claim_id not in current:
                errors.append(f"no claim has id {row.claim_id}.")
            elif row.version is not None and row.version != version:
                errors.append(
                    f"claim {row.claim_id} changed since this file was made: the file has "
                    f"version {row.version}, the claim is now at version {version}."
                )
        changes = row.status != from_status
        if changes and row.claim_id in current:
            try:
                review.check_note(row.note)
            except ReviewRejected as error:
                errors.append(str(error))
        outcome = "error" if errors else "change" if changes else "unchanged"
        decisions.append(
            PlannedDecision(
                row=row,
                outcome=outcome,
                from_status=from_status,
                claim_text=text,
                current_version=version,
                errors=errors,
            )
        )
    return decisions
