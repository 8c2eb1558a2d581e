from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    """Officials assess initiatives; systemförvaltare too, and read their access log (accounts.roles)."""

    dependencies = [
        ("accounts", "0014_email_last_attempt"),
        ("initiatives", "0001_initiatives"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
