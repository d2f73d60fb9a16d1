"""The claim's fields, declared once, in the order every view of a claim lists them.

The model's value columns are declared here (models.Claim adds them), and everything else
that lists a claim's fields is derived from ``FIELDS``: what ingest copies from the
extractor, the API's feed columns and JSON, the admin's fieldsets and read-only fields,
the export's columns and ``ingest --json``. Adding a field to a claim is one ClaimField
here plus its migration (``manage.py makemigrations claims``).
"""

from dataclasses import dataclass

from django.db import models

from claims.choices import ClaimKind, Outcome


@dataclass(frozen=True)
class ClaimField:
    """One of the claim's own fields.

    ``column`` is the model field; None for the relations (article, incident, claimant),
    which models.Claim declares itself. ``from_extractor``: ingest copies the extracted
    claim's attribute of the same name. ``row``: fields sharing one are shown on one line of the
    claim page ("start" and "end").
    ``api_help`` and ``enum`` document it in the API schema.
    """

    name: str
    column: models.Field | None = None
    from_extractor: bool = True
    row: str = ""
    api_help: str = ""
    enum: str = ""


def _qualifier(name: str, help_text: str, api_help: str = "") -> ClaimField:
    """A flag on the count's line that is false unless the article hedges the count."""
    return ClaimField(
        name,
        models.BooleanField(default=False, help_text=help_text),
        row="qualifiers",
        api_help=api_help,
    )


FIELDS = (
    ClaimField("article", from_extractor=False),
    ClaimField("incident", from_extractor=False),
    ClaimField(
        "kind",
        models.CharField(max_length=16, choices=ClaimKind.choices),
        enum="ClaimKind",
    ),
    ClaimField("text", models.TextField()),
    ClaimField(
        "start", models.PositiveIntegerField(), row="span", api_help="Offset into the article body."
    ),
    ClaimField(
        "end", models.PositiveIntegerField(), row="span", api_help="Offset just past the claim."
    ),
    ClaimField("claimant", from_extractor=False),
    ClaimField(
        "attribution",
        models.CharField(
            max_length=300, blank=True, help_text="Who said it, as the article words it."
        ),
        from_extractor=False,  # the speaker's words, as_written
    ),
    ClaimField(
        "outcome",
        models.CharField(max_length=16, choices=Outcome.choices, blank=True),
        enum="Outcome",
        api_help="Empty for claims that are not casualty counts.",
    ),
    ClaimField("count_min", models.PositiveIntegerField(null=True, blank=True), row="count"),
    ClaimField("count_max", models.PositiveIntegerField(null=True, blank=True), row="count"),
    _qualifier("approximate", "The article hedges the count (about, nearly, more than)."),
    _qualifier("lower_bound", "The count is a minimum (at least, no fewer than).", '"at least"'),
    _qualifier("upper_bound", "The count is a maximum (up to, as many as).", '"up to"'),
    ClaimField(
        "group",
        models.CharField(
            max_length=200, blank=True, help_text="Who the count is of, in the article's words."
        ),
    ),
)

# Where the claim stands; kept by the services, never corrected by hand.
RECORD_FIELDS = [
    "status",
    "version",
    "origin",
    "extractor_version",
    "rejection_reason",
    "created_at",
    "updated_at",
]
# What ingest and incident matching work out about a claim (claims.models.Claim declares
# them): its mentions, sub-count, revision, same-claim group and report date. Shown by the
# API; never corrected by hand. (Its extractor version is a record field, above.)
DERIVED_FIELDS = [
    "mentions",
    "subcount",
    "superseded_by",
    "same_as",
    "reported_on",
]

# What an editor sets when adding a claim or correcting one (the text follows the span).
COUNT_QUALIFIERS = ["approximate", "lower_bound", "upper_bound"]
# What a casualty count says beyond its span (the extractor's and the corpus's keys too).
CASUALTY_VALUE_FIELDS = ["outcome", "count_min", "count_max", *COUNT_QUALIFIERS, "group"]
CORRECTABLE_FIELDS = ["kind", "start", "end", *CASUALTY_VALUE_FIELDS, "claimant"]

VALUE_FIELDS = tuple(field for field in FIELDS if field.column is not None)
# What the extractor fills in (with the relations ingest sets).
EXTRACTION_FIELDS = [field.name for field in FIELDS]
EXTRACTED_FIELDS = tuple(field for field in VALUE_FIELDS if field.from_extractor)


def stored_value(field: ClaimField, value):
    """An extracted value as its column stores it: no value is "" in a text column, and text
    is cut to the column's length."""
    if value is None and not field.column.null:
        return field.column.get_default()
    if isinstance(value, str) and field.column.max_length:
        return value[: field.column.max_length]
    return value


def extracted_values(extracted) -> dict:
    """The claim's columns from an ExtractedClaim, ready for ``Claim(**…)``."""
    return {
        field.name: stored_value(field, getattr(extracted, field.name))
        for field in EXTRACTED_FIELDS
    }


def admin_fieldsets() -> list:
    """The claim page's sections below the decision panel (which leads with the sentence,
    figure and claimant): every field, those sharing a row on one line, then the record."""
    rows: list[tuple[str, list[str]]] = []
    for field in FIELDS:
        if field.row and rows and rows[-1][0] == field.row:
            rows[-1][1].append(field.name)
        else:
            rows.append((field.row, [field.name]))
    record = [name for name in RECORD_FIELDS if name != "status"]  # the status is a badge above
    return [
        ("Extraction", {"fields": [tuple(names) if row else names[0] for row, names in rows]}),
        ("Record", {"classes": ["collapse"], "fields": record}),
    ]


# The desk's fields: changed only by the assignment and publication services.
DESK_FIELDS = [
    "assignee",
    "assigned_at",
    "awaiting_publication",
    "publication",
    "public_status",
    "public_changed_at",
    "published_version",
    "published_at",
    "published_by",
    "withdrawn_at",
    "withdrawal_reason",
]
