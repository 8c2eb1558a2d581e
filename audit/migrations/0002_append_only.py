"""The access log and the retention runs refuse UPDATE and DELETE in the database (PostgreSQL).

The models already refuse to change or delete their rows; these triggers hold the rule for
anything that reaches the database another way (raw SQL, a script, a bug). They raise SQLSTATE
23001 (restrict_violation), which Django reports as IntegrityError.

Not TRUNCATE: Django's `flush` (and the test runner between transactional tests) empties tables
with TRUNCATE, and TRUNCATE needs the table owner's privilege anyway, which the application's
database role should not hold in production.

PostgreSQL only. On SQLite (development and the quick test run) a trigger would be dropped
silently whenever Django rebuilds the table to alter a column, so it would give a false sense of
safety; the model-level refusals hold there. audit/tests/test_append_only.py checks both.
"""

from django.db import migrations

TABLES = ["audit_accesslogentry", "audit_retentionrun"]

CREATE = [
    """
    CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'append_only: % on % is refused, its rows can only be inserted', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    *(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()"
        for table in TABLES
    ),
]

DROP = [
    *(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS audit_refuse_change()",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
