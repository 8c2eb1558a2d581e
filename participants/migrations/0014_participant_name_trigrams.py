"""Trigram indexes on the participant's names, PostgreSQL only (issue 22, national scale).

A name search (`ParticipantQuerySet.search`: `UPPER(name) LIKE UPPER('%word%')`, Django's
`icontains`) can use no b-tree: it walked the list's name index until it had a page, some tens of
thousands of entries for a common name among 180,000 people. A GIN index of the names' trigrams
(pg_trgm, on the same `UPPER(…)` expression the lookup compares) finds the matching rows first.

Over every row, not only the identified ones as the list's order index is: ANALYZE keeps
statistics of an index's expression, and the planner reads those of a non-partial index only.
With them it knows that a common surname matches tens of thousands (and walks the name order for
a page), a rare one a few (and reads the trigram index); a partial index left it guessing 18 rows
for 22,500, and a page of a common name took 455 ms instead of 49 (EXPLAIN ANALYZE, national
scale).

`pg_trgm` is a trusted extension: the database's owner, who runs the migrations (README, "The
database role without table ownership"), may create it without being a superuser. SQLite has no
such index and searches as before; there the migration does nothing.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS participant_last_name_trgm ON participants_participant "
    "USING gin (UPPER(last_name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS participant_first_name_trgm ON participants_participant "
    "USING gin (UPPER(first_name) gin_trgm_ops)",
]

# The extension stays: another database object may have come to use it since.
DROP = [
    "DROP INDEX IF EXISTS participant_first_name_trgm",
    "DROP INDEX IF EXISTS participant_last_name_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0013_per_year_usage"),
    ]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
