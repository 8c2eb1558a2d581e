"""Yearly money of an agreement: indexation from the price-level year and proration by days.

Rules (DOMAIN.md, seed 003 "Ekonomiska konsekvenser"): amounts are stated in the prices of
the price-level year, and "för varje nytt kalenderår justeras kostnaderna för pris- och
löneförändring med 2 %". So the amount for a calendar year is the stated amount compounded
once per year after the price-level year. A calendar year the agreement covers only partly is
prorated by the days it covers. Everything is computed on the exact value and rounded once,
half up, to whole kronor (IKF: 450 000 kr in 2023, 459 000 kr in 2024).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.money import round_kronor

HUNDRED = Decimal("100")


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def covered_days(year: int, start: date, end: date) -> int:
    """Days of calendar `year` that lie within [start, end], both inclusive."""
    first = max(start, date(year, 1, 1))
    last = min(end, date(year, 12, 31))
    return max((last - first).days + 1, 0)


def index_factor(price_level_year: int, rate_percent: Decimal, year: int) -> Decimal:
    """(1 + rate) compounded once for every calendar year after the price-level year.

    Years before the price-level year are deflated by the same rule.
    """
    return (1 + Decimal(rate_percent) / HUNDRED) ** (year - price_level_year)


def indexed_amount(amount: Decimal, price_level_year: int, rate_percent: Decimal, year: int) -> Decimal:
    """The yearly amount in `year`'s prices, whole kronor. 450 000 (2023 prices, 2 %) → 459 000 in 2024."""
    return round_kronor(Decimal(amount) * index_factor(price_level_year, rate_percent, year))


@dataclass(frozen=True)
class YearAmounts:
    """One calendar year of an agreement's schedule, whole kronor."""

    year: int
    days: int
    value: Decimal
    committee_cost: Decimal

    @property
    def partner_contribution(self) -> Decimal:
        """Motpartens insats: what the partners bring, the value less the committee's cost."""
        return self.value - self.committee_cost

    @property
    def is_partial(self) -> bool:
        return self.days < days_in_year(self.year)


def amounts_for_year(
    *,
    value: Decimal,
    committee_cost: Decimal,
    price_level_year: int,
    rate_percent: Decimal,
    start: date,
    end: date,
    year: int,
) -> YearAmounts:
    """Value and committee cost for `year`: indexed, prorated by covered days, rounded once."""
    days = covered_days(year, start, end)
    share = Decimal(days) / Decimal(days_in_year(year))
    factor = index_factor(price_level_year, rate_percent, year) * share
    return YearAmounts(
        year=year,
        days=days,
        value=round_kronor(Decimal(value) * factor),
        committee_cost=round_kronor(Decimal(committee_cost) * factor),
    )


def yearly_schedule(
    *,
    value: Decimal,
    committee_cost: Decimal,
    price_level_year: int,
    rate_percent: Decimal,
    start: date,
    end: date,
) -> list[YearAmounts]:
    """One `YearAmounts` for every calendar year from `start` to `end`."""
    return [
        amounts_for_year(
            value=value,
            committee_cost=committee_cost,
            price_level_year=price_level_year,
            rate_percent=rate_percent,
            start=start,
            end=end,
            year=year,
        )
        for year in range(start.year, end.year + 1)
    ]
