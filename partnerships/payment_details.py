"""A partner's payment details, checked by their own check digits (issue 26).

Bankgiro (7 or 8 digits) and plusgiro (2 to 8 digits) numbers end in a Luhn (mod 10) check digit
over the whole number, as Bankgirot's and Plusgirot's own specifications give it; an IBAN (the
rare partner paid abroad) is checked by ISO 13616's mod 97 (the number moved four characters,
letters as 10–35, must leave 1). Stored as digits (IBAN: letters and digits), shown grouped.
Pure functions, no database: partnerships/tests/test_payment_details.py.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SEPARATORS = re.compile(r"[\s\-]")


def compact(number: str) -> str:
    """The number without spaces and hyphens, upper case: "5050-1055" → "50501055"."""
    return SEPARATORS.sub("", number or "").upper()


def luhn_ok(digits: str) -> bool:
    """The mod 10 (Luhn) check: from the right, every second digit doubled (its digits summed);
    the total is a multiple of ten."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    """ISO 13616: two letters, two check digits, up to 30 letters or digits; mod 97 leaves 1."""
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return False
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(char, 36)) for char in moved)) % 97 == 1


def validate_bankgiro(value: str) -> None:
    digits = compact(value)
    if not (digits.isdigit() and len(digits) in (7, 8) and luhn_ok(digits)):
        raise ValidationError(
            _("Enter a bankgiro number of 7 or 8 digits whose check digit is right, e.g. 5050-1055."),
            code="bankgiro",
        )


def validate_plusgiro(value: str) -> None:
    digits = compact(value)
    if not (digits.isdigit() and 2 <= len(digits) <= 8 and luhn_ok(digits)):
        raise ValidationError(
            _("Enter a plusgiro number of 2 to 8 digits whose check digit is right, e.g. 12 34 56-6."),
            code="plusgiro",
        )


def validate_iban(value: str) -> None:
    if not iban_ok(compact(value)):
        raise ValidationError(_("Enter an IBAN whose check digits are right."), code="iban")


def format_bankgiro(digits: str) -> str:
    """ "50501055" → "5050-1055", "1234566" → "123-4566"."""
    return f"{digits[:-4]}-{digits[-4:]}" if len(digits) >= 7 else digits


def format_plusgiro(digits: str) -> str:
    """ "1234566" → "12 34 56-6" (the check digit after a hyphen, pairs before it)."""
    if len(digits) < 2:
        return digits
    body = digits[:-1]
    pairs = [body[max(i - 2, 0) : i] for i in range(len(body), 0, -2)][::-1]
    return f"{' '.join(pairs)}-{digits[-1]}"


def format_iban(iban: str) -> str:
    """Groups of four: "SE4550000000058398257466" → "SE45 5000 0000 0583 9825 7466"."""
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
