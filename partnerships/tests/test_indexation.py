"""The yearly money, with the exact figures of docs/domain.md and the seeds."""

from datetime import date
from decimal import Decimal

import pytest

from core.money import round_kronor
from partnerships.indexation import covered_days, indexed_amount
from partnerships.tests.single_rate import amounts_for_year, yearly_schedule

D = Decimal


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (D("0.5"), D("1")),
        (D("1.5"), D("2")),
        (D("2.4999"), D("2")),
        (D("2080500.5"), D("2080501")),
        (D("-0.4"), D("-0")),
    ],
)
def test_round_kronor_is_half_up(amount, expected):
    assert round_kronor(amount) == expected


@pytest.mark.parametrize(
    ("amount", "year", "expected"),
    [
        (450_000, 2023, D("450000")),  # the IKF decision memo (docs/domain.md): 2023 price level
        (450_000, 2024, D("459000")),  # docs/domain.md: "2024: 459 000 kr committee cost"
        (900_000, 2024, D("918000")),  # docs/domain.md: "918 000 kr value"
        (450_000, 2025, D("468180")),  # 450 000 × 1.02²
        (897_626, 2024, D("915579")),  # 915 578.52 rounds up
    ],
)
def test_indexation_compounds_two_percent_a_year(amount, year, expected):
    assert indexed_amount(D(amount), 2023, D("2"), year) == expected


def test_indexation_rounds_once_on_the_exact_value():
    # 100.25 × 1.02 = 102.255 and × 1.02 again = 104.3001: rounding yearly would give 104.04 → 104
    assert indexed_amount(D("100.25"), 2023, D("2"), 2025) == D("104")
    assert indexed_amount(D("333"), 2023, D("2"), 2026) == D("353")  # 353.3777…


def test_flat_amounts_without_a_rate():
    assert indexed_amount(D("2080500"), 2021, D("0"), 2023) == D("2080500")


def test_ikf_2023_2024_schedule():
    schedule = yearly_schedule(
        value=D("900000"),
        committee_cost=D("450000"),
        price_level_year=2023,
        rate_percent=D("2"),
        start=date(2023, 1, 1),
        end=date(2024, 12, 31),
    )
    assert [(y.year, y.days, y.value, y.committee_cost, y.partner_contribution) for y in schedule] == [
        (2023, 365, D("900000"), D("450000"), D("450000")),
        (2024, 366, D("918000"), D("459000"), D("459000")),
    ]


def test_hoppfull_framtid_is_flat_for_three_years():
    schedule = yearly_schedule(
        value=D("2080500"),
        committee_cost=D("1100000"),
        price_level_year=2021,
        rate_percent=D("0"),
        start=date(2021, 1, 1),
        end=date(2023, 12, 31),
    )
    assert [(y.value, y.committee_cost, y.partner_contribution) for y in schedule] == [
        (D("2080500"), D("1100000"), D("980500"))
    ] * 3


def test_partial_years_are_prorated_by_days():
    # 1 Jul – 31 Dec 2023 is 184 of 365 days: 450 000 × 184/365 = 226 849.32 → 226 849
    year = amounts_for_year(
        value=D("900000"),
        committee_cost=D("450000"),
        price_level_year=2023,
        rate_percent=D("2"),
        start=date(2023, 7, 1),
        end=date(2024, 6, 30),
        year=2023,
    )
    assert (year.days, year.is_partial, year.committee_cost, year.value) == (
        184,
        True,
        D("226849"),
        D("453699"),
    )
    # 1 Jan – 30 Jun 2024 is 182 of 366 days, in 2024 prices: 459 000 × 182/366 = 228 245.90 → 228 246
    second = amounts_for_year(
        value=D("900000"),
        committee_cost=D("450000"),
        price_level_year=2023,
        rate_percent=D("2"),
        start=date(2023, 7, 1),
        end=date(2024, 6, 30),
        year=2024,
    )
    assert (second.days, second.committee_cost, second.value) == (182, D("228246"), D("456492"))


@pytest.mark.parametrize(
    ("year", "start", "end", "expected"),
    [
        (2023, date(2023, 7, 1), date(2023, 12, 31), 184),
        (2024, date(2023, 1, 1), date(2026, 1, 1), 366),
        (2022, date(2023, 1, 1), date(2024, 1, 1), 0),
        (2023, date(2023, 3, 3), date(2023, 3, 3), 1),
    ],
)
def test_covered_days(year, start, end, expected):
    assert covered_days(year, start, end) == expected


@pytest.mark.parametrize(
    ("year", "days", "partial"),
    [(2024, 366, False), (2024, 365, True), (2023, 365, False), (2023, 364, True), (2023, 1, True)],
)
def test_a_year_is_partial_only_when_the_agreement_misses_a_day_of_it(year, days, partial):
    """Issue 25 (a mutant lived: `<` → `<=` made every whole year partial)."""
    from partnerships.indexation import YearAmounts

    amounts = YearAmounts(year=year, days=days, value=Decimal(900_000), committee_cost=Decimal(450_000))
    assert amounts.is_partial is partial
