"""The municipality's default clause texts (contracting/defaults.py), version 1."""

from django.db import migrations

from contracting.defaults import install


def add_defaults(apps, schema_editor):
    install(apps.get_model("contracting", "ClauseTemplate"))


class Migration(migrations.Migration):
    dependencies = [("contracting", "0001_agreement_documents")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
