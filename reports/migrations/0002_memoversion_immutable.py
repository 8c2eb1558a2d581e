"""The database itself refuses to change a stored memo version (what was sent to the committee).

Only UPDATE is refused here: deleting is refused by the model and offered nowhere, and a future
retention rule may need to delete whole memos on purpose. On SQLite a later migration that
rebuilds the table drops the trigger with it: such a migration must create it again.
"""

from django.db import migrations

SQLITE_CREATE = """
CREATE TRIGGER reports_memoversion_immutable BEFORE UPDATE ON reports_memoversion
BEGIN SELECT RAISE(ABORT, 'reports_memoversion is append-only: an exported memo version cannot be changed'); END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS reports_memoversion_immutable;"

POSTGRES_CREATE = [
    """
CREATE FUNCTION reports_memoversion_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'reports_memoversion is append-only: an exported memo version cannot be changed'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$
""",
    """
CREATE TRIGGER reports_memoversion_immutable BEFORE UPDATE ON reports_memoversion
FOR EACH ROW EXECUTE FUNCTION reports_memoversion_refuse_update()
""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS reports_memoversion_immutable ON reports_memoversion",
    "DROP FUNCTION IF EXISTS reports_memoversion_refuse_update()",
]


def create_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
