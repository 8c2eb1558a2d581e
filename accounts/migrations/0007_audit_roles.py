from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    """Let systemförvaltare read the access log and the retention runs (accounts.roles)."""

    dependencies = [
        ("accounts", "0006_officials_approve_followups"),
        ("audit", "0002_append_only"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
