"""The single-rate rule, as it was before amendments made money a series of periods: one amount
indexed from its price level, prorated by the days of each year covered, rounded once. Kept as the
tests' reference (issue 25 item 13: no code but tests called it); `indexation.period_schedule` with
one period must give exactly these figures (docs/domain.md, "Indexation")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.money import round_kronor
from partnerships.indexation import YearAmounts, covered_days, days_in_year, index_factor


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
