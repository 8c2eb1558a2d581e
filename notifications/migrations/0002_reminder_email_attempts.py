"""Reminders count their e-mail attempts (issue 21, row 8: a failed e-mail is tried again).
A reminder e-mailed or failed before counts as tried once; a failed one is then retried by the
next run, as if it had failed on its first try under the new code."""

from django.db import migrations, models
from django.db.models import Q


# A reminder that failed this long before the upgrade is no longer news: it is not sent now.
STALE_AFTER_DAYS = 7
GIVEN_UP = 5  # core.outbox.EMAIL_ATTEMPTS when this migration was written


def count_earlier_tries(apps, schema_editor):
    from datetime import timedelta

    from django.utils import timezone

    Reminder = apps.get_model("notifications", "Reminder")
    Reminder.objects.filter(Q(emailed_at__isnull=False) | ~Q(error="")).update(attempts=1)
    stale = timezone.now() - timedelta(days=STALE_AFTER_DAYS)
    Reminder.objects.filter(emailed_at__isnull=True, created_at__lt=stale).exclude(error="").update(
        attempts=GIVEN_UP
    )


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
        migrations.RunPython(count_earlier_tries, migrations.RunPython.noop, elidable=True),
    ]
