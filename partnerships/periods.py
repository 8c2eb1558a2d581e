"""Validity periods: how a renewed agreement's dates follow the one it replaces."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    """The same day `months` later; the first of a month stays the first."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def following_period(start: date, end: date) -> tuple[date, date]:
    """The period that starts the day after `end` and is as long as [start, end].

    Periods of whole months (1 Jan 2021 – 31 Dec 2022) move on by whole months, so the
    renewal is 1 Jan 2023 – 31 Dec 2024 whatever the leap days; other periods move on by days.
    """
    new_start = end + timedelta(days=1)
    if start.day == 1 and end == _month_end(end.year, end.month):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        return new_start, _add_months(new_start, months) - timedelta(days=1)
    return new_start, new_start + (end - start)
