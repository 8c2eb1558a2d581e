"""Property-based tests (hypothesis): the personnummer parser and the participant forms.

- Nothing typed makes the parser raise anything but a ValidationError (with a message).
- Every accepted value is twelve digits that parse again to themselves, also as shown.
- Every real number is accepted in each way it may be typed, century included; ten digits
  without a separator are refused as ambiguous.
- A typo in any of the ten digits is caught; the masked form never shows the last four.
- No input to the registration or edit form (through the real URL) gives a server error or a
  partial write: the participant and its history row are saved whole, or nothing is.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from participants import personnummer
from participants.models import Participant

from .factories import ParticipantFactory

TODAY = date(2026, 6, 1)  # a fixed reference date, as in test_personnummer.py

births = st.dates(min_value=date(1906, 6, 1), max_value=TODAY)  # nobody older than 120
numbers = st.builds(
    lambda born, serial, coordination: (
        born,
        coordination,
        personnummer.from_parts(born, serial, coordination=coordination),
    ),
    births,
    st.integers(1, 999),
    st.booleans(),
)
typed = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789-+ \t", max_size=16),
    st.from_regex(r"\A\d{6,8}[-+]?\d{4}\Z"),
    st.none(),
    st.integers(),
)


@given(value=typed)
@example(value="19990229-9986")
@example(value="000000-0000")
@example(value="20260661-0000")
def test_the_parser_raises_only_validation_errors_and_accepts_only_twelve_digits(value):
    try:
        digits = personnummer.parse(value, today=TODAY)
    except ValidationError as error:
        assert error.messages and all(str(message) for message in error.messages)
    else:
        assert len(digits) == 12 and digits.isascii() and digits.isdigit()
        assert personnummer.parse(digits, today=TODAY) == digits
        assert personnummer.parse(personnummer.format_full(digits), today=TODAY) == digits
        assert date(1906, 6, 1) <= personnummer.birth_date(digits) <= TODAY


@given(number=numbers)
def test_every_real_number_is_accepted_however_it_is_typed(number):
    born, coordination, digits = number
    separator = "-" if born.year > TODAY.year - 100 else "+"  # "+" from the year one turns 100
    short = digits[2:8] + separator + digits[8:]
    for form in (digits, personnummer.format_full(digits), short, f" {short[:6]} {short[6:]} "):
        assert personnummer.parse(form, today=TODAY) == digits, form
    with pytest.raises(ValidationError) as ambiguous:
        personnummer.parse(digits[2:], today=TODAY)  # ten digits without a separator: ask
    assert ambiguous.value.code == "personnummer_ambiguous"
    assert personnummer.is_coordination_number(digits) == coordination
    assert personnummer.birth_date(digits) == born


@given(number=numbers, position=st.integers(2, 11), replacement=st.integers(0, 9))
def test_a_typo_in_any_of_the_ten_digits_is_caught(number, position, replacement):
    _born, _coordination, digits = number
    assume(str(replacement) != digits[position])
    typo = digits[:position] + str(replacement) + digits[position + 1 :]
    with pytest.raises(ValidationError):
        personnummer.parse(typo, today=TODAY)


@given(number=numbers)
def test_the_masked_form_never_shows_the_last_four(number):
    _born, _coordination, digits = number
    masked = personnummer.mask(digits)
    assert masked == f"{digits[:8]}-****"
    assert sum(character.isdigit() for character in masked) == 8  # the date of birth only
    assert digits[8:] not in masked[8:]


# --- the forms, through their URLs -------------------------------------------------------------

short_text = st.text(max_size=120)
form_numbers = st.one_of(
    numbers.map(lambda n: personnummer.format_full(n[2])),
    numbers.map(lambda n: n[2][2:8] + "-" + n[2][8:]),
    typed.map(lambda v: "" if v is None else str(v)),
)
participant_forms = st.fixed_dictionaries(
    {"personnummer": form_numbers},
    optional={
        "first_name": short_text,
        "last_name": short_text,
        "gender": st.one_of(st.sampled_from(["woman", "man", "other", "unknown"]), short_text),
        "level": st.one_of(st.sampled_from(["", "1", "2", "3"]), short_text),
        "district": short_text,
        "needs": st.text(max_size=400),
        "phone": short_text,
        "email": st.one_of(st.emails(), short_text),
        "address": st.text(max_size=250),
    },
)


def state():
    return Participant.objects.count(), Participant.history.count()


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=participant_forms)
def test_any_registration_is_saved_whole_or_not_at_all(client, coordinator, data):
    client.force_login(coordinator)
    before = state()
    response = client.post(reverse("participants:create"), data)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        saved = Participant.objects.latest("pk")
        assert saved.personnummer == personnummer.parse(data["personnummer"])
        assert state() == (before[0] + 1, before[1] + 1)
    else:
        assert state() == before


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=participant_forms)
def test_any_edit_is_saved_whole_or_not_at_all(client, coordinator, data):
    client.force_login(coordinator)
    person = Participant.objects.filter(last_name="Redigeras").first() or ParticipantFactory(
        last_name="Redigeras"
    )
    before = (Participant.objects.filter(pk=person.pk).values().get(), state())
    response = client.post(reverse("participants:edit", args=[person.pk]), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert (Participant.objects.filter(pk=person.pk).values().get(), state()) == before
    else:
        assert state() == (before[1][0], before[1][1] + 1)
