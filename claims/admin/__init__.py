"""The editors' workflow: read an article with its claims highlighted, review claims one by one,
in bulk or from a spreadsheet, export what the filters show, compare the figures of an
incident, and follow claimants' track records and ingest batches. Every write goes through
claims.services (or claims.review_import, which calls it).

One module per job; importing them here registers their pages with the admin site."""

from claims.admin import (  # noqa: F401
    articles,
    changes,
    claimants,
    claims,
    incidents,
    reviews,
    tokens_batches,
)
