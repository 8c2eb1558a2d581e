"""Swedish personnummer and samordningsnummer: parse, validate, store as 12 digits, mask.

The check digit, the date and the coordination-number rule are checked by the pinned
`personnummer` library. This wrapper adds what the library leaves to its caller:

- The century of a ten-digit number is worked out against a *reference date* (today unless
  given), not the library's hidden call to `date.today()`, so tests do not depend on the year.
  Skatteverket's rule: the separator turns from `-` to `+` in the year a person turns 100, so
  `YYMMDD-NNNN` is the latest matching year up to the reference year and `YYMMDD+NNNN` a
  year at least 100 years before it.
- A samordningsnummer is a personnummer whose day of birth has 60 added (day 61–91).
- Everything is stored as twelve digits (YYYYMMDDNNNN) and shown masked in lists.
- Messages are Swedish `ValidationError`s a form can show as they are.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from personnummer import personnummer as library

COORDINATION_OFFSET = 60

# Century optional; separator optional ("-" or "+"); serial never 000 (the library agrees).
PATTERN = re.compile(
    r"^(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})(?P<sep>[-+]?)(?P<serial>(?!000)\d{3})(?P<check>\d)$"
)
STORED = re.compile(r"^\d{12}$")

FORMAT_MESSAGE = _("Enter a personnummer or samordningsnummer as YYYYMMDD-NNNN or YYMMDD-NNNN.")


def full_year(two_digits: int, separator: str, reference: date) -> int:
    """The century of a ten-digit number: the latest year ending in `two_digits` no later than
    the reference year, or at least 100 years earlier when the separator is `+`."""
    base = reference.year - (100 if separator == "+" else 0)
    return base - ((base - two_digits) % 100)


def parse(value: str, *, today: date | None = None) -> str:
    """The twelve digits YYYYMMDDNNNN of a personnummer or samordningsnummer typed as
    `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN`, `YYMMDDNNNN` or `YYMMDD+NNNN`.

    Raises ValidationError on a bad format, an impossible date (day − 60 for a
    samordningsnummer), a date of birth after `today`, or a wrong check digit.
    """
    today = today or timezone.localdate()
    text = re.sub(r"\s", "", str(value or ""))
    match = PATTERN.match(text)
    if match is None:
        raise ValidationError(FORMAT_MESSAGE, code="personnummer_format")
    if match["century"]:
        year = int(match["century"] + match["yy"])
    else:
        year = full_year(int(match["yy"]), match["sep"], today)
    day = int(match["dd"])
    try:
        born = date(year, int(match["mm"]), day - COORDINATION_OFFSET if day > COORDINATION_OFFSET else day)
    except ValueError:
        raise ValidationError(
            _("%(value)s does not hold a valid date (for a samordningsnummer: the day plus 60)."),
            params={"value": value},
            code="personnummer_date",
        ) from None
    if born > today:
        raise ValidationError(
            _("%(value)s has a date of birth in the future."),
            params={"value": value},
            code="personnummer_future",
        )
    digits = f"{year:04d}{match['mm']}{match['dd']}{match['serial']}{match['check']}"
    try:
        library.parse(digits)
    except library.PersonnummerException:
        raise ValidationError(
            _("The check digit of %(value)s is wrong: check the number."),
            params={"value": value},
            code="personnummer_checksum",
        ) from None
    return digits


def is_valid(value: str, *, today: date | None = None) -> bool:
    try:
        parse(value, today=today)
    except ValidationError:
        return False
    return True


def validate_stored(value: str) -> None:
    """Model-field validator: exactly twelve digits that parse as a valid number."""
    if not STORED.match(value or ""):
        raise ValidationError(FORMAT_MESSAGE, code="personnummer_format")
    parse(value)


def format_full(digits: str) -> str:
    """19850101NNNN → "19850101-NNNN", as the detail page shows it."""
    return f"{digits[:8]}-{digits[8:]}" if digits else ""


def mask(digits: str) -> str:
    """19850101NNNN → "19850101-****", as every list shows it."""
    return f"{digits[:8]}-****" if digits else ""


def is_coordination_number(digits: str) -> bool:
    return int(digits[6:8]) > COORDINATION_OFFSET


def birth_date(digits: str) -> date:
    day = int(digits[6:8])
    return date(
        int(digits[:4]), int(digits[4:6]), day - COORDINATION_OFFSET if day > COORDINATION_OFFSET else day
    )


def last_four(digits: str) -> str:
    return digits[-4:]


def from_parts(born: date, serial: int, *, coordination: bool = False) -> str:
    """The twelve digits of the number for `born` and a three-digit `serial` (001–999), with the
    check digit computed (for demo data and tests; never for a real person's number)."""
    from stdnum import luhn

    if not 1 <= serial <= 999:
        raise ValueError("serial must be 001–999")
    day = born.day + (COORDINATION_OFFSET if coordination else 0)
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    return f"{born.year // 100:02d}{nine}{luhn.calc_check_digit(nine)}"
