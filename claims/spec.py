"""The claim's fields, declared once: what the extractor fills in, what editors correct and
what the record keeps."""

# Fields the extractor fills in.
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
# What an editor sets when adding a claim or correcting one (the text follows the span).
CORRECTABLE_FIELDS = [
    "kind",
    "start",
    "end",
    "outcome",
    "count_min",
    "count_max",
    "approximate",
    "lower_bound",
    "upper_bound",
    "group",
    "claimant",
]
COUNT_QUALIFIERS = ["approximate", "lower_bound", "upper_bound"]
RECORD_FIELDS = [
    "status",
    "version",
    "origin",
    "extractor_version",
    "rejection_reason",
    "created_at",
    "updated_at",
]
