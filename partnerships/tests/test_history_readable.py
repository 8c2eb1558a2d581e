"""The history says what changed in words a reader uses (issue 14): "Uppfyllt: ja → nej",
"Kapacitet: 3 → 4", amounts in kronor, and no "ändrad" row for a save that changed nothing."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from conftest import form_data


def changes_shown(client, agreement) -> list[tuple[str, str, str]]:
    history = client.get(agreement.get_absolute_url()).context["history"]
    return [(f.label, f.old, f.new) for change in history for f in change.fields]


def test_booleans_and_capacities_read_as_words_and_numbers(client, official, seed):
    agreement = seed["hoppfull"]
    agreement.capacity_amount = Decimal("3")
    # a decided agreement may have a criterion not met only with a recorded deviation (issue 23)
    agreement.deviation = "Nämnden har beslutat trots det."
    agreement.save()
    criterion = agreement.criteria.create(criterion=1, fulfilled=True, justification="Eget initiativ.")
    client.force_login(official)

    agreement.capacity_amount = Decimal("4")
    agreement.save()
    criterion.fulfilled = False
    criterion.save()

    shown = changes_shown(client, agreement)
    assert ("kapacitet", "3", "4") in shown
    assert ("uppfyllt", "ja", "nej") in shown
    html = client.get(agreement.get_absolute_url()).content.decode()
    assert "<strong>Uppfyllt</strong>: ja → nej" in html
    assert "<strong>Kapacitet</strong>: 3 → 4" in html


def test_a_save_without_changes_adds_no_empty_row(client, official, seed):
    agreement = seed["hoppfull"]
    client.force_login(official)
    url = reverse("partnerships:agreement_edit", args=[agreement.pk])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    agreement.save()  # a save that changes nothing the history shows (updated_at, version)
    assert agreement.history.filter(history_type="~").exists()
    history = client.get(agreement.get_absolute_url()).context["history"]
    assert [change for change in history if change.action == "ändrad" and not change.fields] == []
