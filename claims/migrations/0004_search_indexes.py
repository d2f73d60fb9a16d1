"""GIN indexes for full-text search on PostgreSQL (SQLite searches by substring instead).

The indexed expressions are built by Django from the same SearchVector calls that
claims.selectors.matching_claims filters on, so the planner can use them.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = [
    ("claims", "Claim", "claim_search_gin", ("text", "attribution")),
    ("sources", "Article", "article_title_search_gin", ("title",)),
    ("sources", "Claimant", "claimant_search_gin", ("name", "role")),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, name, fields in INDEXES:
        model = apps.get_model(app_label, model_name)
        schema_editor.add_index(
            model, GinIndex(SearchVector(*fields, config="english"), name=name)
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _, _, name, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_ingest_batches"), ("sources", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
