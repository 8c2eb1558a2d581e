from datetime import date

import pytest

from partnerships.periods import following_period


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # IKF: 2021–2022 is followed by 2023-01-01 – 2024-12-31 (docs/domain.md, IKF decision memo), leap day or not
        (date(2021, 1, 1), date(2022, 12, 31), (date(2023, 1, 1), date(2024, 12, 31))),
        (date(2022, 1, 1), date(2023, 12, 31), (date(2024, 1, 1), date(2025, 12, 31))),
        (date(2023, 7, 1), date(2024, 6, 30), (date(2024, 7, 1), date(2025, 6, 30))),
        (date(2023, 1, 1), date(2023, 2, 28), (date(2023, 3, 1), date(2023, 4, 30))),
        # not whole months: moved on by days
        (date(2023, 1, 15), date(2023, 1, 24), (date(2023, 1, 25), date(2023, 2, 3))),
    ],
)
def test_following_period(start, end, expected):
    assert following_period(start, end) == expected
