"""ImportBatch has moved to the `imports` app (issue 25 item 15): gone from api's state only; its
table, `api_importbatch`, is the imports app's now (imports/migrations/0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0002_import_batches"),
        ("imports", "0001_importbatch_from_api"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImportBatch")],
            database_operations=[],
        ),
    ]
