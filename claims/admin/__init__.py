"""The editors' workflow: read an article with its claims highlighted, review claims one by one,
in bulk or from a spreadsheet, work the desk's queues (assign, publish, withdraw), export
what the filters show, compare the figures of an incident, and follow claimants' track
records, ingest batches and webhook deliveries. Every write goes through claims.services (or
claims.review_import, which calls it).

One module per job; importing them here registers their pages with the admin site."""

from django.contrib import admin

from claims.admin import (  # noqa: F401
    articles,
    changes,
    claimants,
    claims,
    incidents,
    reviews,
    tokens_batches,
    webhooks,
)

# The index shows the desk's queues (My queue, Unassigned, Awaiting publication) first.
admin.site.index_template = "admin/claims/desk_index.html"
