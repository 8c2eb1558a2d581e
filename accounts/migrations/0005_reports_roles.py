from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    """Give the roles their permissions on follow-ups and memos (reports app)."""

    dependencies = [
        ("accounts", "0004_attendance_roles"),
        ("reports", "0002_memoversion_immutable"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop, elidable=True)]
