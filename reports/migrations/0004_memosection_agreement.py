"""Link a follow-up memo's summary sections to their agreements.

Memos drafted before this migration: a sub-heading that names an agreement of the memo's
committee that ran in the memo's report year is that agreement's summary (drafting writes the
agreement's name as the heading)."""

import django.db.models.deletion
from django.db import migrations, models


def link_summary_sections(apps, schema_editor):
    Memo = apps.get_model("reports", "Memo")
    Agreement = apps.get_model("partnerships", "Agreement")
    for memo in Memo.objects.filter(kind="followup", report_year__isnull=False):
        year = memo.report_year
        by_name = {
            agreement.name: agreement
            for agreement in Agreement.objects.filter(
                committee_id=memo.committee_id,
                stage="decided",
                valid_from__year__lte=year,
                valid_to__year__gte=year,
            )
        }
        for section in memo.sections.filter(level=2, agreement__isnull=True):
            if section.heading in by_name:
                section.agreement = by_name[section.heading]
                section.save(update_fields=["agreement"])


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0003_agreement_attachments"),
        ("reports", "0003_memo_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmemosection",
            name="agreement",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The agreement whose follow-up this section summarises (set when the memo is drafted).",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="partnerships.agreement",
                verbose_name="agreement",
            ),
        ),
        migrations.AddField(
            model_name="memosection",
            name="agreement",
            field=models.ForeignKey(
                blank=True,
                help_text="The agreement whose follow-up this section summarises (set when the memo is drafted).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="partnerships.agreement",
                verbose_name="agreement",
            ),
        ),
        migrations.RunPython(link_summary_sections, migrations.RunPython.noop, elidable=True),
    ]
