"""Counts printed with their grammar (issue 14): "1 helårsplats", "2 helårsplatser",
"1 inskriven", through the agreement page an official opens and as pure functions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from participants.occupancy import Occupancy, plural_count
from partnerships.models import Agreement

from .factories import AgreementFactory, PlacementFactory


@pytest.mark.parametrize(
    ("value", "count"),
    [
        (1, 1),
        (Decimal("1.0"), 1),
        (2, 2),
        (0, 0),
        (Decimal("0.5"), 2),
        (Decimal("40"), 40),
        ("..", 2),
        ("<5", 2),
    ],
)
def test_plural_count(value, count):
    assert plural_count(value) == count


PLACES = Agreement.CapacityUnit.FULL_YEAR_PLACES
PEOPLE = Agreement.CapacityUnit.INDIVIDUALS_PER_YEAR


@pytest.mark.parametrize(
    ("days", "individuals", "capacity", "unit", "display", "room"),
    [
        (365, 1, Decimal("1"), PLACES, "1,0 av 1 helårsplats", "0,0 helårsplatser lediga"),
        (365, 1, Decimal("2"), PLACES, "1,0 av 2 helårsplatser", "1,0 helårsplats ledig"),
        (365, 1, None, "", "1 individ", None),
        (365, 1, Decimal("1"), PEOPLE, "1 av 1 individ", "0 individer lediga"),
        (365, 1, Decimal("2"), PEOPLE, "1 av 2 individer", "1 individ ledig"),
    ],
)
def test_occupancy_counts_agree_with_their_number(days, individuals, capacity, unit, display, room):
    with translation.override("sv"):
        usage = Occupancy(
            year=2021,
            placement_days=days,
            individuals=individuals,
            capacity_amount=capacity,
            capacity_unit=unit,
        )
        assert usage.display == display
        if room:
            assert usage.room_display == room
        if unit == "":
            assert usage.places_display == "1,0 helårsplats"


@pytest.mark.django_db
def test_the_agreement_page_says_1_inskriven_and_1_helarsplats(client, coordinator):
    agreement = AgreementFactory(
        capacity_amount=Decimal("1"),
        capacity_unit=PLACES,
        valid_from=date(2023, 1, 1),
        valid_to=date(2023, 12, 31),
    )
    PlacementFactory(agreement=agreement, start=date(2023, 1, 1), planned_end=date(2023, 12, 31))
    client.force_login(coordinator)
    page = client.get(agreement.get_absolute_url(), {"year": 2023}).content.decode().replace("\u00a0", " ")
    assert "1,0 av 1 helårsplats<" in page
    assert "1 inskriven, 1 påbörjad, 0 avslutade." in page
