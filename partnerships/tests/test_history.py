"""Who changed what and when, on the agreement and partner pages."""

from __future__ import annotations

from django.urls import reverse

from conftest import form_data


def test_agreement_page_shows_who_changed_which_amount(client, official, seed):
    agreement = seed["hoppfull"]
    url = reverse("partnerships:agreement_edit", args=[agreement.pk])
    client.force_login(official)
    data = form_data(client.get(url))
    data["committee_cost_per_year"] = "1150000"
    client.post(url, data)
    response = client.get(agreement.get_absolute_url())
    latest = next(c for c in response.context["history"] if not c.what)  # the agreement's own row
    assert (latest.who, latest.action) == ("alice", "ändrad")
    assert [(f.label, f.old, f.new) for f in latest.fields] == [
        ("nämndens kostnad per år", "1\u00a0100\u00a0000\u00a0kr", "1\u00a0150\u00a0000\u00a0kr")
    ]
    html = response.content.decode().replace("\u00a0", " ")
    assert "Historik" in html and "1 100 000 kr → 1 150 000 kr" in html


def test_partner_page_shows_its_history(client, official, seed):
    partner = seed["hoppfull"].parties.get().partner
    client.force_login(official)
    client.post(
        reverse("partnerships:partner_edit", args=[partner.pk]),
        {
            "name": partner.name,
            "kind": partner.kind,
            "city": "Linköping",
            "seen_version": partner.version,
        },
    )
    latest = client.get(partner.get_absolute_url()).context["history"][0]
    assert [(f.label, f.old, f.new) for f in latest.fields] == [("ort", "–", "Linköping")]


def test_a_contacts_changes_are_in_the_partner_pages_history(client, official, seed):
    """Issue 26: a contact is added on the partner's page; its history shows with the partner's,
    for those who see contacts."""
    partner = seed["hoppfull"].parties.get().partner
    client.force_login(official)
    client.post(
        reverse("partnerships:partner_edit", args=[partner.pk]),
        {
            "name": partner.name,
            "kind": partner.kind,
            "seen_version": partner.version,
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-role": "activity_lead",
            "contacts-0-name": "Eva Ek",
        },
    )
    latest = client.get(partner.get_absolute_url()).context["history"][0]
    assert (latest.what, latest.action, latest.who) == ("kontakt", "skapad", official.username)


def test_history_query_count_is_constant(client, official, seed, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    agreement = seed["hoppfull"]
    client.force_login(official)
    client.get(
        agreement.get_absolute_url()
    )  # the first read stamps its per-year usage (participants/usage.py)
    agreement.committee_cost_per_year = 999
    agreement.save()
    with CaptureQueriesContext(connection) as before:
        client.get(agreement.get_absolute_url())
    for cost in range(1000, 1010):
        agreement.committee_cost_per_year = cost
        agreement.save()
    with CaptureQueriesContext(connection) as after:
        response = client.get(agreement.get_absolute_url())
    assert len(response.context["history"]) >= 11
    assert len(after) == len(before)


def test_each_party_is_compared_with_its_own_previous_state(client, official, seed):
    """Two parties of one agreement: a change to the second is not a diff against the first."""
    agreement = seed["bro"]
    first, second = agreement.parties.all()
    other_partner = seed["vises"].parties.get().partner
    second.in_kind_contribution = 100_000
    second.save()
    first.partner = other_partner
    first.save()
    client.force_login(official)
    changes = client.get(agreement.get_absolute_url()).context["history"]
    party_changes = [
        [(f.label, f.old, f.new) for f in c.fields] for c in changes if c.what == "part" and c.fields
    ]
    assert party_changes == [
        [("samverkanspart", "Bilda", "Röda Korset")],
        [("egen insats per år", "–", "100\u00a0000\u00a0kr")],
    ]
