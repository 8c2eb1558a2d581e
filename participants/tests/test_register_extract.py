"""Registerutdrag: everything held about one person, as a printable page and a JSON download,
for coordinators and administrators only, itself logged, in constant queries."""

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AccessLogEntry
from participants.models import Attendance, Participant, Placement, ProgressNote

from .factories import AgreementFactory, ParticipantFactory, PlacementFactory
from .test_participant_pages import NEW, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client, coordinator):
    """Registered, edited, placed, noted and ended through the coordinator's pages."""
    client.force_login(coordinator)
    client.post(reverse("participants:create"), {**NEW, "phone": "013-12 34 56", "address": "Storgatan 1"})
    participant = Participant.objects.get()
    client.post(
        reverse("participants:edit", args=[participant.pk]),
        {**NEW, "phone": "013-12 34 56", "address": "Storgatan 1", "district": "Berga", "seen_version": 1},
    )
    agreement = AgreementFactory(name="Hoppfull test")
    placement = PlacementFactory(
        participant=participant,
        agreement=agreement,
        start=date(2023, 2, 1),
        goals="Arbetsträna tre dagar i veckan.",
    )
    client.post(
        reverse("participants:note_create", args=[placement.pk]),
        {"date": "2023-03-01", "progression": "4", "text": "Har börjat söka praktikplats."},
    )
    Attendance.objects.create(
        placement=placement, date=date(2023, 3, 6), present=True, recorded_by=coordinator
    )
    Attendance.objects.create(
        placement=placement, date=date(2023, 3, 7), present=False, recorded_by=coordinator
    )
    client.post(
        reverse("participants:placement_end", args=[placement.pk]),
        {"actual_end": "2023-09-30", "status": "ended", "end_reason": "work", "seen_version": 1},
    )
    other = PlacementFactory(
        agreement=agreement, start=date(2023, 2, 1), participant=ParticipantFactory(last_name="Annansson")
    )
    ProgressNote.objects.create(
        placement=other, date=date(2023, 3, 1), progression=2, text="Någon annans anteckning."
    )
    return participant


def test_the_page_holds_everything_about_the_person(client, coordinator, person):
    page = text(client.get(reverse("participants:extract", args=[person.pk])))
    for held in [
        "198112189876",
        "Testa",
        "Exempelsson",
        "Berga",
        "SFI",
        "013-12 34 56",
        "Storgatan 1",
        "kvinna",
        "Hoppfull test",
        "2023-02-01",
        "2023-09-30",
        "arbete",
        "Arbetsträna tre dagar i veckan.",
        "Har börjat söka praktikplats.",
        "tydlig progression",
    ]:
        assert held in page, held
    attendance = page.split('class="table table-sm mb-0 extract-attendance"')[1].split("</table>")[0]
    assert (
        attendance.count("<tr>") == 1 + 2
        and "2023-03-06</td><td>ja</td>" in attendance
        and "2023-03-07</td><td>nej</td>" in attendance
    )
    history = page.split('id="extract-history"')[1].split("</table>")[0]
    # header; participant created + changed; placement created + ended; note; two attendance days
    assert history.count("<tr>") == 1 + 2 + 2 + 1 + 2
    assert "Ryd → Berga" in history
    log = page.split('id="extract-access-log"')[1].split("</table>")[0]
    # the edit form posted (change), the note and end forms posted (change ×2), and this extract
    assert log.count("<tr>") == 1 + 4 and "Registerutdrag visat" in log
    assert "Annansson" not in page and "Någon annans anteckning." not in page


def test_the_json_download_holds_the_same(client, person):
    response = client.get(reverse("participants:extract_json", args=[person.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="registerutdrag-{person.pk}.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["participant"]["id"] == person.pk
    assert data["participant"]["personnummer"]["value"] == "198112189876"
    assert data["participant"]["district"] == {"label": "stadsdel", "value": "Berga", "display": "Berga"}
    [placement] = data["placements"]
    assert placement["agreement"]["display"] == "Hoppfull test"
    assert placement["goals"]["value"] == "Arbetsträna tre dagar i veckan."
    assert [note["text"]["value"] for note in placement["notes"]] == ["Har börjat söka praktikplats."]
    assert [(day["date"]["value"], day["present"]["value"]) for day in placement["attendance"]] == [
        ("2023-03-06", True),
        ("2023-03-07", False),
    ]
    assert (
        len(data["history"])
        == (
            Participant.history.filter(id=person.pk).count()
            + Placement.history.filter(participant_id=person.pk).count()
            + ProgressNote.history.filter(placement__participant=person).count()
            + Attendance.history.filter(placement__participant=person).count()
        )
        == 7
    )
    assert [entry["action"] for entry in data["access_log"]][-1] == "registerutdrag nedladdat"
    assert "Annansson" not in response.content.decode()


def test_showing_and_downloading_are_logged(client, coordinator, person):
    client.get(reverse("participants:extract", args=[person.pk]))
    client.get(reverse("participants:extract_json", args=[person.pk]))
    assert list(
        AccessLogEntry.objects.filter(action__in=["extract", "export"]).values_list(
            "user", "participant", "action"
        )
    ) == [
        (coordinator.pk, person.pk, "export"),
        (coordinator.pk, person.pk, "extract"),
    ]


@pytest.mark.parametrize("role", ["official", "secretary", "partner_user"])
def test_other_roles_get_403(client, request, role, person):
    client.force_login(request.getfixturevalue(role))
    for name in ("participants:extract", "participants:extract_json"):
        assert client.get(reverse(name, args=[person.pk])).status_code == 403


def test_the_administrator_may_make_one(client, administrator, person):
    client.force_login(administrator)
    assert client.get(reverse("participants:extract", args=[person.pk])).status_code == 200


def test_the_detail_page_links_the_extract(client, person):
    assert reverse("participants:extract", args=[person.pk]) in text(client.get(person.get_absolute_url()))


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["participants:extract", "participants:extract_json"])
def test_constant_queries(client, coordinator, name):
    client.force_login(coordinator)
    participant = ParticipantFactory()
    url = reverse(name, args=[participant.pk])
    first = PlacementFactory(participant=participant, start=date(2023, 2, 1), assigned_by=coordinator)
    ProgressNote.objects.create(
        placement=first, date=date(2023, 3, 1), progression=2, text="Ok", author=coordinator
    )
    Attendance.objects.create(placement=first, date=date(2023, 3, 2), present=False, recorded_by=coordinator)
    few = count_queries(client, url)
    for _ in range(4):
        placement = PlacementFactory(
            participant=participant,
            start=date(2023, 2, 1),
            assigned_by=coordinator,
            agreement=AgreementFactory(),
        )
        for day in (3, 4):
            ProgressNote.objects.create(
                placement=placement, date=date(2023, day, 1), progression=2, text="Ok", author=coordinator
            )
            Attendance.objects.create(
                placement=placement, date=date(2023, day, 2), present=True, recorded_by=coordinator
            )
        placement.goals = "Nya mål"
        placement.save()
        client.get(participant.get_absolute_url())
    assert count_queries(client, url) == few
