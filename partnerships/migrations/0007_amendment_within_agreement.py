"""An amendment takes effect inside its agreement: after its first day (that day is the
agreement's own first period) and no later than its last. Enforced by the database on PostgreSQL.

The rule spans two tables, which a CHECK constraint cannot, so two triggers hold it (as
participants/migrations/0002 does for placements):
- inserting or updating an amendment that starts on or before its agreement's valid_from, or
  after its valid_to, is refused;
- changing an agreement's validity so that one of its amendments falls outside is refused.
Both raise SQLSTATE 23514 (check_violation), which Django reports as IntegrityError.

PostgreSQL only, for the reason given there (SQLite's table rebuild breaks on a trigger naming
another table); there `AmendmentForm`, `AgreementForm` and `services.amend` hold the rule.
"""

from django.db import migrations

CREATE = [
    """
    CREATE OR REPLACE FUNCTION partnerships_amendment_within_agreement() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (
        SELECT 1 FROM partnerships_agreement a
        WHERE a.id = NEW.agreement_id AND (NEW.starts_on <= a.valid_from OR NEW.starts_on > a.valid_to)
      ) THEN
        RAISE EXCEPTION 'amendment_within_agreement: the amendment lies outside its agreement''s validity'
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER amendment_within_agreement
      BEFORE INSERT OR UPDATE OF starts_on, agreement_id ON partnerships_amendment
      FOR EACH ROW EXECUTE FUNCTION partnerships_amendment_within_agreement()
    """,
    """
    CREATE OR REPLACE FUNCTION partnerships_agreement_keeps_amendments() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (
        SELECT 1 FROM partnerships_amendment m
        WHERE m.agreement_id = NEW.id AND (m.starts_on <= NEW.valid_from OR m.starts_on > NEW.valid_to)
      ) THEN
        RAISE EXCEPTION 'amendment_within_agreement: an amendment would lie outside the agreement''s validity'
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER agreement_keeps_amendments
      BEFORE UPDATE OF valid_from, valid_to ON partnerships_agreement
      FOR EACH ROW EXECUTE FUNCTION partnerships_agreement_keeps_amendments()
    """,
]

DROP = [
    "DROP TRIGGER IF EXISTS agreement_keeps_amendments ON partnerships_agreement",
    "DROP FUNCTION IF EXISTS partnerships_agreement_keeps_amendments()",
    "DROP TRIGGER IF EXISTS amendment_within_agreement ON partnerships_amendment",
    "DROP FUNCTION IF EXISTS partnerships_amendment_within_agreement()",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0006_amendments")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
