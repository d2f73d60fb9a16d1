"""The append-only trigger on claims_review, shared by the migrations that need it."""

SQLITE_TRIGGER = """
CREATE TRIGGER claims_review_no_update BEFORE UPDATE ON claims_review
BEGIN SELECT RAISE(ABORT, 'claims_review is append-only'); END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS claims_review_no_update;"


def restore_sqlite_trigger(apps, schema_editor):
    """SQLite drops a table's triggers when a migration rebuilds it; create it again."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
        schema_editor.execute(SQLITE_TRIGGER)
