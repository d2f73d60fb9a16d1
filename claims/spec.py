"""The claim's fields, declared once: what the extractor fills in and what the record keeps."""

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
    "subcount",
    "superseded_by",
    "extractor_version",
]
RECORD_FIELDS = ["status", "version", "created_at", "updated_at"]
