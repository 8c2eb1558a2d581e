from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_participant_roles"),
        ("participants", "0003_attendance"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop, elidable=True)]
