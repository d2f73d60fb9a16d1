"""The database cache's table, where the anonymous throttle counts when no Redis is set.

`createcachetable` is idempotent and creates only the tables of configured database caches,
so with Redis this does nothing; switching to the database cache later means running
`manage.py createcachetable` once.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_lean_indexes")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
