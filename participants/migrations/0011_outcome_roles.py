from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    """Coordinators record outcomes after the activity; administrators too (accounts.roles, issue 24)."""

    dependencies = [
        ("accounts", "0014_email_last_attempt"),
        ("participants", "0010_placement_outcome"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
