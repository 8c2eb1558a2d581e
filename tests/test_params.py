"""core.params.whole_number: the one reading of a number typed into a URL or a form (issue 25)."""

import pytest

from core.params import MAX_ID, whole_number


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("12", 12),
        ("0", 0),
        (12, 12),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),  # past a bigint: names no row
        ("9" * 40, None),
        ("", None),
        (None, None),
        ("-1", None),
        (" 1", None),
        ("1e3", None),
        ("½", None),
        ("١٢", None),  # Arabic-Indic digits: isdigit, not ASCII
        ("１２", None),  # fullwidth
    ],
)
def test_whole_numbers(typed, number):
    assert whole_number(typed) == number


def test_a_limit():
    assert whole_number("999", limit=999) == 999
    assert whole_number("1000", limit=999) is None
