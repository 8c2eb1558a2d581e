"""Many rows into one table, fast: PostgreSQL's COPY, or `bulk_create` elsewhere (SQLite).

`bulk_create` builds a model instance per row and sends multi-row INSERTs: national scale
(600,000 placements, 10 million access-log rows) took 35 minutes that way (issue 22). COPY
streams plain tuples (psycopg 3's `cursor.copy()`), so a row costs a tuple in Python and a line
on the wire. The database checks the rows exactly as it checks an INSERT: COPY FROM fires the
INSERT triggers (a placement inside its agreement's validity) and checks every CHECK and UNIQUE
constraint. Columns the caller does not give get what `bulk_create` would put there: `auto_now`
and `auto_now_add` the time of the call, others what a new instance holds (the field's default,
"" for text, else NULL).

Neither path writes history rows (django-simple-history hooks `save()`, not bulk inserts), so
both make the same shape of data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice

from django.db import connection, models
from django.utils import timezone

BATCH = 2000
COPY_BATCH = 100_000


def chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def uses_copy() -> bool:
    return connection.vendor == "postgresql"


def _defaults(model: type[models.Model], columns: Sequence[str]) -> tuple[list[str], tuple]:
    """The columns the caller leaves out (but the primary key), and what `bulk_create` would
    write into them."""
    now = timezone.now()
    names, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in columns:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:  # what a model instance starts with: the default, "" for text, else None
            value = field.get_default()
        names.append(field.column)
        values.append(field.get_db_prep_save(value, connection))
    return names, tuple(values)


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys from the table's own sequence, so rows copied with them leave
    the sequence where inserting them would have."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, model._meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """Insert `rows` (tuples of the `columns`' attnames, e.g. `participant_id`); returns how many."""
    if not uses_copy():
        made = 0
        for chunk in chunks(rows, BATCH):
            model.objects.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in chunk])
            made += len(chunk)
        return made
    fields = {field.attname: field.column for field in model._meta.concrete_fields}
    extra_names, extra = _defaults(model, columns)
    names = ", ".join(connection.ops.quote_name(n) for n in [*(fields[c] for c in columns), *extra_names])
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
    made = 0
    # wrap_database_errors: a refused row raises Django's IntegrityError, as from bulk_create.
    with connection.cursor() as cursor, checked_per_statement(cursor, model):
        for chunk in chunks(rows, COPY_BATCH):
            with connection.wrap_database_errors, cursor.copy(sql) as copy:
                for row in chunk:
                    copy.write_row(row + extra)
            made += len(chunk)
    return made


@contextmanager
def checked_per_statement(cursor, model: type[models.Model]) -> Iterator[None]:
    """Django's foreign keys are DEFERRABLE INITIALLY DEFERRED on PostgreSQL: the checks of every
    row would queue in the server's memory until the commit (10 million access-log rows, two
    foreign keys each). Checked at the end of each COPY of COPY_BATCH rows instead, the queue
    stays small; the same checks run, and the keys are deferred again afterwards."""
    cursor.execute(
        "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass "
        "AND contype = 'f' AND condeferrable AND condeferred",
        [model._meta.db_table],
    )
    names = ", ".join(connection.ops.quote_name(name) for (name,) in cursor.fetchall())
    if names:
        cursor.execute(f"SET CONSTRAINTS {names} IMMEDIATE")
    yield
    if names:
        cursor.execute(f"SET CONSTRAINTS {names} DEFERRED")


def insert_with_ids(model: type[models.Model], columns: Sequence[str], rows: Sequence[tuple]) -> list[int]:
    """`insert_rows` for rows whose new primary keys the caller needs, in the rows' order."""
    if not uses_copy():
        made = []
        for chunk in chunks(rows, BATCH):
            created = model.objects.bulk_create(
                [model(**dict(zip(columns, row, strict=True))) for row in chunk]
            )
            made.extend(obj.pk for obj in created)
        return made
    ids = reserve_ids(model, len(rows))
    pk = model._meta.pk.attname
    insert_rows(model, [pk, *columns], ((pk_value, *row) for pk_value, row in zip(ids, rows, strict=True)))
    return ids


def analyze(models_: Iterable[type[models.Model]] | None = None) -> None:
    """Statistics for the planner after a bulk load (issue 22: unanalysed, the planner estimated
    7 rows for 30,153 and the benchmark measured plans production would not get). Autovacuum
    would do it minutes later; the benchmark measures at once. SQLite's ANALYZE fills
    sqlite_stat1 for its planner likewise."""
    with connection.cursor() as cursor:
        if models_ is None:
            cursor.execute("ANALYZE")
            return
        for model in models_:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
