from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    """Officials set up payment plans and record payments; the secretary reads them (accounts.roles)."""

    dependencies = [
        ("accounts", "0008_committee_membership"),
        ("payments", "0001_payment_plans"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop, elidable=True)]
