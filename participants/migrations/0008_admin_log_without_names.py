"""The admin's own log ("Recent actions" on the admin index) named participants, placements,
notes and attendance by their `__str__`, i.e. by the person's name. From now on the admin writes
them by kind and number (participants/admin.py); this rewrites the entries already there, as
`gallra` does for the anonymised (participants/retention.py)."""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat

MODELS = ["participant", "placement", "progressnote", "attendance"]


def name_by_kind_only(apps, schema_editor):
    LogEntry = apps.get_model("admin", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for content_type in ContentType.objects.filter(app_label="participants", model__in=MODELS):
        LogEntry.objects.filter(content_type=content_type).update(
            object_repr=Concat(Value(f"{content_type.model} #"), F("object_id"))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0007_edit_version"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(name_by_kind_only, migrations.RunPython.noop, elidable=True)]
