"""Every write goes through a service here, whether it comes from the API, the admin or the CLI.

One module per domain (ingest, review, curation, claimants, history, incidents, batches,
records, tokens, accounts); their exceptions live in ``exceptions``, and what several share
in ``selection`` (the claims a bulk write locks) and ``validation``. Each service runs in one
transaction and either does all of its work or none. Import the function from its module:
``from claims.services.review import review_claim``.
"""
