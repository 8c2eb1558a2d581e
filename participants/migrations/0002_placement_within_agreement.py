"""A placement lies within its agreement's validity: enforced by the database on PostgreSQL.

The rule spans two tables, which a CHECK constraint cannot, so two triggers hold it:
- inserting or updating a placement whose start, planned end or actual end falls outside
  its agreement's valid_from – valid_to is refused;
- changing an agreement's validity so that one of its placements falls outside is refused.
Both raise SQLSTATE 23514 (check_violation), which Django reports as IntegrityError.

PostgreSQL only. On SQLite a trigger that names another table breaks Django's table rebuild
(the rename step fails with "error in trigger …: no such table") the next time any migration
alters partnerships_agreement, so there the rule is held by `Placement.clean`, the assignment
service and the forms. Production runs PostgreSQL; participants/tests/test_placement_constraints.py
checks the triggers there.
"""

from django.db import migrations

CREATE = [
    """
    CREATE OR REPLACE FUNCTION participants_placement_within_agreement() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (
        SELECT 1 FROM partnerships_agreement a
        WHERE a.id = NEW.agreement_id
          AND (NEW.start < a.valid_from OR NEW.start > a.valid_to
               OR NEW.planned_end > a.valid_to OR NEW.actual_end > a.valid_to)
      ) THEN
        RAISE EXCEPTION 'placement_within_agreement: the placement lies outside its agreement''s validity'
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER placement_within_agreement
      BEFORE INSERT OR UPDATE OF start, planned_end, actual_end, agreement_id ON participants_placement
      FOR EACH ROW EXECUTE FUNCTION participants_placement_within_agreement()
    """,
    """
    CREATE OR REPLACE FUNCTION participants_agreement_keeps_placements() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (
        SELECT 1 FROM participants_placement p
        WHERE p.agreement_id = NEW.id
          AND (p.start < NEW.valid_from OR p.start > NEW.valid_to
               OR p.planned_end > NEW.valid_to OR p.actual_end > NEW.valid_to)
      ) THEN
        RAISE EXCEPTION 'placement_within_agreement: a placement would lie outside the agreement''s validity'
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER agreement_keeps_placements
      BEFORE UPDATE OF valid_from, valid_to ON partnerships_agreement
      FOR EACH ROW EXECUTE FUNCTION participants_agreement_keeps_placements()
    """,
]

DROP = [
    "DROP TRIGGER IF EXISTS agreement_keeps_placements ON partnerships_agreement",
    "DROP FUNCTION IF EXISTS participants_agreement_keeps_placements()",
    "DROP TRIGGER IF EXISTS placement_within_agreement ON participants_placement",
    "DROP FUNCTION IF EXISTS participants_placement_within_agreement()",
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
        ("participants", "0001_initial"),
        ("partnerships", "0001_initial"),
    ]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
