"""The last day under a notice period (issue 26, `notice_last_day`): a table, no database."""

from __future__ import annotations

from datetime import date

import pytest

from partnerships.models import notice_last_day


@pytest.mark.parametrize(
    ("given_on", "months", "last_day"),
    [
        (date(2024, 3, 15), 3, date(2024, 6, 14)),  # the same date three months on, less a day
        (date(2024, 1, 1), 1, date(2024, 1, 31)),
        (date(2023, 11, 30), 3, date(2024, 2, 28)),  # 30 Feb 2024 does not exist: 29 Feb, less a day
        (date(2024, 8, 31), 6, date(2025, 2, 27)),  # 31 Aug + 6 months → 28 Feb 2025, less a day
        (date(2024, 2, 10), 0, date(2024, 2, 10)),  # hävning: the day notice is given
    ],
)
def test_notice_last_day(given_on, months, last_day):
    assert notice_last_day(given_on, months) == last_day
