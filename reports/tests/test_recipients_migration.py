"""The memo's "Beslutet skickas till", a JSON list of names before issue 23, becomes one recipient
row per line (reports/migrations/0012_recipients_as_rows), in order, each name once."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from tests import replaced_migrations

BEFORE = [("reports", "0011_decision_and_dispatch")]


@pytest.mark.django_db(transaction=True)
def test_each_line_becomes_a_recipient_in_order():
    executor = replaced_migrations.executor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    committee = old.get_model("partnerships", "Committee").objects.create(
        name="Arbetsmarknadsnämnden", abbreviation="AN", administration="IAF"
    )
    memo = old.get_model("reports", "Memo").objects.create(
        title="Uppföljning",
        date=date(2022, 3, 30),
        committee_id=committee.pk,
        administration="IAF",
        recipients=[
            "Internationella Kvinnoföreningen",
            " Ekonomienheten ",
            "",
            "Internationella Kvinnoföreningen",
        ],
    )
    untouched = old.get_model("reports", "Memo").objects.create(
        title="Utan", date=date(2022, 3, 30), committee_id=committee.pk, administration="IAF", recipients=[]
    )

    executor = replaced_migrations.executor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from reports.models import MemoRecipient

    rows = list(
        MemoRecipient.objects.filter(memo_id=memo.pk).values_list("name", "order", "method", "sent_at")
    )
    assert rows == [("Internationella Kvinnoföreningen", 1, "", None), ("Ekonomienheten", 2, "", None)]
    assert not MemoRecipient.objects.filter(memo_id=untouched.pk).exists()
