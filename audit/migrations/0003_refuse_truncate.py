"""TRUNCATE of the access log and the retention runs is refused too (PostgreSQL), by a
statement-level trigger (issue 8, item 7).

TRUNCATE fires no row triggers, so 0002's refusals did not stop it, and the table owner (the role
that runs the migrations) may truncate. The application itself runs as a role that does not own
the tables and holds no TRUNCATE privilege (README, "Production"); this trigger also stops the
owner, `manage.py flush` included.

The one way past it is deliberate: `SET LOCAL audit.allow_truncate = 'on'` inside the
transaction, which only the test suite does, to empty the test database between transactional
tests (conftest.py); it gives a role without the TRUNCATE privilege nothing.
"""

from django.db import migrations

TABLES = ["audit_accesslogentry", "audit_retentionrun"]

CREATE = [
    """
    CREATE OR REPLACE FUNCTION audit_refuse_truncate() RETURNS trigger AS $$
    BEGIN
      IF coalesce(current_setting('audit.allow_truncate', true), '') = 'on' THEN
        RETURN NULL;
      END IF;
      RAISE EXCEPTION 'append_only: TRUNCATE on % is refused, its rows can only be inserted', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    *(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate()"
        for table in TABLES
    ),
]

DROP = [
    *(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS audit_refuse_truncate()",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
