"""The instalment arithmetic, as tables of the seeds' own figures (docs/domain.md, "Payment plans")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from partnerships.indexation import Period, period_schedule
from payments.plans import Frequency, plan, plan_year, split


@pytest.mark.parametrize(
    ("total", "count", "parts"),
    [
        (459_000, 4, [114_750] * 4),
        (295_000, 12, [24_583] * 11 + [24_587]),
        (450_000, 1, [450_000]),
        (100, 3, [33, 33, 34]),
        (1, 4, [0, 0, 0, 1]),
        (0, 2, [0, 0]),
    ],
)
def test_split_adds_up_exactly(total, count, parts):
    got = split(Decimal(total), count)
    assert got == [Decimal(p) for p in parts]
    assert sum(got) == total


def schedule(cost, *, start, end, price_level, rate):
    period = Period(
        starts_on=start, value=Decimal(cost) * 2, committee_cost=Decimal(cost), price_level_year=price_level,
        rate_percent=Decimal(rate),
    )  # fmt: skip
    return period_schedule([period], end=end)


def test_ikf_2024_in_four_instalments_is_459_000():
    """IKF 2023–2024: 450 000 kr in 2023 prices, +2 %: 2024 = 459 000 kr (docs/domain.md, IKF decision memo)."""
    years = schedule(450_000, start=date(2023, 1, 1), end=date(2024, 12, 31), price_level=2023, rate=2)
    instalments = plan(years, per_year=Frequency.QUARTERLY, start=date(2023, 1, 1), end=date(2024, 12, 31))
    in_2024 = [i for i in instalments if i.year == 2024]
    assert [i.amount for i in in_2024] == [Decimal(114_750)] * 4
    assert sum(i.amount for i in in_2024) == Decimal(459_000)
    assert [i.due_on for i in in_2024] == [
        date(2024, 1, 1),
        date(2024, 4, 1),
        date(2024, 7, 1),
        date(2024, 10, 1),
    ]
    assert sum(i.amount for i in instalments if i.year == 2023) == Decimal(450_000)


def test_kompletterande_sprakträning_in_twelve_months_is_exactly_295_000():
    years = schedule(295_000, start=date(2021, 1, 1), end=date(2023, 12, 31), price_level=2021, rate=0)
    instalments = plan(years, per_year=Frequency.MONTHLY, start=date(2021, 1, 1), end=date(2023, 12, 31))
    for year in (2021, 2022, 2023):
        amounts = [i.amount for i in instalments if i.year == year]
        assert amounts == [Decimal(24_583)] * 11 + [Decimal(24_587)]
        assert sum(amounts) == Decimal(295_000)
    assert len(instalments) == 36


def test_a_partial_year_has_instalments_only_for_the_part_covered():
    """From 1 August: the year's prorated cost in the quarters it reaches, the first due on the
    agreement's first day."""
    start, end = date(2025, 8, 1), date(2026, 12, 31)
    years = schedule(120_000, start=start, end=end, price_level=2025, rate=0)
    first = plan_year(years[0], per_year=Frequency.QUARTERLY, start=start, end=end)
    assert years[0].committee_cost == Decimal(50_301)  # 120 000 × 153/365 = 50 301,37
    assert [(i.number, i.due_on) for i in first] == [(3, date(2025, 8, 1)), (4, date(2025, 10, 1))]
    assert [i.amount for i in first] == [Decimal(25_150), Decimal(25_151)]
    assert sum(i.amount for i in first) == years[0].committee_cost


@pytest.mark.parametrize("frequency", list(Frequency))
def test_every_frequency_adds_up_to_every_years_cost(frequency):
    start, end = date(2023, 3, 15), date(2025, 9, 20)
    years = schedule(333_333, start=start, end=end, price_level=2023, rate=2)
    instalments = plan(years, per_year=frequency, start=start, end=end)
    for amounts in years:
        assert sum(i.amount for i in instalments if i.year == amounts.year) == amounts.committee_cost
    assert all(i.amount >= 0 for i in instalments)
    assert all(start <= i.due_on <= end for i in instalments)


def test_a_period_counts_when_the_agreement_covers_only_its_last_or_its_first_day():
    """Issue 25 (mutants lived: `<=` → `<` and `>=` → `>` at the period boundaries). An agreement
    of two days, 2024-03-31 and 2024-04-01, covers the last day of the first quarter and the first
    day of the second: one instalment in each, due on the day covered, 2 508 kr split 1 254 + 1 254
    (459 000 kr × 2 / 366 = 2 508.20, half up)."""
    from partnerships.indexation import YearAmounts
    from payments.plans import plan_year

    amounts = YearAmounts(year=2024, days=2, value=Decimal(5016), committee_cost=Decimal(2508))
    instalments = plan_year(amounts, per_year=4, start=date(2024, 3, 31), end=date(2024, 4, 1))
    assert [(i.number, i.due_on, i.amount) for i in instalments] == [
        (1, date(2024, 3, 31), Decimal(1254)),
        (2, date(2024, 4, 1), Decimal(1254)),
    ]
