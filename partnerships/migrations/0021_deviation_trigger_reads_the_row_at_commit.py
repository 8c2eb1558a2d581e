"""The deviation rule's trigger (0015) is deferred to the commit, but read the agreement's values
as they were when the row was written: an agreement inserted decided and given its deviation
later in the same transaction was refused. It now reads the row as it stands at the commit."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION partnerships_decided_needs_deviation() RETURNS trigger AS $$
DECLARE
  current_stage text;
  current_deviation text;
BEGIN
  IF NEW.stage = 'decided' AND (TG_OP = 'INSERT' OR OLD.stage <> 'decided') THEN
    SELECT stage, deviation INTO current_stage, current_deviation
      FROM partnerships_agreement WHERE id = NEW.id;
    IF FOUND AND current_stage = 'decided' AND current_deviation = ''
       AND EXISTS (SELECT 1 FROM partnerships_agreementcriterion c
                   WHERE c.agreement_id = NEW.id AND c.fulfilled = false) THEN
      RAISE EXCEPTION 'agreement_decided_without_deviation: agreement % has a criterion not met and no deviation',
        NEW.id USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=None)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0020_agreement_ended_early_on")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
