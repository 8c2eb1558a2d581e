"""A create that meets its duplicate (two people, or two clicks, at the same moment) ends in the
existing object or a clear Swedish message, never a server error (issue 8, item 5).

The race is run for real with threads on PostgreSQL (10 simultaneous posts), and staged on both
databases: the competing row is inserted after the form's own checks passed and before its
save, which is exactly the window the threads hit.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, connections  # noqa: F401 (read by the skipif condition)
from django.urls import reverse

from accounts.models import PartnerMembership
from conftest import SecondFactorClient
from participants.forms import ParticipantForm
from participants.models import Attendance, Participant
from participants.tests.factories import AgreementFactory, ParticipantFactory, PlacementFactory
from partnerships.forms import PartnerForm
from partnerships.models import Partner
from reports import followups
from reports.models import FollowUp, Memo, MemoVersion

PEOPLE = 10
NEW_PERSON = {
    "personnummer": "19850412-2386",
    "first_name": "Amina",
    "last_name": "Exempelsson",
    "gender": "woman",
}
FOLLOW_UP = {"enrolled": "", "delivery_mode": "physical", "summary": "Text.", "challenges": "", "results": ""}

on_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="simultaneous writers need PostgreSQL's row locks"
)


def all_at_once(user, post) -> list[int]:
    """`post(client)` from PEOPLE threads released together; the status codes they got."""
    barrier = threading.Barrier(PEOPLE)
    statuses: list[int] = []

    def one():
        client = SecondFactorClient(raise_request_exception=False)
        client.force_login(user)
        try:
            barrier.wait()
            statuses.append(post(client).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one) for _ in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_new_follow_ups_give_one_and_no_server_error(official):
    agreement = AgreementFactory()
    url = reverse("reports:followup_create", args=[agreement.pk, 2023])
    statuses = all_at_once(official, lambda client: client.post(url, FOLLOW_UP))
    assert sorted(statuses) == [302] * PEOPLE
    assert FollowUp.objects.filter(agreement=agreement, year=2023).count() == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_follow_ups_in_the_portal_give_one_and_no_server_error(partner_user):
    agreement = AgreementFactory(valid_from=date(2023, 1, 1), valid_to=date(2024, 12, 31))
    party = agreement.parties.create(partner=Partner.objects.create(name="Föreningen"))
    PartnerMembership.objects.create(user=partner_user, partner=party.partner)
    url = reverse("portal:followup_edit", args=[agreement.pk, 2023])
    statuses = all_at_once(partner_user, lambda client: client.post(url, {**FOLLOW_UP, "save": ""}))
    # Each post is a form opened before any follow-up existed. One creates it; a post that finds no
    # row and loses the INSERT is sent to the winner's ("someone else started it", 302); a post that
    # arrives once the row exists is an edit of a version it never saw: the conflict page (409).
    # Which of the two a loser gets depends on the threads' timing; never a 5xx or a second row.
    assert set(statuses) <= {302, 409} and 302 in statuses, statuses
    assert FollowUp.objects.filter(agreement=agreement, year=2023).count() == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_registrations_of_one_person_give_one_and_a_message(coordinator):
    statuses = all_at_once(
        coordinator, lambda client: client.post(reverse("participants:create"), NEW_PERSON)
    )
    assert sorted(statuses) == [200] * (PEOPLE - 1) + [302]
    assert Participant.objects.filter(personnummer="198504122386").count() == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_new_partners_of_one_name_give_one(official):
    url = reverse("partnerships:partner_create")
    statuses = all_at_once(
        official, lambda client: client.post(url, {"name": "Föreningen", "kind": "association"})
    )
    assert sorted(statuses) == [200] * (PEOPLE - 1) + [302]
    assert Partner.objects.filter(name="Föreningen").count() == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_attendance_reports_for_one_day_give_one(partner_user):
    placement = PlacementFactory(start=date(2023, 1, 1))
    party = placement.agreement.parties.create(partner=Partner.objects.create(name="Föreningen"))
    PartnerMembership.objects.create(user=partner_user, partner=party.partner)
    url = reverse("portal:attendance_record", args=[placement.pk])
    statuses = all_at_once(
        partner_user, lambda client: client.post(url, {"date": "2023-03-01", "present": "yes"})
    )
    assert sorted(statuses) == [302] * PEOPLE
    assert Attendance.objects.filter(placement=placement).count() == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_exports_of_a_memo_number_its_versions_one_to_ten(secretary, monkeypatch):
    from reports import pdf

    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: b"%PDF-1.7 test")
    committee = AgreementFactory().committee
    memo = Memo.objects.create(
        title="Uppföljning", date=date(2022, 3, 30), committee=committee, administration="IAF"
    )
    url = reverse("reports:memo_export", args=[memo.pk])
    statuses = all_at_once(secretary, lambda client: client.post(url))
    assert sorted(statuses) == [302] * PEOPLE
    assert sorted(MemoVersion.objects.filter(memo=memo).values_list("number", flat=True)) == list(
        range(1, PEOPLE + 1)
    )


# The same races, staged one after the other: on SQLite too.


def _insert_after_checks(monkeypatch, form_class, insert):
    """Let `form_class` pass its own checks, then insert the competing row before it saves."""
    checked = form_class._post_clean

    def post_clean(form):
        checked(form)
        insert()

    monkeypatch.setattr(form_class, "_post_clean", post_clean)


@pytest.mark.django_db
def test_a_follow_up_created_meanwhile_is_where_the_official_lands(client, official, monkeypatch):
    agreement = AgreementFactory()
    figure = followups.enrolled_from_placements

    def meanwhile(agreement, year):
        FollowUp.objects.get_or_create(agreement=agreement, year=year, defaults={"summary": "Den andras."})
        return figure(agreement, year)

    monkeypatch.setattr(followups, "enrolled_from_placements", meanwhile)
    client.force_login(official)
    response = client.post(
        reverse("reports:followup_create", args=[agreement.pk, 2023]), FOLLOW_UP, follow=True
    )
    existing = FollowUp.objects.get(agreement=agreement, year=2023)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("reports:followup_edit", args=[existing.pk])
    assert "Någon annan påbörjade den här uppföljningen samtidigt" in response.content.decode()
    assert existing.summary == "Den andras."


@pytest.mark.django_db
def test_a_person_registered_meanwhile_is_refused_with_the_usual_message(client, coordinator, monkeypatch):
    _insert_after_checks(
        monkeypatch,
        ParticipantForm,
        lambda: Participant.objects.get_or_create(personnummer="198504122386", defaults={"first_name": "A"}),
    )
    client.force_login(coordinator)
    response = client.post(reverse("participants:create"), NEW_PERSON)
    assert response.status_code == 200
    assert "En deltagare med det här personnumret finns redan registrerad." in response.content.decode()
    assert Participant.objects.count() == 1


@pytest.mark.django_db
def test_a_partner_registered_meanwhile_is_refused_with_the_usual_message(client, official, monkeypatch):
    _insert_after_checks(monkeypatch, PartnerForm, lambda: Partner.objects.get_or_create(name="Föreningen"))
    client.force_login(official)
    response = client.post(
        reverse("partnerships:partner_create"), {"name": "Föreningen", "kind": "association"}
    )
    assert response.status_code == 200
    assert "finns redan" in response.content.decode()
    assert Partner.objects.filter(name="Föreningen").count() == 1


@pytest.mark.django_db
def test_a_sequential_duplicate_registration_is_a_form_error(client, coordinator):
    ParticipantFactory(personnummer="198504122386")
    client.force_login(coordinator)
    response = client.post(reverse("participants:create"), NEW_PERSON)
    assert response.status_code == 200
    assert "personnumret finns redan registrerad" in response.content.decode()
