"""Invitations record their e-mail's delivery like reminders (issue 21, row 9). The earlier
code kept no record: an invitation made before counts as e-mailed when it was made (one whose
e-mail failed answered the official with an error page then)."""

from django.db import migrations, models
from django.db.models import F


def assume_earlier_ones_sent(apps, schema_editor):
    Invitation = apps.get_model("accounts", "Invitation")
    Invitation.objects.update(emailed_at=F("created_at"), attempts=1)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0011_merge_20261202_0300"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="e-mail attempts"),
        ),
        migrations.AddField(
            model_name="invitation",
            name="emailed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="e-mailed at"),
        ),
        migrations.AddField(
            model_name="invitation",
            name="error",
            field=models.TextField(blank=True, verbose_name="delivery error"),
        ),
        migrations.RunPython(assume_earlier_ones_sent, migrations.RunPython.noop, elidable=True),
    ]
