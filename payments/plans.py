"""A payment plan's instalments: pure arithmetic over an agreement's yearly schedule.

Rule (docs/domain.md, "Payment plans"): a year's instalments add up exactly to that year's committee
cost. Whole kronor: each instalment is the cost divided by the number of instalments, rounded
down, and the last one takes the remainder (IKF 2024 quarterly: 4 × 114 750 = 459 000 kr;
Kompletterande språkträning 295 000 kr monthly: 11 × 24 583 + 24 587 = 295 000 kr). A partial
year has instalments only for the part the agreement covers. The year's cost itself is the
agreement's schedule (partnerships/indexation.py: indexed, prorated by day, amendments weighed);
nothing is recomputed here.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.indexation import YearAmounts


class Frequency(models.IntegerChoices):
    """How many instalments a year: the value is the count."""

    YEARLY = 1, _("yearly")
    HALF_YEARLY = 2, _("half-yearly")
    QUARTERLY = 4, _("quarterly")
    MONTHLY = 12, _("monthly")


@dataclass(frozen=True)
class PlannedInstalment:
    year: int
    number: int  # the period of the year: 1..frequency (Q3 is 3 even when Q1 and Q2 are not covered)
    period_start: date
    period_end: date
    due_on: date
    amount: Decimal


def periods_of_year(year: int, per_year: int) -> list[tuple[date, date]]:
    """The year cut into `per_year` equal runs of months: quarterly → Jan–Mar, Apr–Jun, …"""
    months = 12 // per_year
    spans = []
    for index in range(per_year):
        first_month = index * months + 1
        last_month = first_month + months - 1
        spans.append(
            (date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1]))
        )
    return spans


def split(total: Decimal, count: int) -> list[Decimal]:
    """`total` in `count` whole-krona parts that add up to it exactly: each the quotient rounded
    down, the last the remainder. 295 000 / 12 → 11 × 24 583 and 24 587."""
    if count < 1:
        return []
    total = Decimal(total)
    part = (total / count).to_integral_value(rounding=ROUND_FLOOR)
    return [part] * (count - 1) + [total - part * (count - 1)]


def plan_year(amounts: YearAmounts, *, per_year: int, start: date, end: date) -> list[PlannedInstalment]:
    """The instalments of one calendar year of an agreement valid from `start` to `end`: one per
    period of the year the agreement covers at least a day of, due on its first covered day."""
    covered = [
        (number, first, last)
        for number, (first, last) in enumerate(periods_of_year(amounts.year, per_year), start=1)
        if first <= end and last >= start
    ]
    parts = split(amounts.committee_cost, len(covered))
    return [
        PlannedInstalment(
            year=amounts.year,
            number=number,
            period_start=first,
            period_end=last,
            due_on=max(first, start),
            amount=amount,
        )
        for (number, first, last), amount in zip(covered, parts, strict=True)
    ]


def plan(
    schedule: Iterable[YearAmounts], *, per_year: int, start: date, end: date
) -> list[PlannedInstalment]:
    """Every instalment of an agreement's schedule (`Agreement.schedule()`), year by year."""
    return [
        instalment
        for amounts in schedule
        for instalment in plan_year(amounts, per_year=per_year, start=start, end=end)
    ]
