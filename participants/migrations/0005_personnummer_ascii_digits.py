"""Personnummer: twelve ASCII digits, also in the database (issue 8, item 2).

Before the CHECK is added, a number stored with another script's digits (`١٩٨٥٠٤١٢٢٣٨٦`) is
rewritten with 0–9. If that makes it equal to a number already registered, the same person is
registered twice: the migration stops and names both rows, for a coordinator to merge them,
rather than guessing which row's placements and notes belong where.
"""

import unicodedata

import django.db.models.lookups
from django.db import migrations, models

import participants.dbfunctions


def ascii_digits(text: str) -> str:
    return "".join(
        str(unicodedata.digit(c)) if c.isdigit() else c for c in unicodedata.normalize("NFKC", text)
    )


def rewrite_digits(apps, schema_editor):
    Participant = apps.get_model("participants", "Participant")
    wrong = [
        (pk, number)
        for pk, number in Participant.objects.filter(personnummer__isnull=False)
        .values_list("pk", "personnummer")
        .iterator()
        if not (number.isascii() and number.isdigit())
    ]
    duplicates = []
    for pk, number in wrong:
        fixed = ascii_digits(number)
        other = (
            Participant.objects.filter(personnummer=fixed).exclude(pk=pk).values_list("pk", flat=True).first()
        )
        if other is not None:
            duplicates.append(f"#{pk} = #{other}")
        else:
            Participant.objects.filter(pk=pk).update(personnummer=fixed)
    if duplicates:
        raise RuntimeError(
            "These participants are registered twice, once with non-ASCII digits; merge them, "
            "then migrate again: " + ", ".join(duplicates)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0004_anonymisation"),
    ]

    operations = [
        migrations.RunPython(rewrite_digits, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("personnummer__isnull", True),
                    django.db.models.lookups.Exact(
                        participants.dbfunctions.OnlyAsciiDigits("personnummer"), True
                    ),
                    _connector="OR",
                ),
                name="participant_personnummer_ascii_digits",
                violation_error_message="The personnummer must be stored as twelve digits.",
            ),
        ),
    ]
