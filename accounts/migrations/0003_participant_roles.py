from django.db import migrations

from accounts.roles import sync_roles


class Migration(migrations.Migration):
    """Give coordinators and administrators the participant permissions (accounts.roles)."""

    dependencies = [
        ("accounts", "0002_partner_membership"),
        ("participants", "0002_placement_within_agreement"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop, elidable=True)]
