"""Drop foreign-key indexes a composite index already starts with (cheaper bulk writes), and
index ?status= without a kind in list order.

SQLite alters a table by rebuilding it, which drops its triggers: the reviews' append-only
trigger is put back at the end (any later migration that alters claims_review must too).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from claims.migrations import _triggers


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0004_search_indexes"),
        ("sources", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="claim",
            name="article",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="claims",
                to="sources.article",
            ),
        ),
        migrations.AlterField(
            model_name="review",
            name="claim",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reviews",
                to="claims.claim",
            ),
        ),
        migrations.AlterField(
            model_name="review",
            name="reviewer",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reviews",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["status", "-updated_at", "-id"], name="claim_status_upd"),
        ),
        migrations.RunPython(_triggers.restore_sqlite_trigger, migrations.RunPython.noop),
    ]
