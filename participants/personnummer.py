"""Swedish personnummer and samordningsnummer: parse, validate, store as 12 digits, mask.

The check digit, the date and the coordination-number rule are checked by the pinned
`personnummer` library. This wrapper adds what the library leaves to its caller:

- The century of a ten-digit number is worked out against a *reference date* (today unless
  given), not the library's hidden call to `date.today()`, so tests do not depend on the year.
  Skatteverket's rule: the separator turns from `-` to `+` in the year a person turns 100, so
  `YYMMDD-NNNN` is the latest matching year up to the reference year and `YYMMDD+NNNN` a
  year at least 100 years before it.
- A ten-digit number needs its separator: without it (`8504122386`) the century is a guess, so
  all twelve digits are asked for instead.
- Nobody registered is over `MAX_AGE` years old: `850412+2386` (born 1885) is a typing error.
- Input is NFKC-normalised (fullwidth ０–９ become 0–9) and then only ASCII digits are accepted,
  so `١٩٨٥٠٤١٢-٢٣٨٦` can never be stored beside `19850412-2386` as another person.
- A samordningsnummer is a personnummer whose day of birth has 60 added (day 61–91).
- Everything is stored as twelve digits (YYYYMMDDNNNN) and shown masked in lists.
- Messages are Swedish `ValidationError`s a form can show as they are.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from personnummer import personnummer as library

COORDINATION_OFFSET = 60
MAX_AGE = 120

# Century optional; separator optional ("-" or "+"); serial never 000 (the library agrees).
# ASCII digits only: `\d` would also match Arabic-Indic and other scripts' digits.
PATTERN = re.compile(
    r"^(?P<century>[0-9]{2})?(?P<yy>[0-9]{2})(?P<mm>[0-9]{2})(?P<dd>[0-9]{2})(?P<sep>[-+]?)"
    r"(?P<serial>(?!000)[0-9]{3})(?P<check>[0-9])\Z"
)
STORED = re.compile(r"^[0-9]{12}\Z")
# Dashes a keyboard or a copied document may give instead of "-" (NFKC keeps them apart).
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")

FORMAT_MESSAGE = _("Enter a personnummer or samordningsnummer as YYYYMMDD-NNNN or YYMMDD-NNNN.")


def normalise(value: object) -> str:
    """The text as typed, NFKC-normalised (fullwidth digits become ASCII), dashes made "-",
    white space removed. Digits of other scripts stay as they are, and `parse` refuses them."""
    text = unicodedata.normalize("NFKC", str(value or "")).translate(DASHES)
    return re.sub(r"\s", "", text)


def full_year(two_digits: int, separator: str, reference: date) -> int:
    """The century of a ten-digit number: the latest year ending in `two_digits` no later than
    the reference year, or at least 100 years earlier when the separator is `+`."""
    base = reference.year - (100 if separator == "+" else 0)
    return base - ((base - two_digits) % 100)


def parse(value: str, *, today: date | None = None) -> str:
    """The twelve digits YYYYMMDDNNNN of a personnummer or samordningsnummer typed as
    `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN`, `YYMMDDNNNN` or `YYMMDD+NNNN`.

    Raises ValidationError on a bad format (digits other than 0–9 included), ten digits without
    a separator (the century would be a guess), an impossible date (day − 60 for a
    samordningsnummer), a date of birth after `today` or more than `MAX_AGE` years before it,
    or a wrong check digit.
    """
    today = today or timezone.localdate()
    text = normalise(value)
    if any(character.isdigit() and not character.isascii() for character in text):
        raise ValidationError(_("Write the personnummer with the digits 0–9."), code="personnummer_digits")
    match = PATTERN.match(text)
    if match is None:
        raise ValidationError(FORMAT_MESSAGE, code="personnummer_format")
    if not match["century"] and not match["sep"]:
        raise ValidationError(
            _(
                "%(value)s could belong to people born a century apart: enter all twelve digits, "
                "YYYYMMDD-NNNN."
            ),
            params={"value": value},
            code="personnummer_ambiguous",
        )
    if match["century"]:
        year = int(match["century"] + match["yy"])
    else:
        year = full_year(int(match["yy"]), match["sep"], today)
    digits = f"{year:04d}{match['mm']}{match['dd']}{match['serial']}{match['check']}"
    try:
        born = birth_date(digits)
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
    if born < _years_before(today, MAX_AGE):
        raise ValidationError(
            _("%(value)s would make the person older than %(max_age)s years: check the number."),
            params={"value": value, "max_age": MAX_AGE},
            code="personnummer_too_old",
        )
    try:
        library.parse(digits)
    except library.PersonnummerException:
        raise ValidationError(
            _("The check digit of %(value)s is wrong: check the number."),
            params={"value": value},
            code="personnummer_checksum",
        ) from None
    return digits


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


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
    """The date of birth in twelve digits YYYYMMDDNNNN; a samordningsnummer's day is the day plus
    60. ValueError when there is no such date."""
    day = int(digits[6:8])
    return date(
        int(digits[:4]), int(digits[4:6]), day - COORDINATION_OFFSET if day > COORDINATION_OFFSET else day
    )


def from_parts(born: date, serial: int, *, coordination: bool = False) -> str:
    """The twelve digits of the number for `born` and a three-digit `serial` (001–999), with the
    check digit computed (for demo data and tests; never for a real person's number)."""
    from stdnum import luhn

    if not 1 <= serial <= 999:
        raise ValueError("serial must be 001–999")
    day = born.day + (COORDINATION_OFFSET if coordination else 0)
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    return f"{born.year // 100:02d}{nine}{luhn.calc_check_digit(nine)}"
