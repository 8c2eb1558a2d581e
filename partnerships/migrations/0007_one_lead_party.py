"""Exactly one lead party per agreement (issue 8, item 13). Agreements registered with more
than one keep the first (by order) as lead; the others become co-partners, so the constraint
can be added."""

from django.db import migrations, models


def one_lead_each(apps, schema_editor):
    AgreementParty = apps.get_model("partnerships", "AgreementParty")
    seen: set[int] = set()
    for party in AgreementParty.objects.filter(role="lead").order_by("agreement_id", "order", "pk"):
        if party.agreement_id in seen:
            party.role = "co"
            party.save(update_fields=["role"])
        seen.add(party.agreement_id)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0006_edit_version"),
    ]

    operations = [
        migrations.RunPython(one_lead_each, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="agreementparty",
            constraint=models.UniqueConstraint(
                condition=models.Q(("role", "lead")),
                fields=("agreement",),
                name="party_one_lead_per_agreement",
                violation_error_message="An agreement has exactly one lead partner.",
            ),
        ),
    ]
