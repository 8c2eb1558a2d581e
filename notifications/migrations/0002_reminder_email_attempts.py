"""Reminders count their e-mail attempts (issue 21, row 8: a failed e-mail is tried again).
A reminder e-mailed or failed before counts as tried once; a failed one is then retried by the
next run, as if it had failed on its first try under the new code."""

from django.db import migrations, models
from django.db.models import Q


def count_earlier_tries(apps, schema_editor):
    Reminder = apps.get_model("notifications", "Reminder")
    Reminder.objects.filter(Q(emailed_at__isnull=False) | ~Q(error="")).update(attempts=1)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_reminders"),
    ]

    operations = [
        migrations.AddField(
            model_name="reminder",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="e-mail attempts"),
        ),
        migrations.RunPython(count_earlier_tries, migrations.RunPython.noop),
    ]
