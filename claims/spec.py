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
    claim's attribute of the same name. ``section``: the admin fieldset it is shown in.
    ``api_help`` and ``enum`` document it in the API schema.
    """

    name: str
    column: models.Field | None = None
    from_extractor: bool = True
    section: str = "Extraction"
    api_help: str = ""
    enum: str = ""


FIELDS = (
    ClaimField("article", from_extractor=False),
    ClaimField("incident", from_extractor=False),
    ClaimField(
        "kind",
        models.CharField(max_length=16, choices=ClaimKind.choices),
        section="Claim",
        enum="ClaimKind",
    ),
    ClaimField("text", models.TextField(), section="Claim"),
    ClaimField("start", models.PositiveIntegerField(), api_help="Offset into the article body."),
    ClaimField("end", models.PositiveIntegerField(), api_help="Offset just past the claim."),
    ClaimField("claimant", from_extractor=False, section="Claim"),
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
    ClaimField("count_min", models.PositiveIntegerField(null=True, blank=True)),
    ClaimField("count_max", models.PositiveIntegerField(null=True, blank=True)),
    ClaimField("approximate", models.BooleanField(default=False)),
    ClaimField(
        "lower_bound",
        models.BooleanField(default=False, help_text='"at least"'),
        api_help='"at least"',
    ),
    ClaimField(
        "upper_bound",
        models.BooleanField(default=False, help_text='"up to"'),
        api_help='"up to"',
    ),
    ClaimField(
        "group",
        models.CharField(max_length=200, blank=True, help_text='As written: "civilians"'),
        section="Claim",
    ),
)

# Where the claim stands; kept by the services, never corrected by hand.
RECORD_FIELDS = ["status", "version", "created_at", "updated_at"]

VALUE_FIELDS = tuple(field for field in FIELDS if field.column is not None)
# What the extractor fills in (with the relations ingest sets); superusers may correct them.
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


def admin_fieldsets(computed: list[str]) -> list:
    """The claim page's sections: the text and ``computed`` columns first, then each field
    in its section, then the record."""
    claim = ["text", *computed, *(f.name for f in FIELDS if f.section == "Claim")]
    record = [name for name in RECORD_FIELDS if name != "status"]  # the status is a badge above
    return [
        ("Claim", {"fields": list(dict.fromkeys(claim))}),
        (
            "Extraction",
            {
                "classes": ["collapse"],
                "fields": [f.name for f in FIELDS if f.section == "Extraction"],
            },
        ),
        ("Record", {"classes": ["collapse"], "fields": record}),
    ]
