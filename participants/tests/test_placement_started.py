"""A placement is "Påbörjad" (ongoing) only from its start date: the service, the page's button
and the model's validation (the admin) all refuse it before then."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from participants.assignment import AssignmentRefused, mark_started
from participants.models import Placement, PlacementStatus

from .factories import AgreementFactory, PlacementFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Anvisningen börjar {start}: den kan inte markeras som påbörjad före dess."


def future_placement() -> Placement:
    today = timezone.localdate()
    agreement = AgreementFactory(valid_from=date(today.year, 1, 1), valid_to=date(today.year + 2, 12, 31))
    return PlacementFactory(
        agreement=agreement, start=date(today.year + 1, 1, 1), status=PlacementStatus.ASSIGNED
    )


def test_the_service_refuses_to_start_a_placement_before_its_start_date():
    placement = PlacementFactory(status=PlacementStatus.ASSIGNED, start=date(2023, 4, 1))
    with pytest.raises(AssignmentRefused) as refused:
        mark_started(placement=placement, today=date(2023, 3, 31))
    assert refused.value.message == MESSAGE.format(start="2023-04-01")
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ASSIGNED
    assert mark_started(placement=placement, today=date(2023, 4, 1)).status == PlacementStatus.ONGOING


def test_the_start_button_is_refused_and_hidden_before_the_start_date(client, coordinator):
    placement = future_placement()
    client.force_login(coordinator)
    detail = client.get(placement.participant.get_absolute_url()).content.decode()
    assert reverse("participants:placement_start", args=[placement.pk]) not in detail
    response = client.post(reverse("participants:placement_start", args=[placement.pk]), follow=True)
    assert MESSAGE.format(start=f"{placement.start:%Y-%m-%d}") in response.content.decode()
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ASSIGNED


def test_the_start_button_shows_from_the_start_date(client, coordinator):
    today = timezone.localdate()
    agreement = AgreementFactory(valid_from=date(today.year - 1, 1, 1), valid_to=date(today.year + 1, 12, 31))
    placement = PlacementFactory(
        agreement=agreement, status=PlacementStatus.ASSIGNED, start=today - timedelta(days=1)
    )
    client.force_login(coordinator)
    detail = client.get(placement.participant.get_absolute_url()).content.decode()
    assert reverse("participants:placement_start", args=[placement.pk]) in detail


def test_validation_refuses_an_ongoing_placement_before_its_start_date():
    placement = future_placement()
    placement.status = PlacementStatus.ONGOING
    with pytest.raises(ValidationError) as refused:
        placement.full_clean()
    assert refused.value.message_dict["status"] == [MESSAGE.format(start=f"{placement.start:%Y-%m-%d}")]
