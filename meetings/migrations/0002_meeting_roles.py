from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    """Officials record meetings and decisions; coordinators and the secretary read them (accounts.roles)."""

    dependencies = [
        ("accounts", "0008_committee_membership"),
        ("payments", "0002_payment_roles"),
        ("meetings", "0001_meetings_and_decisions"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
