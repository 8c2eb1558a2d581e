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
        ({"email": "inte-en-adress"}, "email", "Fyll i en giltig e-postadress."),
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
