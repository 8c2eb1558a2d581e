"""Each agreement's responsible official is, by default, whoever registered it: the user of its
first history row (simple_history records who created it)."""

from django.db import migrations


def fill_responsible(apps, schema_editor):
    Agreement = apps.get_model("partnerships", "Agreement")
    Historical = apps.get_model("partnerships", "HistoricalAgreement")
    for agreement in Agreement.objects.filter(responsible__isnull=True):
        first = (
            Historical.objects.filter(id=agreement.pk, history_type="+", history_user__isnull=False)
            .order_by("history_date")
            .first()
        )
        if first is not None:
            Agreement.objects.filter(pk=agreement.pk).update(responsible_id=first.history_user_id)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0006_agreement_responsible_and_follow_up_deadline")]

    operations = [migrations.RunPython(fill_responsible, migrations.RunPython.noop, elidable=True)]
