"""The partner portal shows participants' names too, so its pages write the access log; a
participant `gallra` anonymised cannot be written about there any more."""
from datetime import date

import pytest
from django.urls import reverse

from accounts.models import PartnerMembership
from audit.models import AccessLogEntry
from participants import retention
from participants.models import Attendance, ProgressNote
from participants.tests.factories import ParticipantFactory, PlacementFactory
from partnerships.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def insatsledare(partner_user, seed):
    PartnerMembership.objects.create(user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen"))
    return partner_user


@pytest.fixture
def placements(seed):
    own = [PlacementFactory(agreement=seed["ikf2023"], start=date(2023, 2, 1)) for _ in range(2)]
    PlacementFactory(agreement=seed["hoppfull"], start=date(2021, 2, 1))  # another organisation's
    return own


def entries():
    return list(AccessLogEntry.objects.order_by("pk").values_list("user__username", "participant_id", "action", "url_name"))


def test_the_portal_pages_log_who_saw_whom(client, insatsledare, placements, seed):
    client.force_login(insatsledare)
    client.get(reverse("portal:agreement", args=[seed["ikf2023"].pk]))
    client.get(reverse("portal:placement", args=[placements[0].pk]))
    client.post(reverse("portal:attendance_record", args=[placements[0].pk]), {"date": "2023-03-01", "present": "yes"})
    client.post(reverse("portal:note_create", args=[placements[0].pk]), {"date": "2023-03-02", "progression": "3", "text": "Bra."})
    first, second = (p.participant_id for p in placements)
    assert Attendance.objects.count() == 1 and ProgressNote.objects.count() == 1
    assert sorted(entries()[:2]) == sorted([("dana", first, "list", "portal:agreement"), ("dana", second, "list", "portal:agreement")])
    assert entries()[2:] == [
        ("dana", first, "view", "portal:placement"),
        ("dana", first, "change", "portal:attendance_record"),
        ("dana", first, "change", "portal:note_create"),
    ]


def test_the_portal_keeps_anonymised_people_anonymous(client, insatsledare, seed):
    placement = PlacementFactory(
        agreement=seed["ikf2021"], start=date(2021, 2, 1), actual_end=date(2021, 6, 1), status="ended", end_reason="work",
        participant=ParticipantFactory(last_name="Gallrasson"),
    )
    retention.run(today=date(2026, 1, 1), months=12)
    client.force_login(insatsledare)
    page = client.get(reverse("portal:agreement", args=[seed["ikf2021"].pk])).content.decode()
    assert "Gallrasson" not in page and f"Anonymiserad deltagare nr {placement.participant_id}" in page
    assert reverse("portal:placement", args=[placement.pk]) not in page
    assert client.get(reverse("portal:placement", args=[placement.pk])).status_code == 404
    response = client.post(reverse("portal:note_create", args=[placement.pk]), {"date": "2021-05-01", "progression": "3", "text": "Namn"})
    assert response.status_code == 404 and not ProgressNote.objects.exists()
