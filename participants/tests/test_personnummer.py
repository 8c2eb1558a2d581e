"""Personnummer and samordningsnummer: formats, date, day + 60, check digit, century from `+`."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from participants import personnummer

TODAY = date(2026, 6, 1)  # a fixed reference date: the century must not depend on the test run's year


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("19811218-9876", "198112189876"),
        ("198112189876", "198112189876"),
        ("811218-9876", "198112189876"),
        (" 811218 - 9876 ", "198112189876"),
        ("640823-3234", "196408233234"),
        ("19640823-3234", "196408233234"),
        # samordningsnummer: day of birth + 60 (63 = the 3rd)
        ("701063-2391", "197010632391"),
        ("19701063-2391", "197010632391"),
        # born 2000-02-29 (a leap day)
        ("000229-9980", "200002299980"),
    ],
)
def test_valid_numbers_are_stored_as_twelve_digits(typed, stored):
    assert personnummer.parse(typed, today=TODAY) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        # "+": the person has turned 100, so the year is a century earlier than "-" would give
        ("121212+1212", "191212121212"),
        ("121212-1212", "201212121212"),
        ("811218-9876", "198112189876"),
    ],
)
def test_century_from_the_separator(typed, stored):
    assert personnummer.parse(typed, today=TODAY) == stored


def test_century_follows_the_reference_date_not_the_clock():
    # "-": the latest year ending in 26 that is not after the reference year...
    assert personnummer.parse("260101-9983", today=TODAY) == "202601019983"
    # ...so the same digits name someone else from 2126 on, when "+" is needed for 2026.
    assert personnummer.parse("260101-9983", today=date(2125, 12, 31)) == "202601019983"
    assert personnummer.parse("260101-9983", today=date(2126, 1, 1)) == "212601019983"
    assert personnummer.parse("260101+9983", today=date(2126, 1, 1)) == "202601019983"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("198112189875", "personnummer_checksum"),  # last digit changed
        ("811218-9866", "personnummer_checksum"),
        ("19810230-9876", "personnummer_date"),  # 30 February
        ("19811318-9876", "personnummer_date"),  # month 13
        ("19811200-9876", "personnummer_date"),  # day 0
        ("701092-2391", "personnummer_date"),  # samordningsnummer with day 32 + 60
        ("19990229-9986", "personnummer_date"),  # 1999 was no leap year
        ("20990101-9983", "personnummer_future"),
        ("811218-000", "personnummer_format"),
        ("811218-0009", "personnummer_format"),  # serial 000 is never issued
        ("8112189876x", "personnummer_format"),
        ("abcdefghij", "personnummer_format"),
        ("", "personnummer_format"),
        ("1981121898765", "personnummer_format"),
        # ten digits without a separator: 1212121212 is 1912 or 2012, ask instead of guessing
        ("1212121212", "personnummer_ambiguous"),
        ("8112189876", "personnummer_ambiguous"),
        # "+" a century back: born 1881 or 1885, older than anyone registered
        ("811218+9876", "personnummer_too_old"),
        ("850412+2386", "personnummer_too_old"),
        ("18850412-2386", "personnummer_too_old"),
        # digits of another script are refused, not stored as another person
        ("١٩٨٥٠٤١٢-٢٣٨٦", "personnummer_digits"),
        ("19850412-٢٣٨٦", "personnummer_digits"),
        ("۱۹۸۵۰۴۱۲-۲۳۸۶", "personnummer_digits"),  # Extended Arabic-Indic (Persian)
        ("१९८५०४१२-२३८६", "personnummer_digits"),  # Devanagari
    ],
)
def test_invalid_numbers_are_refused_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as raised:
        personnummer.parse(typed, today=TODAY)
    assert raised.value.code == code


def test_messages_are_swedish():
    with pytest.raises(ValidationError) as raised:
        personnummer.parse("198112189875", today=TODAY)
    assert raised.value.messages == ["Kontrollsiffran i 198112189875 stämmer inte: kontrollera numret."]


def test_masked_and_full_display():
    assert personnummer.mask("198501011236") == "19850101-****"
    assert personnummer.format_full("198501011236") == "19850101-1236"


def test_samordningsnummer_birth_date():
    assert personnummer.is_coordination_number("197010632391")
    assert not personnummer.is_coordination_number("198112189876")
    assert personnummer.birth_date("197010632391") == date(1970, 10, 3)


def test_stored_value_validator_wants_twelve_digits():
    personnummer.validate_stored("198112189876")
    with pytest.raises(ValidationError):
        personnummer.validate_stored("8112189876")
    with pytest.raises(ValidationError):
        personnummer.validate_stored("198112189875")
    with pytest.raises(ValidationError):
        personnummer.validate_stored("198112189876\n")
    with pytest.raises(ValidationError):
        personnummer.validate_stored("١٩٨١١٢١٨٩٨٧٦")


def test_the_plus_comes_in_the_year_one_turns_100():
    """Skatteverket: the separator becomes "+" in the year the person turns 100, whatever the
    day. On 2026-03-01, someone born 1926-12-31 turns 100 this year and writes 261231+1239;
    "261231-1239" would be born 2026-12-31, which has not come."""
    on = date(2026, 3, 1)
    assert personnummer.parse("261231+1239", today=on) == "192612311239"
    with pytest.raises(ValidationError) as refused:
        personnummer.parse("261231-1239", today=on)
    assert refused.value.code == "personnummer_future"


@pytest.mark.parametrize(
    "typed",
    [
        "１９８５０４１２－２３８６",  # fullwidth digits and hyphen: NFKC makes them ASCII
        "19850412\u20132386",  # en dash
        "19850412\u22122386",  # minus sign
        "850412-2386",
    ],
)
def test_compatibility_digits_and_dashes_are_normalised_to_the_same_person(typed):
    assert personnummer.parse(typed, today=TODAY) == "198504122386"


def test_the_oldest_accepted_is_120_years():
    assert personnummer.parse("19060601-9990", today=TODAY) == "190606019990"
    with pytest.raises(ValidationError) as refused:
        personnummer.parse("19060531-9995", today=TODAY)
    assert refused.value.code == "personnummer_too_old"


def test_an_ambiguous_number_asks_for_twelve_digits_in_swedish():
    with pytest.raises(ValidationError) as raised:
        personnummer.parse("1212121212", today=TODAY)
    assert "alla tolv siffror" in raised.value.messages[0]


def test_other_scripts_digits_are_refused_in_swedish():
    with pytest.raises(ValidationError) as raised:
        personnummer.parse("١٩٨٥٠٤١٢-٢٣٨٦", today=TODAY)
    assert raised.value.messages == ["Skriv personnumret med siffrorna 0–9."]


def test_the_age_limit_on_a_leap_day_in_a_century_without_one():
    """Issue 25 (a mutant lived): on 2020-02-29 the limit of 120 years falls on 29 February
    1900, which did not exist (1900 was no leap year); the day before it, 28 February, is the
    limit: born that day is 120 years old and allowed, born the day before is refused."""
    leap_day = date(2020, 2, 29)
    at_the_limit = personnummer.from_parts(date(1900, 2, 28), 123)
    beyond = personnummer.from_parts(date(1900, 2, 27), 123)
    assert personnummer.parse(at_the_limit, today=leap_day) == at_the_limit
    with pytest.raises(ValidationError) as refused:
        personnummer.parse(beyond, today=leap_day)
    assert refused.value.code == "personnummer_too_old"
