"""The partner portal shows participants' names too, so its pages write the access log; a
participant `gallra` anonymised cannot be written about there any more."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import PartnerMembership
from audit.models import AccessLogEntry
from participants import retention
from participants.models import Attendance, ProgressNote
from participants.tests.factories import AgreementFactory, ParticipantFactory, PlacementFactory
from partnerships.models import AgreementParty, Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def insatsledare(partner_user, seed):
    PartnerMembership.objects.create(
        user=partner_user, partner=Partner.objects.get(name="Internationella Kvinnoföreningen")
    )
    return partner_user


@pytest.fixture
def placements(seed):
    own = [PlacementFactory(agreement=seed["ikf2023"], start=date(2023, 2, 1)) for _ in range(2)]
    PlacementFactory(agreement=seed["hoppfull"], start=date(2021, 2, 1))  # another organisation's
    return own


def entries():
    return list(
        AccessLogEntry.objects.order_by("pk").values_list(
            "user__username", "participant_id", "action", "url_name"
        )
    )


def test_the_portal_pages_log_who_saw_whom(client, insatsledare, placements, seed):
    client.force_login(insatsledare)
    client.get(reverse("portal:agreement", args=[seed["ikf2023"].pk]))
    client.get(reverse("portal:placement", args=[placements[0].pk]))
    client.post(
        reverse("portal:attendance_record", args=[placements[0].pk]), {"date": "2023-03-01", "present": "yes"}
    )
    client.post(
        reverse("portal:note_create", args=[placements[0].pk]),
        {"date": "2023-03-02", "progression": "3", "text": "Bra."},
    )
    first, second = (p.participant_id for p in placements)
    assert Attendance.objects.count() == 1 and ProgressNote.objects.count() == 1
    assert sorted(entries()[:2]) == sorted(
        [("dana", first, "list", "portal:agreement"), ("dana", second, "list", "portal:agreement")]
    )
    assert entries()[2:] == [
        ("dana", first, "view", "portal:placement"),
        ("dana", first, "change", "portal:attendance_record"),
        ("dana", first, "change", "portal:note_create"),
    ]


def test_the_portal_keeps_anonymised_people_anonymous(client, insatsledare):
    # An agreement running now, so the partner still sees the placement that ended two months ago.
    today = timezone.localdate()
    agreement = AgreementFactory(valid_from=date(today.year - 1, 1, 1), valid_to=date(today.year + 1, 12, 31))
    AgreementParty.objects.create(agreement=agreement, partner=insatsledare.partner_membership.partner)
    placement = PlacementFactory(
        agreement=agreement,
        start=date(today.year - 1, 1, 1),
        actual_end=today - timedelta(days=60),
        status="ended",
        end_reason="work",
        participant=ParticipantFactory(last_name="Gallrasson"),
    )
    client.force_login(insatsledare)
    url = reverse("portal:agreement", args=[agreement.pk])
    assert "Gallrasson" in client.get(url).content.decode()
    retention.run(today=today, months=1)
    page = client.get(url).content.decode()
    assert "Gallrasson" not in page and f"Anonymiserad deltagare nr {placement.participant_id}" in page
    assert reverse("portal:placement", args=[placement.pk]) not in page
    assert client.get(reverse("portal:placement", args=[placement.pk])).status_code == 404
    day = (today - timedelta(days=70)).isoformat()
    response = client.post(
        reverse("portal:note_create", args=[placement.pk]), {"date": day, "progression": "3", "text": "Namn"}
    )
    assert response.status_code == 404 and not ProgressNote.objects.exists()
