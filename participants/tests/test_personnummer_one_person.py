"""One person, one stored number: digits of other scripts never make a second person, and
every place a personnummer is typed (register form, participant search, access-log search)
reads it the same way. The database holds twelve ASCII digits or nothing (both databases)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AccessLogEntry
from participants.models import Participant

from .factories import ParticipantFactory

pytestmark = pytest.mark.django_db

NEW = {
    "first_name": "Testa",
    "last_name": "Exempelsson",
    "gender": "woman",
    "level": "2",
    "district": "Ryd",
    "needs": "",
    "phone": "",
    "email": "",
    "address": "",
}
ARABIC_INDIC = "١٩٨٥٠٤١٢-٢٣٨٦"
FULLWIDTH = "１９８５０４１２－２３８６"


def text(response) -> str:
    return response.content.decode().replace("\u00a0", " ")


@pytest.mark.parametrize(
    "stored",
    [
        "١٩٨٥٠٤١٢٢٣٨٦",  # Arabic-Indic
        "１９８５０４１２２３８６",  # fullwidth
        "19850412238\u0663",  # one Arabic-Indic digit
        "19850412-238",  # twelve characters, one of them a dash
        "1985041223 6",
    ],
)
def test_the_database_refuses_a_number_that_is_not_twelve_ascii_digits(stored):
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(personnummer=stored, first_name="A", last_name="B")
    person = ParticipantFactory(personnummer="198504122386")
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.filter(pk=person.pk).update(personnummer=stored)


def test_the_register_form_refuses_other_scripts_digits(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("participants:create"), {**NEW, "personnummer": ARABIC_INDIC})
    assert response.status_code == 200
    assert "Skriv personnumret med siffrorna 0–9." in text(response)
    assert not Participant.objects.exists()


def test_fullwidth_digits_are_the_same_person_as_ascii_digits(client, coordinator):
    ParticipantFactory(personnummer="198504122386")
    client.force_login(coordinator)
    response = client.post(reverse("participants:create"), {**NEW, "personnummer": FULLWIDTH})
    assert "En deltagare med det här personnumret finns redan registrerad." in text(response)
    assert list(Participant.objects.values_list("personnummer", flat=True)) == ["198504122386"]


def test_a_ten_digit_number_without_separator_asks_for_twelve_digits(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("participants:create"), {**NEW, "personnummer": "1212121212"})
    assert "ange alla tolv siffror, ÅÅÅÅMMDD-NNNN" in text(response)
    assert not Participant.objects.exists()


def test_a_plus_number_older_than_120_years_is_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("participants:create"), {**NEW, "personnummer": "850412+2386"})
    assert "äldre än 120 år" in text(response)
    assert not Participant.objects.exists()


def listed(client, q: str) -> list[int]:
    response = client.get(reverse("participants:list"), {"q": q})
    assert response.status_code == 200
    return [participant.pk for participant in response.context["page"]]


def test_the_participant_search_reads_numbers_like_the_form(client, coordinator):
    amina = ParticipantFactory(personnummer="198504122386", first_name="Amina")
    ParticipantFactory(personnummer="198112189876", first_name="Omar")
    client.force_login(coordinator)
    assert listed(client, "2386") == [amina.pk]
    assert listed(client, "２３８６") == [amina.pk]  # fullwidth last four
    assert listed(client, FULLWIDTH) == [amina.pk]
    assert listed(client, "19850412-2386") == [amina.pk]
    assert listed(client, "٢٣٨٦") == []  # other scripts' digits match nobody


def test_the_access_log_search_reads_numbers_like_the_form(client, administrator, coordinator):
    amina = ParticipantFactory(personnummer="198504122386", first_name="Amina")
    AccessLogEntry.objects.create(
        user=coordinator, participant=amina, action="view", url_name="participants:detail", path="/p/"
    )
    client.force_login(administrator)

    def found(value: str) -> list[int]:
        response = client.get("/audit/", {"participant": value})
        assert response.status_code == 200
        return [entry.participant_id for entry in response.context["page"]]

    assert found(FULLWIDTH) == [amina.pk]
    assert found("19850412-2386") == [amina.pk]
    assert found(ARABIC_INDIC) == []
    assert found(f"#{amina.pk}") == [amina.pk]
    assert found("#" + "9" * 20) == []  # past the largest id: nobody, not a database error
