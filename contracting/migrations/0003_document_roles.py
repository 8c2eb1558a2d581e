from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    """Officials write the agreement document, the secretary reads it (accounts.roles)."""

    dependencies = [
        ("accounts", "0014_email_last_attempt"),
        ("meetings", "0002_meeting_roles"),
        ("contracting", "0002_default_clauses"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
