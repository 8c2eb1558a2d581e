"""Parties and money agree (issue 8, item 13): one lead party, contributions that add up to the
partners' contribution (value less the committee's cost), re-based on renewal, and a renewal
that asks first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from conftest import form_data
from partnerships import services
from partnerships.contributions import contribution_error, rebase_contributions
from partnerships.models import Agreement, AgreementParty, Partner
from partnerships.tests.test_agreement_forms import CREATE, agreement_data

D = Decimal


@pytest.mark.parametrize(
    ("value", "cost", "contributions", "refused"),
    [
        (
            900_000,
            450_000,
            [450_000],
            False,
        ),  # IKF 2023 (docs/domain.md, IKF decision memo): 450 000 kr in kind
        (900_000, 450_000, [None], False),  # not stated
        (900_000, 450_000, [], False),
        (1_200_000, 600_000, [5_200_000], True),  # the 5 200 000 kr beside 600 000 kr
        (1_200_000, 600_000, [400_000, None], False),  # one stated, within
        (1_200_000, 600_000, [400_000, 300_000, None], True),  # stated ones already exceed
        (1_200_000, 600_000, [400_000, 200_000], False),  # all stated, exactly
        (1_200_000, 600_000, [400_000, 199_999], True),  # all stated, 1 kr short
        (1_000_000, 1_000_000, [0], False),  # the committee pays everything
    ],
)
def test_contributions_add_up_to_at_most_and_when_complete_exactly_value_less_cost(
    value, cost, contributions, refused
):
    error = contribution_error(
        value=D(value),
        committee_cost=D(cost),
        contributions=[None if c is None else D(c) for c in contributions],
    )
    assert (error is not None) is refused


@pytest.mark.parametrize(
    ("contributions", "expected", "rebased"),
    [
        ([D(450_000)], D(468_180), [D(468_180)]),  # IKF: 450 000 (2023) + 2 % twice
        ([D(450_000), None], D(500_000), [D(468_180), None]),
        ([D(1), D(1), D(1)], D(3), [D(1), D(1), D(1)]),  # each 1.0404 rounds down; the sum still agrees
        ([D(100_001), D(100_001)], D(208_084), [D(104_041), D(104_043)]),  # last takes up the rounding
        ([None], D(10), [None]),
    ],
)
def test_renewal_rebases_each_contribution_to_the_new_price_level(contributions, expected, rebased):
    assert (
        rebase_contributions(
            contributions, price_level_year=2023, rate_percent=D(2), year=2025, expected=expected
        )
        == rebased
    )


@pytest.fixture
def committee(seed):
    from partnerships.models import Committee

    return Committee.objects.get(abbreviation="AN")


@pytest.fixture
def partner(seed):
    return Partner.objects.get(name="Röda Korset")


def test_two_lead_parties_are_refused_in_swedish(client, official, committee, partner):
    client.force_login(official)
    other = Partner.objects.get(name="Bilda")
    data = agreement_data(
        committee,
        partner,
        **{"parties-0-in_kind_contribution": "", "parties-1-partner": other.pk, "parties-1-role": "lead"},
    )
    response = client.post(CREATE, data)
    assert "En överenskommelse har exakt en huvudpart." in response.context["parties"].non_form_errors()
    assert not Agreement.objects.filter(name="Nytt partnerskap").exists()


def test_no_lead_party_is_refused(client, official, committee, partner):
    client.force_login(official)
    response = client.post(CREATE, agreement_data(committee, partner, **{"parties-0-role": "co"}))
    assert "En överenskommelse har exakt en huvudpart." in response.context["parties"].non_form_errors()


def test_the_database_refuses_a_second_lead_party(seed):
    agreement = seed["hoppfull"]
    assert agreement.parties.filter(role="lead").count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.parties.create(partner=Partner.objects.get(name="Bilda"), role=AgreementParty.Role.LEAD)


def test_contributions_beyond_the_partners_share_are_refused_in_swedish(client, official, committee, partner):
    client.force_login(official)
    data = agreement_data(
        committee,
        partner,
        value_per_year="1 200 000",
        committee_cost_per_year="600 000",
        **{"parties-0-in_kind_contribution": "5 200 000"},
    )
    response = client.post(CREATE, data)
    errors = " ".join(response.context["parties"].non_form_errors()).replace("\u00a0", " ")
    assert "5 200 000 kr" in errors and "600 000 kr" in errors
    assert not Agreement.objects.filter(name="Nytt partnerskap").exists()


def test_the_lead_can_move_to_another_party_on_edit(client, official, seed):
    agreement = seed["bro"]  # Bilda leads, Erikshjälpen is co-partner
    url = reverse("partnerships:agreement_edit", args=[agreement.pk])
    client.force_login(official)
    data = form_data(client.get(url))
    data.update({"parties-0-role": "co", "parties-1-role": "lead"})
    response = client.post(url, data)
    assert response.status_code == 302, (response.context["form"].errors, response.context["parties"].errors)
    roles = list(agreement.parties.order_by("order").values_list("role", flat=True))
    assert roles == ["co", "lead"]


def test_renewal_rebases_the_parties_contributions(official, seed):
    successor = services.renew(agreement=seed["ikf2023"])
    assert successor.value_per_year - successor.committee_cost_per_year == D(468_180)
    assert [p.in_kind_contribution for p in successor.parties.all()] == [D(468_180)]  # was 450 000 (2023)


def test_renew_asks_first_and_cancelling_leaves_nothing(client, official, seed):
    ikf = seed["ikf2023"]
    url = reverse("partnerships:agreement_renew", args=[ikf.pk])
    client.force_login(official)
    detail = client.get(ikf.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail  # "Förnya" is a link to the question, not a button that acts
    before = Agreement.objects.count()
    page = client.get(url)
    html = page.content.decode().replace("\u00a0", " ")
    assert page.status_code == 200 and "2025-01-01 – 2026-12-31" in html and "468 180 kr" in html
    assert f'href="{ikf.get_absolute_url()}"' in html  # Avbryt
    assert Agreement.objects.count() == before  # asking saved nothing
    response = client.post(url)
    successor = Agreement.objects.get(predecessor=ikf)
    assert response.url == reverse("partnerships:agreement_edit", args=[successor.pk])
    assert (successor.valid_from, successor.stage) == (date(2025, 1, 1), Agreement.Stage.DRAFT)
