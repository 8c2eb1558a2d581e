"""Property-based tests: no input breaks the money rules or gives a server error or half a save."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.money import round_kronor
from partnerships.models import Agreement, AgreementParty, Partner
from partnerships.tests.single_rate import amounts_for_year, yearly_schedule

kronor = st.integers(min_value=0, max_value=10**11).map(Decimal)
rates = st.decimals(min_value=0, max_value=20, places=2)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(
    value=kronor,
    cost=kronor,
    rate=rates,
    start=days,
    length=st.integers(0, 3000),
    level=st.integers(2000, 2090),
)
def test_schedule_is_whole_kronor_covers_every_year_and_keeps_cost_within_value(
    value, cost, rate, start, length, level
):
    value, cost = max(value, cost), min(value, cost)
    end = start + timedelta(days=length)
    schedule = yearly_schedule(
        value=value, committee_cost=cost, price_level_year=level, rate_percent=rate, start=start, end=end
    )
    assert [y.year for y in schedule] == list(range(start.year, end.year + 1))
    assert sum(y.days for y in schedule) == length + 1
    for year in schedule:
        assert year.value == round_kronor(year.value) and year.committee_cost == round_kronor(
            year.committee_cost
        )
        assert 0 <= year.committee_cost <= year.value
        assert year.partner_contribution == year.value - year.committee_cost >= 0


@given(amount=kronor, rate=rates, year=st.integers(2001, 2090))
def test_a_later_year_never_costs_less(amount, rate, year):
    def cost(y):
        return amounts_for_year(
            value=amount,
            committee_cost=amount,
            price_level_year=2000,
            rate_percent=rate,
            start=date(y, 1, 1),
            end=date(y, 12, 31),
            year=y,
        ).committee_cost

    assert cost(year) >= cost(year - 1)


text = st.text(max_size=300)
field_values = st.one_of(
    text,
    st.integers(-(10**15), 10**15).map(str),
    st.sampled_from(["", " ", "1 000", "2023-02-30", "-1", "1e9", "NaN"]),
)


AGREEMENT_FIELDS = [
    "name",
    "committee",
    "stage",
    "purpose",
    "level_from",
    "level_to",
    "capacity_amount",
    "capacity_unit",
    "value_per_year",
    "committee_cost_per_year",
    "price_level_year",
    "indexation_percent",
    "valid_from",
    "valid_to",
    "decision_date",
    "predecessor",
    "parties-0-partner",
    "parties-0-in_kind_contribution",
    "criteria-fulfilled_1",
    "seen_version",
]


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(AGREEMENT_FIELDS), value=field_values)
def test_any_agreement_form_input_is_saved_whole_or_not_at_all(client, official, field, value):
    """Valid data with one field replaced by anything: saved with its party and all eight
    criteria, or refused with nothing saved — never a server error or half an agreement."""
    from partnerships.models import AgreementCriterion, Committee

    committee, _ = Committee.objects.get_or_create(
        abbreviation="AN", defaults={"name": "AN", "administration": "F"}
    )
    partner, _ = Partner.objects.get_or_create(name="Föreningen")
    client.force_login(official)
    data = {
        "name": "Egenskapstest",
        "committee": committee.pk,
        "stage": "decided",
        "purpose": "x",
        "level_from": "1",
        "level_to": "2",
        "capacity_amount": "10",
        "capacity_unit": "places",
        "value_per_year": "1000",
        "committee_cost_per_year": "500",
        "price_level_year": "2025",
        "indexation_percent": "2",
        "valid_from": "2025-01-01",
        "valid_to": "2025-12-31",
        "parties-TOTAL_FORMS": "1",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "1",
        "parties-MAX_NUM_FORMS": "1000",
        "parties-0-partner": partner.pk,
        "parties-0-role": "lead",
        field: value,
    }
    before = (Agreement.objects.count(), AgreementParty.objects.count(), AgreementCriterion.objects.count())
    response = client.post(reverse("partnerships:agreement_create"), data)
    after = (Agreement.objects.count(), AgreementParty.objects.count(), AgreementCriterion.objects.count())
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert after == (before[0] + 1, before[1] + 1, before[2] + 8)
    else:
        assert after == before


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=text, number=field_values, email=text, kind=field_values)
def test_any_partner_form_input_is_saved_whole_or_not_at_all(client, official, name, number, email, kind):
    client.force_login(official)
    before = Partner.objects.count()
    response = client.post(
        reverse("partnerships:partner_create"),
        {"name": name, "organisation_number": number, "email": email, "kind": kind},
    )
    assert response.status_code in (200, 302)
    assert Partner.objects.count() == before + (response.status_code == 302)
