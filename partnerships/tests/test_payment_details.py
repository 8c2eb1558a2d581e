"""Bankgiro, plusgiro and IBAN check digits (issue 26, partnerships/payment_details.py): tables,
no database."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from partnerships import payment_details as pd


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        # 5 0 5 0 1 0 5 5 from the right, every second doubled: 5 + (1×2=2)... worked:
        # 5, 5→10→1, 0, 1→2, 0, 5→10→1, 0, 5→10→1  → 5+1+0+2+0+1+0+1 = 10: a multiple of ten.
        ("50501055", True),
        ("50501056", False),  # the last digit one more: 11
        # 1 2 3 4 5 6 6: 6, 6→12→3, 5, 4→8, 3, 2→4, 1 → 6+3+5+8+3+4+1 = 30
        ("1234566", True),
        ("1234567", False),
        ("", False),
        ("12a4566", False),
    ],
)
def test_luhn(digits, ok):
    assert pd.luhn_ok(digits) is ok


@pytest.mark.parametrize(
    ("iban", "ok"),
    [
        ("SE4550000000058398257466", True),  # the Swedish example IBAN of ISO 13616's registry
        ("SE4550000000058398257467", False),
        ("GB82WEST12345698765432", True),
        ("GB82WEST1234569876543", False),
        ("SE45", False),
    ],
)
def test_iban_mod_97(iban, ok):
    assert pd.iban_ok(iban) is ok


@pytest.mark.parametrize(
    ("validator", "typed"),
    [
        (pd.validate_bankgiro, "5050-1055"),
        (pd.validate_bankgiro, "123-4566"),
        (pd.validate_plusgiro, "12 34 56-6"),
        (pd.validate_plusgiro, "18"),  # 1→2, 8: 10
        (pd.validate_iban, "SE45 5000 0000 0583 9825 7466"),
    ],
)
def test_typed_numbers_pass(validator, typed):
    validator(typed)


@pytest.mark.parametrize(
    ("validator", "typed"),
    [
        (pd.validate_bankgiro, "5050-1056"),
        (pd.validate_bankgiro, "123456"),  # six digits: too short for a bankgiro
        (pd.validate_bankgiro, "123456789"),
        (pd.validate_plusgiro, "12 34 56-7"),
        (pd.validate_plusgiro, "123456789"),
        (pd.validate_iban, "SE45 5000 0000 0583 9825 7467"),
    ],
)
def test_wrong_numbers_are_refused(validator, typed):
    with pytest.raises(ValidationError):
        validator(typed)


@pytest.mark.parametrize(
    ("formatter", "digits", "shown"),
    [
        (pd.format_bankgiro, "50501055", "5050-1055"),
        (pd.format_bankgiro, "1234566", "123-4566"),
        (pd.format_plusgiro, "1234566", "12 34 56-6"),
        (pd.format_plusgiro, "18", "1-8"),
        (pd.format_iban, "SE4550000000058398257466", "SE45 5000 0000 0583 9825 7466"),
    ],
)
def test_formatting(formatter, digits, shown):
    assert formatter(digits) == shown
