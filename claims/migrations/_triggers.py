"""The append-only triggers on claims_review and claims_claimchange: the database refuses
UPDATE on the record of reviews and changes, whatever code runs."""

APPEND_ONLY_TABLES = ("claims_review", "claims_claimchange")


def _postgres_create(table: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{table} is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
"""


def _postgres_drop(table: str) -> str:
    return f"""
DROP TRIGGER IF EXISTS {table}_no_update ON {table};
DROP FUNCTION IF EXISTS {table}_append_only();
"""


def _sqlite_create(table: str) -> str:
    return f"""
CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
"""


def _sqlite_drop(table: str) -> str:
    return f"DROP TRIGGER IF EXISTS {table}_no_update;"


def _run(schema_editor, postgres, sqlite) -> None:
    vendor = schema_editor.connection.vendor
    sql = {"postgresql": postgres, "sqlite": sqlite}.get(vendor)
    if sql is not None:
        for table in APPEND_ONLY_TABLES:
            schema_editor.execute(sql(table))


def add_triggers(apps, schema_editor):
    _run(schema_editor, _postgres_create, _sqlite_create)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, _postgres_drop, _sqlite_drop)


def restore_sqlite_triggers(apps, schema_editor):
    """SQLite drops a table's triggers when a migration rebuilds it (most AlterField,
    RemoveConstraint...): a later migration that alters either table must end with this."""
    if schema_editor.connection.vendor == "sqlite":
        for table in APPEND_ONLY_TABLES:
            schema_editor.execute(_sqlite_drop(table))
            schema_editor.execute(_sqlite_create(table))
