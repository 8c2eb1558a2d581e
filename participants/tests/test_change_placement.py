"""Changing a placement's planned end, days per week and goals through its page: under the
agreement's lock and capacity check (as when assigning), with history, over its version."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry
from conftest import form_data
from participants.assignment import AssignmentRefused, change_placement
from participants.models import Placement

from .factories import AgreementFactory, PlacementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_agreement():
    """One full-year place in 2023, used to the day by two half-year placements."""
    return AgreementFactory(capacity_amount=Decimal("1"), valid_to=date(2023, 12, 31))


@pytest.fixture
def first_half(full_agreement):
    return PlacementFactory(agreement=full_agreement, start=date(2023, 1, 1), planned_end=date(2023, 6, 30))


@pytest.fixture
def second_half(full_agreement):
    return PlacementFactory(agreement=full_agreement, start=date(2023, 7, 1), planned_end=date(2023, 12, 31))


def url(placement: Placement) -> str:
    return reverse("participants:placement_edit", args=[placement.pk])


def test_a_coordinator_changes_end_days_and_goals_with_history(client, coordinator, first_half):
    client.force_login(coordinator)
    page = client.get(url(first_half))
    assert page.status_code == 200
    data = {**form_data(page), "planned_end": "2023-05-31", "days_per_week": "4", "goals": "Praktik i butik."}
    response = client.post(url(first_half), data)
    assert response.status_code == 302 and response["Location"] == first_half.participant.get_absolute_url()
    first_half.refresh_from_db()
    assert (first_half.planned_end, first_half.days_per_week, first_half.goals) == (
        date(2023, 5, 31),
        4,
        "Praktik i butik.",
    )
    assert first_half.version == 2
    record = first_half.history.latest()
    changed = {c.field for c in record.diff_against(record.prev_record).changes}
    assert changed == {"planned_end", "days_per_week", "goals"}
    assert list(AccessLogEntry.objects.order_by("pk").values_list("action", "url_name")) == [
        ("edit", "participants:placement_edit"),
        ("change", "participants:placement_edit"),
    ]
    detail = client.get(first_half.participant.get_absolute_url()).content.decode()
    assert "Planerat slut" in detail and "2023-05-31" in detail  # the history, readable


def test_a_later_end_that_breaks_the_capacity_is_refused_with_the_reason(
    client, coordinator, first_half, second_half
):
    client.force_login(coordinator)
    data = {**form_data(client.get(url(first_half))), "planned_end": "2023-07-31"}
    response = client.post(url(first_half), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "har inte plats för anvisningen 2023: 1,0 av 1 helårsplats används redan." in html
    first_half.refresh_from_db()
    assert first_half.planned_end == date(2023, 6, 30) and first_half.version == 1


def test_a_shorter_placement_or_other_days_always_fit(client, coordinator, first_half, second_half):
    client.force_login(coordinator)
    data = {**form_data(client.get(url(first_half))), "planned_end": "2023-06-15", "days_per_week": "5"}
    assert client.post(url(first_half), data).status_code == 302
    first_half.refresh_from_db()
    assert (first_half.planned_end, first_half.days_per_week) == (date(2023, 6, 15), 5)


def test_an_empty_planned_end_reserves_the_rest_of_the_agreement(first_half, second_half):
    """No planned end counts to the agreement's end (participants/occupancy.py): no room for it."""
    with pytest.raises(AssignmentRefused):
        change_placement(placement=first_half, planned_end=None, days_per_week=3, goals="")


def test_a_change_over_someone_elses_save_is_refused(client, coordinator, administrator, first_half):
    client.force_login(coordinator)
    mine = form_data(client.get(url(first_half)))
    client.force_login(administrator)
    theirs = {**form_data(client.get(url(first_half))), "goals": "Först sparat."}
    assert client.post(url(first_half), theirs).status_code == 302

    client.force_login(coordinator)
    response = client.post(url(first_half), {**mine, "days_per_week": "1"})
    assert response.status_code == 409 and "Någon annan har sparat" in response.content.decode()
    first_half.refresh_from_db()
    assert (first_half.goals, first_half.days_per_week) == ("Först sparat.", 3)


def test_an_ended_placement_cannot_be_changed(client, coordinator, first_half):
    first_half.actual_end, first_half.status, first_half.end_reason = date(2023, 3, 1), "ended", "work"
    first_half.save()
    client.force_login(coordinator)
    assert client.get(url(first_half)).status_code == 302
    with pytest.raises(AssignmentRefused):
        change_placement(placement=first_half, planned_end=None, days_per_week=2, goals="")


def test_a_save_without_changes_records_no_history(client, coordinator, first_half):
    client.force_login(coordinator)
    records = first_half.history.count()
    assert client.post(url(first_half), form_data(client.get(url(first_half)))).status_code == 302
    assert first_half.history.count() == records


@pytest.mark.parametrize("role", ["official", "secretary", "partner_user"])
def test_other_roles_cannot_change_a_placement(client, request, role, first_half):
    client.force_login(request.getfixturevalue(role))
    data = {"planned_end": "2023-03-31", "days_per_week": "1", "goals": "", "seen_version": "1"}
    assert client.post(url(first_half), data).status_code == 403
    first_half.refresh_from_db()
    assert first_half.planned_end == date(2023, 6, 30)
