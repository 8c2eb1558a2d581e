"""Amounts over time: an amendment (tilläggsavtal) adds a period from its date; the years before
keep exactly their figures and the year it falls in is prorated by day (docs/domain.md, "Amendments")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships import indexation
from partnerships.indexation import Period
from partnerships.models import Agreement, Amendment
from partnerships.tests import single_rate
from partnerships.tests.test_overview import rows_of, text_of

OVERVIEW = reverse("partnerships:overview")

IKF_2023 = Period(date(2023, 1, 1), Decimal(900_000), Decimal(450_000), 2023, Decimal(2))
IKF_AMENDED = Period(date(2024, 7, 1), Decimal(950_000), Decimal(500_000), 2024, Decimal(2))
IKF_END = date(2024, 12, 31)

# 2024 is a leap year: 1 Jan – 30 Jun is 182 days, 1 Jul – 31 Dec 184 days, of 366.
# Old period in 2024 prices (2023 price level, +2 %): 900 000 × 1.02 = 918 000; 450 000 × 1.02 = 459 000.
# New period in its own price level (2024): 950 000 and 500 000.
# Value: (918 000 × 182 + 950 000 × 184) / 366 = (167 076 000 + 174 800 000) / 366 = 341 876 000 / 366
#        = 934 087.43… → 934 087 kr.
# Cost:  (459 000 × 182 + 500 000 × 184) / 366 = (83 538 000 + 92 000 000) / 366 = 175 538 000 / 366
#        = 479 612.02… → 479 612 kr.
IKF_2024_VALUE, IKF_2024_COST = Decimal(934_087), Decimal(479_612)


def test_the_year_of_the_amendment_is_prorated_by_day_across_both_periods():
    year = indexation.period_amounts_for_year([IKF_2023, IKF_AMENDED], end=IKF_END, year=2024)
    assert (year.days, year.value, year.committee_cost) == (366, IKF_2024_VALUE, IKF_2024_COST)


def test_a_year_before_the_amendment_keeps_its_figures():
    year = indexation.period_amounts_for_year([IKF_2023, IKF_AMENDED], end=IKF_END, year=2023)
    assert (year.days, year.value, year.committee_cost) == (365, Decimal(900_000), Decimal(450_000))


@pytest.mark.parametrize(
    ("value", "cost", "price_level", "rate", "start", "end"),
    [
        (900_000, 450_000, 2023, 2, date(2023, 1, 1), date(2024, 12, 31)),  # IKF: 459 000 in 2024
        (2_080_500, 1_100_000, 2021, 0, date(2021, 1, 1), date(2023, 12, 31)),  # Hoppfull framtid
        (1_001, 501, 2020, Decimal("2.5"), date(2020, 3, 15), date(2023, 6, 30)),  # partial years
    ],
)
def test_one_period_gives_exactly_the_figures_of_the_single_rate_rules(
    value, cost, price_level, rate, start, end
):
    """The migration changes no figure: an agreement without amendments is one period."""
    period = Period(start, Decimal(value), Decimal(cost), price_level, Decimal(rate))
    old = single_rate.yearly_schedule(
        value=Decimal(value),
        committee_cost=Decimal(cost),
        price_level_year=price_level,
        rate_percent=Decimal(rate),
        start=start,
        end=end,
    )
    assert indexation.period_schedule([period], end=end) == old
    for year in range(start.year, end.year + 2):
        whole = single_rate.amounts_for_year(
            value=Decimal(value),
            committee_cost=Decimal(cost),
            price_level_year=price_level,
            rate_percent=Decimal(rate),
            start=date(year, 1, 1),
            end=date(year, 12, 31),
            year=year,
        )
        assert indexation.period_rate_for_year([period], end=end, year=year) == whole


def amend(client, agreement, **changes):
    data = {
        "starts_on": "2024-07-01",
        "value_per_year": "950 000",
        "committee_cost_per_year": "500 000 kr",
        "price_level_year": "2024",
        "indexation_percent": "2",
        "decision_date": "2024-06-12",
        "case_number": "AN 2024/123",
        **changes,
    }
    return client.post(reverse("partnerships:amendment_create", args=[agreement.pk]), data)


def test_amending_ikf_from_july_2024_keeps_2023_and_the_2022_overview(client, official, seed):
    client.force_login(official)
    ikf = seed["ikf2023"]
    overview_2022 = rows_of(client.get(OVERVIEW, {"year": 2022}))
    before_2023 = rows_of(client.get(OVERVIEW, {"year": 2023}))
    response = amend(client, ikf)
    assert response.status_code == 302

    assert rows_of(client.get(OVERVIEW, {"year": 2022})) == overview_2022
    schedule = Agreement.objects.get(pk=ikf.pk).schedule()
    assert [(y.year, y.days, y.value, y.committee_cost) for y in schedule] == [
        (2023, 365, Decimal(900_000), Decimal(450_000)),
        (2024, 366, IKF_2024_VALUE, IKF_2024_COST),
    ]
    rows = rows_of(client.get(OVERVIEW, {"year": 2024}))
    assert [(r[0], r[4], r[5]) for r in rows] == [("Inkludering på lika villkor", "934 087 kr", "479 612 kr")]
    overview_2023 = rows_of(client.get(OVERVIEW, {"year": 2023}))
    assert overview_2023 == before_2023
    assert [(r[4], r[5]) for r in overview_2023 if r[0] == "Inkludering på lika villkor"] == [
        ("900 000 kr", "450 000 kr")
    ]

    page = client.get(ikf.get_absolute_url())
    text = text_of(page)
    assert "2024-07-01" in text and "AN 2024/123" in text and "500 000 kr" in text
    assert "tilläggsavtal" in [change.what for change in page.context["history"]]


def test_the_follow_up_memo_table_reads_the_amended_amounts(seed):
    from partnerships.models import Committee
    from reports.context import memo_context
    from reports.drafting import draft_followup_memo, save_draft

    ikf = seed["ikf2023"]
    Amendment.objects.create(
        agreement=ikf,
        starts_on=date(2024, 7, 1),
        value_per_year=950_000,
        committee_cost_per_year=500_000,
        price_level_year=2024,
        decision_date=date(2024, 6, 12),
        case_number="AN 2024/123",
    )
    memo = save_draft(
        draft_followup_memo(
            committee=Committee.objects.get(abbreviation="AN"),
            report_year=2023,
            overview_year=2024,
            date=date(2024, 9, 1),
        ),
        by=None,
    )
    table = next(section.overview for section in memo_context(memo)["sections"] if section.overview)
    assert [(row.name, row.value, row.committee_cost) for row in table.rows] == [
        ("Inkludering på lika villkor", IKF_2024_VALUE, IKF_2024_COST)
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"starts_on": "2023-01-01"}, "starts_on", "efter överenskommelsens första dag"),
        ({"starts_on": "2025-01-01"}, "starts_on", "efter överenskommelsens första dag"),
        ({"committee_cost_per_year": "960 000"}, "committee_cost_per_year", "kan inte vara högre"),
        ({"case_number": ""}, "case_number", "måste fyllas i"),
    ],
)
def test_an_amendment_outside_the_agreement_or_over_its_value_is_refused(
    client, official, seed, changes, field, message
):
    client.force_login(official)
    response = amend(client, seed["ikf2023"], **changes)
    assert response.status_code == 400
    assert message in " ".join(response.context["amendment_form"].errors[field])
    assert 'value="2024-06-12"' in response.content.decode()  # what was typed comes back
    assert not Amendment.objects.exists()


def test_a_second_amendment_from_the_same_date_is_refused(client, official, seed):
    client.force_login(official)
    assert amend(client, seed["ikf2023"]).status_code == 302
    response = amend(client, seed["ikf2023"], committee_cost_per_year="480 000")
    assert response.status_code == 400
    assert Amendment.objects.count() == 1


def test_the_agreement_form_keeps_its_amendments_inside_the_validity(seed):
    from django.forms.models import model_to_dict

    from partnerships.forms import AgreementForm

    ikf = seed["ikf2023"]
    Amendment.objects.create(
        agreement=ikf,
        starts_on=date(2024, 7, 1),
        value_per_year=950_000,
        committee_cost_per_year=500_000,
        price_level_year=2024,
        decision_date=date(2024, 6, 12),
        case_number="AN 2024/123",
    )
    data = {k: v for k, v in model_to_dict(ikf, fields=AgreementForm.Meta.fields).items() if v is not None}
    assert AgreementForm({**data, "seen_version": ikf.version}, instance=ikf).is_valid()
    form = AgreementForm({**data, "valid_to": date(2024, 6, 30)}, instance=ikf)
    assert not form.is_valid()
    assert "1 tilläggsavtal skulle hamna utanför den nya giltighetstiden." in form.errors["valid_to"]


@pytest.mark.parametrize(
    "fields",
    [
        {"committee_cost_per_year": 950_001},  # cost above value
        {"value_per_year": -1, "committee_cost_per_year": -1},
        {"indexation_percent": Decimal(21)},
        {"decision_date": date(1999, 12, 31)},  # the register's dates lie in 2000–2100
    ],
)
def test_the_database_refuses_what_the_form_would(seed, fields):
    values = {
        "agreement": seed["ikf2023"],
        "starts_on": date(2024, 7, 1),
        "value_per_year": 950_000,
        "committee_cost_per_year": 500_000,
        "price_level_year": 2024,
        "decision_date": date(2024, 6, 12),
        "case_number": "AN 2024/123",
        **fields,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Amendment.objects.create(**values)


def test_the_database_refuses_two_amendments_from_one_date(seed):
    values = {
        "agreement": seed["ikf2023"],
        "starts_on": date(2024, 7, 1),
        "value_per_year": 950_000,
        "committee_cost_per_year": 500_000,
        "price_level_year": 2024,
        "decision_date": date(2024, 6, 12),
        "case_number": "AN 2024/123",
    }
    Amendment.objects.create(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Amendment.objects.create(**values)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's")
def test_postgresql_keeps_amendments_inside_the_validity(seed):
    ikf = seed["ikf2023"]
    values = {
        "agreement": ikf,
        "value_per_year": 950_000,
        "committee_cost_per_year": 500_000,
        "price_level_year": 2024,
        "decision_date": date(2024, 6, 12),
        "case_number": "AN 2024/123",
    }
    for outside in (date(2023, 1, 1), date(2025, 1, 1)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Amendment.objects.create(starts_on=outside, **values)
    Amendment.objects.create(starts_on=date(2024, 7, 1), **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=ikf.pk).update(valid_to=date(2024, 6, 30))


def test_a_renewal_carries_the_amended_amounts_into_its_prices(client, official, seed):
    client.force_login(official)
    ikf = seed["ikf2023"]
    Agreement.objects.filter(pk=ikf.pk).update(stage=Agreement.Stage.DECIDED)
    assert amend(client, ikf, indexation_percent="3").status_code == 302
    client.post(reverse("partnerships:agreement_renew", args=[ikf.pk]))
    successor = ikf.successors.get()
    # The last period (950 000 / 500 000 kr in 2024 prices, +3 %) in 2025 prices: × 1.03.
    assert (successor.value_per_year, successor.committee_cost_per_year) == (
        Decimal(978_500),
        Decimal(515_000),
    )
    assert (successor.price_level_year, successor.indexation_percent) == (2025, Decimal(3))


def test_overview_queries_do_not_grow_with_amendments(client, official, seed):
    client.force_login(official)

    def count() -> int:
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(OVERVIEW, {"year": 2024}).status_code == 200
        return len(queries)

    before = count()
    for month in range(2, 12):
        Amendment.objects.create(
            agreement=seed["ikf2023"],
            starts_on=date(2024, month, 1),
            value_per_year=900_000 + month,
            committee_cost_per_year=450_000,
            price_level_year=2024,
            decision_date=date(2024, 1, 10),
            case_number=f"AN 2024/{month}",
        )
    assert count() == before
