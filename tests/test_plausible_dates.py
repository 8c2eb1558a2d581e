"""Every date and year the register stores lies from 2000 to 2100 (agreements, placements,
notes, attendance, follow-ups, memos): the forms refuse others in Swedish, the database refuses
them by CHECK on PostgreSQL and SQLite; notes and attendance lie within their placement's
agreement and not in the future; URLs with other years are 404; year lists stay short."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from participants.models import Attendance, Placement, ProgressNote
from participants.tests.factories import AgreementFactory, PlacementFactory
from partnerships.models import Agreement, Committee, Partner
from partnerships.tests.test_agreement_forms import agreement_data
from reports.models import FollowUp, Memo

pytestmark = pytest.mark.django_db

RANGE_MESSAGE = "Ange ett datum från 2000-01-01 till 2100-12-31."


def refused_by_the_database(queryset, **values) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("valid_from", "0001-01-01"),
        ("valid_to", "9999-12-31"),
        ("valid_from", "1999-12-31"),
        ("valid_to", "2101-01-01"),
    ],
)
def test_the_agreement_form_refuses_dates_outside_2000_2100(client, official, seed, field, value):
    committee, partner = Committee.objects.get(abbreviation="AN"), Partner.objects.get(name="Röda Korset")
    client.force_login(official)
    before = Agreement.objects.count()
    response = client.post(
        reverse("partnerships:agreement_create"), agreement_data(committee, partner, **{field: value})
    )
    assert response.status_code == 200
    assert RANGE_MESSAGE in response.content.decode()
    assert Agreement.objects.count() == before


@pytest.mark.parametrize(
    "values",
    [
        {"valid_from": date(1, 1, 1)},
        {"valid_to": date(9999, 12, 31)},
        {"decision_date": date(1999, 12, 31)},
    ],
)
def test_the_database_refuses_agreement_dates_outside_2000_2100(values):
    agreement = AgreementFactory()
    refused_by_the_database(Agreement.objects.filter(pk=agreement.pk), **values)


def test_the_database_refuses_placement_note_and_attendance_dates_outside_2000_2100(coordinator):
    agreement = AgreementFactory(valid_from=date(2000, 1, 1), valid_to=date(2100, 12, 31))
    placement = PlacementFactory(agreement=agreement, start=date(2023, 1, 1))
    note = ProgressNote.objects.create(placement=placement, date=date(2023, 2, 1), progression=2, text="x")
    attendance = Attendance.objects.create(placement=placement, date=date(2023, 2, 1), present=True)
    refused_by_the_database(Placement.objects.filter(pk=placement.pk), planned_end=date(2101, 1, 1))
    refused_by_the_database(ProgressNote.objects.filter(pk=note.pk), date=date(9999, 12, 31))
    refused_by_the_database(Attendance.objects.filter(pk=attendance.pk), date=date(1, 1, 1))


def test_the_database_refuses_follow_up_and_memo_years_outside_2000_2100(seed, secretary):
    follow_up = FollowUp.objects.create(agreement=seed["ikf2023"], year=2023, summary="Text.")
    refused_by_the_database(FollowUp.objects.filter(pk=follow_up.pk), year=9999)
    memo = Memo.objects.create(
        title="Uppföljning", date=date(2022, 3, 30), committee=seed["ikf2023"].committee, created_by=secretary
    )
    refused_by_the_database(Memo.objects.filter(pk=memo.pk), date=date(1, 1, 1))
    refused_by_the_database(Memo.objects.filter(pk=memo.pk), report_year=99)


@pytest.fixture
def open_placement():
    today = timezone.localdate()
    agreement = AgreementFactory(valid_from=date(today.year - 1, 1, 1), valid_to=today + timedelta(days=60))
    return PlacementFactory(agreement=agreement, start=date(today.year - 1, 1, 1))


def post_note(client, placement, day: date):
    return client.post(
        reverse("participants:note_create", args=[placement.pk]),
        {"date": day.isoformat(), "progression": "3", "text": "Tar mer plats i gruppen."},
    )


def test_a_note_cannot_be_dated_in_the_future(client, coordinator, open_placement):
    client.force_login(coordinator)
    response = post_note(client, open_placement, timezone.localdate() + timedelta(days=1))
    assert "Anteckningen kan inte dateras i framtiden." in response.content.decode()
    assert post_note(client, open_placement, timezone.localdate()).status_code == 302
    assert ProgressNote.objects.count() == 1


def test_a_note_lies_within_its_agreement(client, coordinator):
    agreement = AgreementFactory(valid_from=date(2023, 1, 1), valid_to=date(2023, 6, 30))
    placement = PlacementFactory(agreement=agreement, start=date(2023, 2, 1))
    client.force_login(coordinator)
    after = post_note(client, placement, date(2023, 7, 1))
    assert (
        "Anteckningen kan inte dateras efter att överenskommelsen upphörde (2023-06-30)."
        in after.content.decode()
    )
    before = post_note(client, placement, date(2023, 1, 31))
    assert "Anteckningen kan inte dateras före anvisningens start." in before.content.decode()
    assert not ProgressNote.objects.exists()


def test_a_partner_cannot_date_a_note_or_attendance_in_the_future(client, partner_user, open_placement):
    from accounts.models import PartnerMembership
    from partnerships.models import AgreementParty

    partner = Partner.objects.create(name="Föreningen", organisation_number="802000-0000")
    AgreementParty.objects.create(agreement=open_placement.agreement, partner=partner, role="lead")
    PartnerMembership.objects.create(user=partner_user, partner=partner)
    client.force_login(partner_user)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    note = client.post(
        reverse("portal:note_create", args=[open_placement.pk]),
        {"date": tomorrow, "progression": "3", "text": "x"},
    )
    assert note.status_code == 400 and "Anteckningen kan inte dateras i framtiden." in note.content.decode()
    attendance = client.post(
        reverse("portal:attendance_record", args=[open_placement.pk]), {"date": tomorrow, "present": "yes"}
    )
    assert attendance.status_code == 400
    assert not ProgressNote.objects.exists() and not Attendance.objects.exists()


@pytest.mark.parametrize("year", [0, 1, 1999, 2101, 99999, 10**20])
def test_follow_up_urls_with_a_year_outside_2000_2100_are_404(client, official, partner_user, seed, year):
    agreement = seed["ikf2023"]
    client.force_login(official)
    assert client.get(f"/reports/follow-ups/{agreement.pk}/{year}/new/").status_code == 404
    client.force_login(partner_user)
    assert client.get(f"/portal/agreements/{agreement.pk}/follow-ups/{year}/").status_code == 404


def test_an_agreement_over_the_whole_range_gives_at_most_101_year_links(client, official, seed):
    AgreementFactory(valid_from=date(2000, 1, 1), valid_to=date(2100, 12, 31))
    client.force_login(official)
    for url in (reverse("partnerships:overview"), reverse("reports:followup_list")):
        page = client.get(url).content.decode()
        links = set(re.findall(r'class="page-link" href="[^"]*year=(\d+)', page))
        assert len(links) == 101 and min(links) == "2000" and max(links) == "2100"


def test_renewal_past_2100_is_refused_with_a_message(client, official, seed):
    agreement = AgreementFactory(valid_from=date(2099, 1, 1), valid_to=date(2100, 12, 31))
    client.force_login(official)
    response = client.post(reverse("partnerships:agreement_renew", args=[agreement.pk]), follow=True)
    assert response.status_code == 200
    assert "2100-12-31" in response.content.decode()
    assert not agreement.successors.exists()
