"""Yearly money of an agreement: indexation from the price-level year and proration by days.

Rules (docs/domain.md, the IKF decision memo (docs/domain.md) "Ekonomiska konsekvenser"): amounts are stated in the prices of
the price-level year, and "för varje nytt kalenderår justeras kostnaderna för pris- och
löneförändring med 2 %". So the amount for a calendar year is the stated amount compounded
once per year after the price-level year. A calendar year the agreement covers only partly is
prorated by the days it covers. Everything is computed on the exact value and rounded once,
half up, to whole kronor (IKF: 450 000 kr in 2023, 459 000 kr in 2024).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
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


# --- Amounts over time (docs/domain.md, "Amendments") ---------------------------------------------
#
# An agreement's money is a series of periods: its own amounts from its first day, then each
# amendment (tilläggsavtal) from its date. "Amendments take effect from a date: the years before
# it keep exactly their figures; the year it falls in is prorated by day across the old and the
# new amounts." Each period is indexed by its own price level and rate (the rule above), and a
# year is summed over its periods on the exact values and rounded once, half up.


@dataclass(frozen=True)
class Period:
    """From `starts_on` (until the next period starts), the yearly amounts in `price_level_year`'s
    prices, indexed by `rate_percent` for every calendar year after it."""

    starts_on: date
    value: Decimal
    committee_cost: Decimal
    price_level_year: int
    rate_percent: Decimal


def days_per_period(periods: list[Period], *, end: date, year: int) -> list[tuple[Period, int]]:
    """The days of calendar `year` each period covers: a period runs from its start to the day
    before the next one starts, the last one to `end` (the agreement's last day)."""
    ordered = sorted(periods, key=lambda period: period.starts_on)
    spans = []
    for index, period in enumerate(ordered):
        last = ordered[index + 1].starts_on - timedelta(days=1) if index + 1 < len(ordered) else end
        spans.append((period, covered_days(year, period.starts_on, last)))
    return spans


def _weighted(spans: list[tuple[Period, int]], year: int, whole: int) -> tuple[Decimal, Decimal]:
    """Σ amount × index factor × days / `whole`, on the exact values (not rounded)."""
    value = committee_cost = Decimal(0)
    for period, days in spans:
        if not days:
            continue
        factor = index_factor(period.price_level_year, period.rate_percent, year) * (
            Decimal(days) / Decimal(whole)
        )
        value += Decimal(period.value) * factor
        committee_cost += Decimal(period.committee_cost) * factor
    return value, committee_cost


def period_amounts_for_year(periods: list[Period], *, end: date, year: int) -> YearAmounts:
    """What the agreement is worth in `year`: each period's indexed amount prorated by the days of
    the year it covers, summed, rounded once. One period gives the single-rate rule's figures
    (partnerships/tests/single_rate.py, the tests' reference).

    IKF 2023–2024 (900 000 / 450 000 kr, 2023 prices, 2 %) amended from 2024-07-01 to 950 000 /
    500 000 kr in 2024 prices: 2024 = 918 000 × 182/366 + 950 000 × 184/366 = 934 087 kr value."""
    spans = days_per_period(periods, end=end, year=year)
    value, committee_cost = _weighted(spans, year, days_in_year(year))
    return YearAmounts(
        year=year,
        days=sum(days for _period, days in spans),
        value=round_kronor(value),
        committee_cost=round_kronor(committee_cost),
    )


def period_rate_for_year(periods: list[Period], *, end: date, year: int) -> YearAmounts:
    """The yearly rate in `year`'s prices, as the overview prints it ("Beräknat värde/år"): the
    periods' indexed amounts weighted by the days of `year` each covers, as if for a whole year.
    One period gives its indexed amount (`indexed_amount`); a year the agreement does not reach
    takes the rate of the period nearest to it (a renewal's first year: the last period's)."""
    spans = days_per_period(periods, end=end, year=year)
    covered = sum(days for _period, days in spans)
    if not covered:
        ordered = sorted(periods, key=lambda period: period.starts_on)
        nearest = ordered[-1] if year > ordered[0].starts_on.year else ordered[0]
        spans, covered = [(nearest, 1)], 1
    value, committee_cost = _weighted(spans, year, covered)
    return YearAmounts(
        year=year,
        days=days_in_year(year),
        value=round_kronor(value),
        committee_cost=round_kronor(committee_cost),
    )


def period_schedule(periods: list[Period], *, end: date) -> list[YearAmounts]:
    """One `YearAmounts` for every calendar year from the first period's start to `end`."""
    start = min(period.starts_on for period in periods)
    return [period_amounts_for_year(periods, end=end, year=year) for year in range(start.year, end.year + 1)]
