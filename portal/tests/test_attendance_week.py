"""The partner reports a week's attendance in one grid: weekends only where the activity runs on
them, a changed earlier entry said so, and all or nothing."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import PartnerMembership
from participants.models import Attendance
from participants.tests.factories import ParticipantFactory, PlacementFactory
from partnerships.models import Partner

pytestmark = pytest.mark.django_db

WEEK = "2023-W10"  # Monday 2023-03-06 to Sunday 2023-03-12


@pytest.fixture
def insatsledare(partner_user, seed, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2023, 3, 12))
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    return partner_user


@pytest.fixture
def amina(seed):
    return PlacementFactory(
        agreement=seed["ikf2023"],
        start=date(2023, 2, 1),
        participant=ParticipantFactory(first_name="Amina", last_name="Exempelsson"),
    )


@pytest.fixture
def bertil(seed):
    return PlacementFactory(
        agreement=seed["ikf2023"],
        start=date(2023, 3, 8),
        participant=ParticipantFactory(first_name="Bertil", last_name="Annansson"),
    )


def url(agreement) -> str:
    return reverse("portal:attendance_week", args=[agreement.pk]) + f"?week={WEEK}"


def cell(placement, day: str) -> str:
    return f"p{placement.pk}_{day.replace('-', '')}"


def test_the_grid_has_a_row_per_participant_and_a_column_per_day(client, insatsledare, amina, bertil, seed):
    client.force_login(insatsledare)
    response = client.get(url(seed["ikf2023"]))
    assert response.status_code == 200
    week = response.context["week"]
    assert [p.participant.first_name for p, _cells in week.rows] == ["Bertil", "Amina"]
    assert [d.isoformat() for d in week.days][::6] == ["2023-03-06", "2023-03-12"]
    html = response.content.decode()
    assert f'name="{cell(amina, "2023-03-06")}"' in html
    assert f'name="{cell(bertil, "2023-03-06")}"' not in html  # before Bertil's start
    assert f'name="{cell(amina, "2023-03-11")}"' not in html  # a Saturday
    assert "?week=2023-W09" in html and "?week=2023-W11" in html


def test_a_week_is_saved_at_once(client, insatsledare, amina, bertil, seed):
    client.force_login(insatsledare)
    data = {
        cell(amina, "2023-03-06"): "yes",
        cell(amina, "2023-03-07"): "no",
        cell(bertil, "2023-03-08"): "yes",
    }
    response = client.post(url(seed["ikf2023"]), data, follow=True)
    assert "Närvaron för vecka 10 (6–12 mar) sparades." in response.content.decode()
    assert sorted(Attendance.objects.values_list("placement", "date", "present")) == [
        (amina.pk, date(2023, 3, 6), True),
        (amina.pk, date(2023, 3, 7), False),
        (bertil.pk, date(2023, 3, 8), True),
    ]


def test_re_entering_a_day_says_it_changes_the_earlier_entry(client, insatsledare, amina, seed):
    Attendance.objects.create(placement=amina, date=date(2023, 3, 6), present=True)
    client.force_login(insatsledare)
    response = client.post(url(seed["ikf2023"]), {cell(amina, "2023-03-06"): "no"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert (
        "Amina Exempelsson 2023-03-06: den tidigare uppgiften ändrades, närvarande → frånvarande." in messages
    )
    assert Attendance.objects.get().present is False


def test_a_weekend_is_refused_and_nothing_of_the_week_is_saved(client, insatsledare, amina, seed):
    client.force_login(insatsledare)
    data = {cell(amina, "2023-03-06"): "yes", cell(amina, "2023-03-11"): "yes"}
    response = client.post(url(seed["ikf2023"]), data)
    assert response.status_code == 400
    assert "Verksamheten bedrivs inte på helger." in response.content.decode()
    assert not Attendance.objects.exists()


def test_an_activity_that_runs_on_weekends_takes_them(client, insatsledare, amina, seed):
    seed["ikf2023"].runs_on_weekends = True
    seed["ikf2023"].save()
    client.force_login(insatsledare)
    response = client.post(url(seed["ikf2023"]), {cell(amina, "2023-03-11"): "yes"})
    assert response.status_code == 302
    assert Attendance.objects.get().date == date(2023, 3, 11)


def test_a_day_outside_the_placement_is_refused(client, insatsledare, bertil, seed):
    client.force_login(insatsledare)
    response = client.post(url(seed["ikf2023"]), {cell(bertil, "2023-03-07"): "yes"})
    assert response.status_code == 400
    assert not Attendance.objects.exists()
