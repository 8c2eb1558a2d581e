from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    """Officials approve the follow-ups partners submit through the portal."""

    dependencies = [("accounts", "0005_reports_roles")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop, elidable=True)]
