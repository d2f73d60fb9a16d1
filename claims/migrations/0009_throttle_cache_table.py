"""The database cache's table (settings.CACHES falls back to it when no Redis is set), where
the anonymous throttle counts for every process at once.

Created whatever the cache setting says now, so that switching from Redis to the database
later, or a test server started with other settings, finds it.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

CACHE_TABLE = "django_cache"


def create_cache_table(apps, schema_editor):
    alias = schema_editor.connection.alias
    if CACHE_TABLE not in schema_editor.connection.introspection.table_names():
        command = CreateCacheTable()
        command.verbosity = 0
        command.create_table(alias, CACHE_TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_incident_regroup_permission_and_reviewers_follow_ingest")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
