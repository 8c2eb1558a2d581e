"""The memo's "Beslutet skickas till", a list of names in a JSON field, becomes one row per
recipient (issue 23): each line kept, in its order, as a recipient not yet sent to."""

from django.db import migrations


def lines_to_rows(apps, schema_editor):
    Memo = apps.get_model("reports", "Memo")
    MemoRecipient = apps.get_model("reports", "MemoRecipient")
    for memo_id, names in Memo.objects.exclude(recipients=[]).values_list("pk", "recipients").iterator():
        seen = set()
        for order, name in enumerate(names or [], start=1):
            name = str(name).strip()[:200]
            if name and name not in seen:
                seen.add(name)
                MemoRecipient.objects.create(memo_id=memo_id, name=name, order=order)


def rows_to_lines(apps, schema_editor):
    Memo = apps.get_model("reports", "Memo")
    MemoRecipient = apps.get_model("reports", "MemoRecipient")
    for memo in Memo.objects.all().iterator():
        names = list(
            MemoRecipient.objects.filter(memo_id=memo.pk)
            .order_by("order", "pk")
            .values_list("name", flat=True)
        )
        if names:
            Memo.objects.filter(pk=memo.pk).update(recipients=names)


class Migration(migrations.Migration):
    dependencies = [("reports", "0011_decision_and_dispatch")]

    operations = [migrations.RunPython(lines_to_rows, rows_to_lines, elidable=True)]
