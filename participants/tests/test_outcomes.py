"""Outcomes after the activity (issue 24): a coordinator records where the person is 6 and 12
months after a placement ended; due on the start page and in the reminders from one QuerySet
method; logged; kept by gallring like the end reason, with nothing more recorded after it."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AccessLogEntry
from notifications.models import Reminder
from notifications.reminders import run_reminders
from participants import retention
from participants.assignment import AssignmentRefused
from participants.models import Placement, PlacementOutcome, Situation, months_after
from participants.outcomes import record_outcomes
from participants.statistics import yearly_figures

from .factories import AgreementFactory, CommitteeFactory, PlacementFactory

pytestmark = pytest.mark.django_db

TODAY = date(2024, 3, 1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2023, 6, 30), 6, date(2023, 12, 30)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2023, 8, 31), 12, date(2024, 8, 31)),
        (date(2023, 12, 31), -6, date(2023, 6, 30)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_months_after_counts_calendar_months(day, months, expected):
    assert months_after(day, months) == expected


def ended(end=date(2023, 8, 31), start=date(2023, 2, 1), **kwargs):
    return PlacementFactory(start=start, actual_end=end, status="ended", end_reason="work", **kwargs)


@pytest.mark.parametrize(
    ("on", "months", "latest"),
    [
        (date(2024, 2, 29), 6, date(2023, 8, 31)),
        (date(2024, 2, 28), 6, date(2023, 8, 28)),
        (date(2024, 3, 15), 12, date(2023, 3, 15)),
        (date(2023, 9, 30), 6, date(2023, 3, 31)),
    ],
)
def test_latest_end_due_is_the_exact_inverse_of_months_after(on, months, latest):
    from participants.models.outcomes import latest_end_due

    assert latest_end_due(on, months) == latest
    assert months_after(latest, months) <= on < months_after(latest + timedelta(days=1), months)


def test_due_six_months_after_the_end_until_recorded(coordinator):
    placement = ended()
    assert not Placement.objects.outcome_due(on=date(2024, 2, 28), months=6).exists()
    assert list(Placement.objects.outcome_due(on=date(2024, 2, 29), months=6)) == [placement]
    assert not Placement.objects.outcome_due(on=date(2024, 2, 29), months=12).exists()
    record_outcomes(placement=placement, situations={6: Situation.WORK}, by=coordinator, today=TODAY)
    assert not Placement.objects.outcome_due(on=TODAY, months=6).exists()
    # listed for half a year from its day, then no longer (it can still be recorded)
    assert Placement.objects.outcome_due(on=date(2025, 2, 1), months=12).exists()
    assert not Placement.objects.outcome_due(on=date(2025, 4, 1), months=12).exists()


def test_the_twelve_month_outcome_cannot_be_recorded_before_its_day(coordinator):
    placement = ended()
    with pytest.raises(AssignmentRefused, match="2024-08-31"):
        record_outcomes(placement=placement, situations={12: Situation.WORK}, by=coordinator, today=TODAY)
    open_placement = PlacementFactory()
    with pytest.raises(AssignmentRefused):
        record_outcomes(placement=open_placement, situations={6: Situation.WORK}, by=coordinator, today=TODAY)
    assert not PlacementOutcome.objects.exists()


def test_the_database_refuses_a_second_outcome_or_another_month(coordinator):
    placement = ended()
    PlacementOutcome.objects.create(placement=placement, months=6, situation=Situation.WORK)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementOutcome.objects.create(placement=placement, months=6, situation=Situation.STUDIES)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementOutcome.objects.create(placement=placement, months=9, situation=Situation.WORK)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementOutcome.objects.create(placement=placement, months=12, situation="holiday")


def test_a_coordinator_records_it_on_the_page_and_the_view_is_logged(client, coordinator):
    placement = ended()
    client.force_login(coordinator)
    url = reverse("participants:placement_outcomes", args=[placement.pk])
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        page = client.get(url).content.decode()
        assert 'name="situation_12"' in page and "2024-08-31" in page  # shown disabled until then
        response = client.post(url, {"situation_6": "job_seeking", "situation_12": "work"})
    assert response.status_code == 302
    outcome = PlacementOutcome.objects.get()
    assert (outcome.months, outcome.situation, outcome.recorded_by) == (6, "job_seeking", coordinator)
    actions = list(
        AccessLogEntry.objects.filter(participant=placement.participant).values_list("action", flat=True)
    )
    assert sorted(actions) == ["change", "edit"]
    detail = client.get(placement.participant.get_absolute_url()).content.decode()
    assert "Efter 6 månader: arbetssökande" in detail


def test_an_official_may_not_and_another_committees_placement_is_a_404(client, official, coordinator):
    placement = ended()
    other = ended(
        agreement=AgreementFactory(committee=CommitteeFactory(name="Socialnämnden", abbreviation="SN"))
    )
    url = reverse("participants:placement_outcomes", args=[placement.pk])
    client.force_login(official)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(reverse("participants:placement_outcomes", args=[other.pk])).status_code == 404
    assert client.get(url).status_code == 200


def test_due_on_the_coordinators_start_page(client, coordinator):
    placement = ended()
    client.force_login(coordinator)
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        page = client.get(reverse("home")).content.decode()
    panel = page.split('id="outcomes-due"')[1].split("</section>")[0]
    assert reverse("participants:placement_outcomes", args=[placement.pk]) in panel
    assert "6 månader efter avslutet, sedan 2024-02-29" in panel
    assert AccessLogEntry.objects.filter(participant=placement.participant, action="list").exists()


def test_the_reminder_goes_once_to_the_committees_coordinators_without_the_name(
    coordinator, django_user_model
):
    from accounts import roles
    from conftest import make_user

    placement = ended()
    other_committee = CommitteeFactory(name="Socialnämnden", abbreviation="SN")
    stranger = make_user(django_user_model, "sn-koordinator", roles.COORDINATOR)
    stranger.committee_memberships.all().delete()
    stranger.committee_memberships.create(committee=other_committee)
    made = [r for r in run_reminders(as_of=TODAY) if r.kind == Reminder.Kind.OUTCOME_DUE]
    assert [r.recipient for r in made] == [coordinator]
    assert placement.participant.first_name not in made[0].subject + made[0].body
    assert made[0].url == reverse("participants:placement_outcomes", args=[placement.pk])
    assert [r for r in run_reminders(as_of=TODAY) if r.kind == Reminder.Kind.OUTCOME_DUE] == []


def test_gallring_keeps_the_outcomes_and_the_figures_and_nothing_more_is_recorded(coordinator):
    agreement = AgreementFactory(valid_from=date(2021, 1, 1))
    placement = ended(start=date(2021, 2, 1), end=date(2021, 6, 30), agreement=agreement)
    record_outcomes(placement=placement, situations={6: "work", 12: "studies"}, by=coordinator, today=TODAY)
    before = yearly_figures([placement.agreement], 2021)[placement.agreement_id]
    retention.run(today=date(2026, 12, 1), months=24)
    placement.refresh_from_db()
    assert placement.participant.is_anonymised
    assert yearly_figures([placement.agreement], 2021)[placement.agreement_id] == before
    assert before.outcomes[6]["work"]["woman"] == 1 and before.outcomes[12]["studies"]["woman"] == 1
    assert not Placement.objects.outcome_due(on=date(2022, 1, 1), months=6).exists()
    with pytest.raises(AssignmentRefused):
        record_outcomes(placement=placement, situations={6: "unknown"}, by=coordinator, today=TODAY)


def test_the_register_extract_lists_the_outcomes(client, coordinator):
    placement = ended()
    record_outcomes(placement=placement, situations={6: "income_support"}, by=coordinator, today=TODAY)
    client.force_login(coordinator)
    page = client.get(reverse("participants:extract", args=[placement.participant.pk])).content.decode()
    assert "försörjningsstöd" in page.split('class="table table-sm mb-0 extract-outcomes"')[1]
    data = client.get(reverse("participants:extract_json", args=[placement.participant.pk])).json()
    assert data["placements"][0]["outcomes"][0]["situation"]["value"] == "income_support"
