"""Many new rows of one model in one statement, for ingest's claims.

``bulk_create`` costs ingest most of its client CPU: it builds a model instance per row and
prepares every one of a claim's ~40 columns for every row (on 300 seed-sized articles,
about 2 of the 3.1 ms of client CPU per article). Here the columns a row does not set are
prepared once per call, and on PostgreSQL the rows go by COPY with keys drawn from the
table's sequence beforehand.
"""

from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.expressions import DatabaseDefault

# Values of these types are stored as they are by every field but a JSON one, so they skip the
# field's preparation (measured: half of insert_rows' CPU went there).
PLAIN_TYPES = (type(None), bool, int, str)


def insert_rows(model: type[models.Model], rows: Sequence[dict]) -> list[int]:
    """Insert new rows given as {field attname: value}, every row naming the same fields and
    the others taking the model's defaults (``auto_now`` fields the time of the call);
    returns their primary keys, in order. Like ``bulk_create``, it sends no signals and runs
    no model validation: the database's constraints are what hold."""
    if not rows:
        return []
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return [row.pk for row in model.objects.bulk_create([model(**row) for row in rows])]
    meta = model._meta
    named = [field for field in meta.concrete_fields if field.attname in rows[0]]
    unknown = set(rows[0]) - {field.attname for field in named}
    if unknown:
        raise ValueError(f"{meta.label} has no fields {sorted(unknown)}")
    defaults = _defaults(model, {field.attname for field in named}, connection)
    columns = [meta.pk.column, *(field.column for field in named), *(f.column for f, _ in defaults)]
    default_values = tuple(value for _, value in defaults)
    prepare = [
        (field.attname, field.get_db_prep_save, field.get_internal_type() == "JSONField")
        for field in named
    ]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        keys = [key for (key,) in cursor.fetchall()]
        statement = (
            f"COPY {quote(meta.db_table)} ({', '.join(quote(column) for column in columns)})"
            " FROM STDIN"
        )
        # Through Django's error wrapper, so a broken constraint is django.db.IntegrityError.
        with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
            for key, row in zip(keys, rows, strict=True):
                copy.write_row(
                    (
                        key,
                        *(
                            row[name]
                            if not is_json and type(row[name]) in PLAIN_TYPES
                            else prep(row[name], connection)
                            for name, prep, is_json in prepare
                        ),
                        *default_values,
                    )
                )
    return keys


def _defaults(
    model: type[models.Model], named: set[str], connection
) -> list[tuple[models.Field, object]]:
    """Each unnamed column's default, prepared for the database; columns whose default the
    database gives (``db_default``) are left to it."""
    template = model()
    defaults = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in named:
            continue
        value = field.pre_save(template, add=True)
        if not isinstance(value, DatabaseDefault):
            defaults.append((field, field.get_db_prep_save(value, connection)))
    return defaults
