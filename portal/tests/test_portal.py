"""The partner portal: its own agreements and placements only; attendance and notes."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import PartnerMembership
from participants.models import Attendance, ProgressNote
from participants.tests.factories import ParticipantFactory, PlacementFactory
from partnerships.models import Partner


@pytest.fixture
def ikf(seed):
    return Partner.objects.get(name="Internationella Kvinnoföreningen")


@pytest.fixture
def insatsledare(partner_user, ikf):
    PartnerMembership.objects.create(user=partner_user, partner=ikf)
    return partner_user


@pytest.fixture
def own_placement(seed):
    return PlacementFactory(
        agreement=seed["ikf2023"],
        start=date(2023, 2, 1),
        participant=ParticipantFactory(first_name="Amina", last_name="Exempelsson", phone="070-1234567"),
    )


@pytest.fixture
def other_placement(seed):
    return PlacementFactory(
        agreement=seed["hoppfull"],
        start=date(2021, 2, 1),
        participant=ParticipantFactory(first_name="Bertil", last_name="Annansson"),
    )


def test_partner_lands_in_the_portal_and_sees_its_own_agreements(client, insatsledare, seed):
    client.force_login(insatsledare)
    start = client.get("/")  # the start page (dashboard) shows the partner's panel, with a way to the portal
    assert start.status_code == 200 and f'href="{reverse("portal:home")}"' in start.content.decode()
    response = client.get(reverse("portal:home"))
    names = [agreement.pk for agreement, _usage in response.context["rows"]]
    assert sorted(names) == sorted([seed["ikf2021"].pk, seed["ikf2023"].pk])


def test_partner_sees_name_and_placement_only(client, insatsledare, own_placement, other_placement, seed):
    client.force_login(insatsledare)
    html = client.get(reverse("portal:agreement", args=[seed["ikf2023"].pk])).content.decode()
    assert "Amina Exempelsson" in html and "Bertil" not in html
    page = client.get(reverse("portal:placement", args=[own_placement.pk])).content.decode()
    assert "Amina Exempelsson" in page
    assert own_placement.participant.personnummer[:8] not in page and "070-1234567" not in page
    assert own_placement.participant.district not in page


@pytest.mark.parametrize("name", ["portal:placement", "portal:attendance_record", "portal:note_create"])
def test_another_organisations_placement_is_404(client, insatsledare, other_placement, name):
    client.force_login(insatsledare)
    method = client.get if name == "portal:placement" else client.post
    assert method(reverse(name, args=[other_placement.pk])).status_code == 404


def test_another_organisations_agreement_is_404(client, insatsledare, seed):
    client.force_login(insatsledare)
    assert client.get(reverse("portal:agreement", args=[seed["hoppfull"].pk])).status_code == 404


def test_municipal_roles_and_partner_users_without_organisation_get_403(
    client, official, coordinator, partner_user
):
    for user in (official, coordinator, partner_user):
        client.force_login(user)
        assert client.get(reverse("portal:home")).status_code == 403


def test_partner_reports_attendance(client, insatsledare, own_placement, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2023, 3, 10))
    client.force_login(insatsledare)
    url = reverse("portal:attendance_record", args=[own_placement.pk])
    response = client.post(url, {"date": "2023-03-08", "present": "yes"}, follow=True)
    assert "Närvaron för 2023-03-08 sparades." in response.content.decode()
    client.post(url, {"date": "2023-03-08", "present": "no"})  # corrected the same day
    client.post(url, {"date": "2023-03-09", "present": "yes"})
    assert list(Attendance.objects.order_by("date").values_list("date", "present", "recorded_by")) == [
        (date(2023, 3, 8), False, insatsledare.pk),
        (date(2023, 3, 9), True, insatsledare.pk),
    ]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2023-01-15", "Anvisningen började 2023-02-01."),
        ("2023-03-11", "Närvaro kan bara rapporteras för dagar som har varit, inom anvisningen."),
        ("inte ett datum", "Fyll i ett giltigt datum."),
    ],
)
def test_attendance_outside_the_placement_is_refused(
    client, insatsledare, own_placement, monkeypatch, day, message
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2023, 3, 10))
    client.force_login(insatsledare)
    response = client.post(
        reverse("portal:attendance_record", args=[own_placement.pk]), {"date": day, "present": "yes"}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert Attendance.objects.count() == 0


def test_partner_adds_a_progress_note(client, insatsledare, own_placement):
    client.force_login(insatsledare)
    response = client.post(
        reverse("portal:note_create", args=[own_placement.pk]),
        {"date": "2023-03-01", "progression": "3", "text": "Deltar aktivt i språkcaféet."},
    )
    assert response.status_code == 302
    note = ProgressNote.objects.get()
    assert (note.author, note.placement, note.progression) == (insatsledare, own_placement, 3)


def test_agreement_page_query_count_is_constant(client, insatsledare, seed):
    client.force_login(insatsledare)
    url = reverse("portal:agreement", args=[seed["ikf2023"].pk])
    PlacementFactory(agreement=seed["ikf2023"], start=date(2023, 2, 1))
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(8):
        PlacementFactory(agreement=seed["ikf2023"], start=date(2023, 2, 1))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["placements"]) == 9
    assert len(many) == len(few)


def test_partner_sees_its_own_notes_only(client, insatsledare, own_placement, coordinator):
    ProgressNote.objects.create(
        placement=own_placement,
        date=date(2023, 2, 10),
        progression=1,
        text="Har varit sjuk i två veckor.",
        author=coordinator,
    )
    ProgressNote.objects.create(
        placement=own_placement,
        date=date(2023, 2, 12),
        progression=3,
        text="Deltar i språkcaféet.",
        author=insatsledare,
    )
    client.force_login(insatsledare)
    page = client.get(reverse("portal:placement", args=[own_placement.pk])).content.decode()
    assert "Deltar i språkcaféet." in page and "sjuk" not in page


def test_placements_ended_long_ago_are_out_of_sight(client, insatsledare, seed, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 11, 22))
    old = PlacementFactory(
        agreement=seed["ikf2023"],
        start=date(2023, 2, 1),
        actual_end=date(2023, 6, 30),
        status="ended",
        end_reason="work",
    )
    recent = PlacementFactory(
        agreement=seed["ikf2023"],
        start=date(2023, 2, 1),
        actual_end=date(2024, 12, 31),
        status="ended",
        end_reason="work",
    )
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2025, 6, 1))
    client.force_login(insatsledare)
    assert client.get(reverse("portal:placement", args=[old.pk])).status_code == 404
    assert client.get(reverse("portal:placement", args=[recent.pk])).status_code == 200


def test_the_agreement_page_shows_a_partner_no_history_and_no_breakdowns(client, insatsledare, seed):
    client.force_login(insatsledare)
    response = client.get(reverse("partnerships:agreement_detail", args=[seed["ikf2023"].pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "Historik" not in html and 'href="/partners/' not in html
