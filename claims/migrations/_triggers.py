"""The append-only triggers on claims_review and claims_claimchange, shared by the migrations
that need them."""

SQLITE_TRIGGER = """
CREATE TRIGGER claims_review_no_update BEFORE UPDATE ON claims_review
BEGIN SELECT RAISE(ABORT, 'claims_review is append-only'); END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS claims_review_no_update;"

CHANGE_SQLITE_TRIGGER = """
CREATE TRIGGER claims_claimchange_no_update BEFORE UPDATE ON claims_claimchange
BEGIN SELECT RAISE(ABORT, 'claims_claimchange is append-only'); END;
"""
CHANGE_SQLITE_DROP = "DROP TRIGGER IF EXISTS claims_claimchange_no_update;"

CHANGE_POSTGRES_TRIGGER = """
CREATE OR REPLACE FUNCTION claims_claimchange_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'claims_claimchange is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER claims_claimchange_no_update BEFORE UPDATE ON claims_claimchange
    FOR EACH ROW EXECUTE FUNCTION claims_claimchange_append_only();
"""
CHANGE_POSTGRES_DROP = """
DROP TRIGGER IF EXISTS claims_claimchange_no_update ON claims_claimchange;
DROP FUNCTION IF EXISTS claims_claimchange_append_only();
"""


def restore_sqlite_trigger(apps, schema_editor):
    """SQLite drops a table's triggers when a migration rebuilds it; create it again."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
        schema_editor.execute(SQLITE_TRIGGER)


def restore_sqlite_change_trigger(apps, schema_editor):
    """The same for claims_claimchange: any later migration that alters it must call this."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CHANGE_SQLITE_DROP)
        schema_editor.execute(CHANGE_SQLITE_TRIGGER)


def add_change_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(CHANGE_POSTGRES_TRIGGER)
    elif vendor == "sqlite":
        schema_editor.execute(CHANGE_SQLITE_TRIGGER)


def drop_change_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(CHANGE_POSTGRES_DROP)
    elif vendor == "sqlite":
        schema_editor.execute(CHANGE_SQLITE_DROP)
