from __future__ import annotations

import pytest
from django.urls import reverse

from partnerships.models import Partner

CREATE = reverse("partnerships:partner_create")


def test_official_registers_a_partner_with_a_normalised_organisation_number(client, official):
    client.force_login(official)
    response = client.post(
        CREATE, {"name": "Stiftelsen Test", "organisation_number": "8020024280", "kind": "foundation"}
    )
    partner = Partner.objects.get(name="Stiftelsen Test")
    assert response.url == partner.get_absolute_url()
    assert partner.organisation_number == "802002-4280"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"organisation_number": "802002-4281"},
            "organisation_number",
            "802002-4281 är inte ett giltigt organisationsnummer (tio siffror, t.ex. 802002-4280).",
        ),
        (
            {"organisation_number": "12345"},
            "organisation_number",
            "12345 är inte ett giltigt organisationsnummer (tio siffror, t.ex. 802002-4280).",
        ),
        (
            {"bankgiro": "5050-1056"},
            "bankgiro",
            "Ange ett bankgironummer på 7 eller 8 siffror med rätt kontrollsiffra, t.ex. 5050-1055.",
        ),
        (
            {"bankgiro": "5050-1055", "plusgiro": "12 34 56-6"},
            "__all__",
            "Ange ett sätt att betala: bankgiro, plusgiro eller IBAN.",
        ),
        ({"name": ""}, "name", "Detta fält måste fyllas i."),
    ],
)
def test_bad_partner_input_saves_nothing(client, official, data, field, message):
    client.force_login(official)
    response = client.post(CREATE, {"name": "Föreningen X", "kind": "association", **data})
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert Partner.objects.count() == 0


def test_partner_names_are_unique(client, official, seed):
    client.force_login(official)
    response = client.post(CREATE, {"name": "Röda Korset", "kind": "association"})
    assert response.status_code == 200 and response.context["form"].errors["name"]
    assert Partner.objects.filter(name="Röda Korset").count() == 1


def test_partner_list_query_count_is_constant(client, official, seed, django_assert_max_num_queries):
    client.force_login(official)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(reverse("partnerships:partner_list"))
    Partner.objects.bulk_create([Partner(name=f"Förening {n}") for n in range(15)])
    with CaptureQueriesContext(connection) as second:
        response = client.get(reverse("partnerships:partner_list"))
    assert len(response.context["partners"]) == 21
    assert len(second) == len(first)


CONTACTS = {"contacts-TOTAL_FORMS": "2", "contacts-INITIAL_FORMS": "0"}


def test_official_registers_a_partner_with_contacts_and_a_bankgiro(client, official):
    """Issue 26: contacts in roles, an address and a bankgiro typed as printed, stored as digits."""
    client.force_login(official)
    response = client.post(
        CREATE,
        {
            "name": "Föreningen Y",
            "kind": "association",
            "street_address": "Storgatan 1",
            "postal_code": "582 22",
            "city": "Linköping",
            "bankgiro": "5050-1055",
            **CONTACTS,
            "contacts-0-role": "chair",
            "contacts-0-name": "Eva Ek",
            "contacts-0-email": "eva@example.org",
            "contacts-1-role": "signatory",
            "contacts-1-name": "Per Pil",
            "contacts-1-is_portal_user": "on",
        },
    )
    partner = Partner.objects.get(name="Föreningen Y")
    assert response.url == partner.get_absolute_url()
    assert partner.bankgiro == "50501055"
    assert partner.payment_account == "Bankgiro 5050-1055"
    assert partner.address == "Storgatan 1, 582 22 Linköping"
    assert [(c.role, c.name, c.order, c.is_portal_user) for c in partner.contacts.all()] == [
        ("chair", "Eva Ek", 0, False),
        ("signatory", "Per Pil", 1, True),
    ]
    # what read the single contact reads the first contact
    assert (partner.contact_person, partner.email) == ("Eva Ek", "eva@example.org")


def test_a_contact_with_a_bad_email_saves_nothing(client, official):
    client.force_login(official)
    response = client.post(
        CREATE,
        {
            "name": "Föreningen Z",
            "kind": "association",
            **CONTACTS,
            "contacts-0-role": "chair",
            "contacts-0-name": "Eva Ek",
            "contacts-0-email": "inte-en-adress",
        },
    )
    assert response.status_code == 200
    assert "Fyll i en giltig e-postadress." in response.context["contacts"].forms[0].errors["email"]
    assert not Partner.objects.filter(name="Föreningen Z").exists()
