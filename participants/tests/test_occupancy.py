"""Occupancy per agreement and year: exact figures, the open-placement rule, the same sums on
PostgreSQL and SQLite (run the suite on both)."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from participants import occupancy
from participants.models import Placement, PlacementStatus
from participants.occupancy import Occupancy, fits, format_one_decimal, full_year_places
from partnerships.indexation import covered_days
from partnerships.models import Agreement

from .factories import AgreementFactory, ParticipantFactory, PlacementFactory

PLACES = Agreement.CapacityUnit.FULL_YEAR_PLACES
INDIVIDUALS = Agreement.CapacityUnit.INDIVIDUALS_PER_YEAR


@pytest.mark.parametrize(
    ("days", "year", "expected"),
    [
        (184, 2023, Decimal(184) / Decimal(365)),  # 1 Jul – 31 Dec 2023
        (365, 2023, Decimal(1)),
        (366, 2024, Decimal(1)),  # leap year
        (183, 2024, Decimal("0.5")),
        (0, 2023, Decimal(0)),
    ],
)
def test_full_year_places(days, year, expected):
    assert full_year_places(days, year) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal(184) / Decimal(365), "0,5"),
        (Decimal("32.45"), "32,5"),  # half up
        (Decimal("32.44"), "32,4"),
        (Decimal("40"), "40,0"),
        (Decimal("0"), "0,0"),
    ],
)
def test_one_decimal_with_a_comma(value, expected):
    assert format_one_decimal(value) == expected


def test_display_in_the_contracts_unit():
    places = Occupancy(
        year=2023, placement_days=11_863, individuals=41, capacity_amount=Decimal("40"), capacity_unit=PLACES
    )
    assert places.display == "32,5 av 40 helårsplatser"
    assert places.individuals_display == "41 individer"
    assert places.room == Decimal(40) - Decimal(11_863) / Decimal(365)
    people = Occupancy(
        year=2021,
        placement_days=9_000,
        individuals=54,
        capacity_amount=Decimal("60"),
        capacity_unit=INDIVIDUALS,
    )
    assert people.display == "54 av 60 individer"
    assert people.room == 6
    assert people.room_display == "6 individer lediga"
    unlimited = Occupancy(
        year=2021, placement_days=365, individuals=1, capacity_amount=None, capacity_unit=""
    )
    assert (unlimited.display, unlimited.places_display, unlimited.room) == (
        "1 individ",
        "1,0 helårsplats",
        None,
    )


@pytest.mark.parametrize(
    ("unit", "used_days", "used_individuals", "added_days", "adds_individual", "expected"),
    [
        (PLACES, 39 * 365, 0, 365, True, True),  # exactly 40 places
        (PLACES, 39 * 365, 0, 366, True, False),  # one day over
        (PLACES, 40 * 365, 0, 0, True, True),  # nothing added in this year
        (INDIVIDUALS, 0, 59, 10, True, True),
        (INDIVIDUALS, 0, 60, 10, True, False),
        (INDIVIDUALS, 0, 60, 10, False, True),  # already counted this year
    ],
)
def test_fits(unit, used_days, used_individuals, added_days, adds_individual, expected):
    capacity = Decimal(40) if unit == PLACES else Decimal(60)
    assert (
        fits(
            capacity_amount=capacity,
            capacity_unit=unit,
            year=2023,
            used_days=used_days,
            used_individuals=used_individuals,
            added_days=added_days,
            adds_individual=adds_individual,
        )
        is expected
    )


@pytest.mark.django_db
def test_half_a_year_is_184_of_365_of_a_place():
    placement = PlacementFactory(start=date(2023, 7, 1), actual_end=date(2023, 12, 31), ended=True)
    usage = occupancy.usage_by_agreement([placement.agreement], 2023)[placement.agreement.pk]
    assert (usage.placement_days, usage.individuals) == (184, 1)
    assert usage.full_year_places == Decimal(184) / Decimal(365)
    assert usage.display == "0,5 av 40 helårsplatser"
    assert (
        occupancy.usage_by_agreement([placement.agreement], 2024)[placement.agreement.pk].placement_days == 0
    )


@pytest.mark.django_db
def test_open_placement_counts_to_its_planned_end_else_to_the_agreements_end():
    agreement = AgreementFactory(valid_from=date(2023, 1, 1), valid_to=date(2024, 12, 31))
    PlacementFactory(agreement=agreement, start=date(2023, 7, 1), planned_end=date(2024, 3, 31))
    PlacementFactory(agreement=agreement, start=date(2024, 1, 1), planned_end=None)
    usage = occupancy.usage_by_agreement([agreement], 2024)[agreement.pk]
    # 1 Jan – 31 Mar 2024 (31 + 29 + 31 = 91 days) + the whole leap year 2024 (366 days)
    assert (usage.placement_days, usage.individuals) == (91 + 366, 2)
    assert occupancy.usage_by_agreement([agreement], 2023)[agreement.pk].placement_days == 184


@pytest.mark.django_db
def test_an_open_placement_counts_to_the_end_of_an_agreement_ending_within_the_year():
    agreement = AgreementFactory(valid_from=date(2023, 1, 1), valid_to=date(2024, 6, 30))
    PlacementFactory(agreement=agreement, start=date(2024, 2, 1), planned_end=None)
    PlacementFactory(agreement=agreement, start=date(2023, 11, 1), planned_end=None)
    PlacementFactory(agreement=agreement, start=date(2024, 3, 1), planned_end=date(2024, 3, 31))
    never = AgreementFactory(valid_from=date(2025, 1, 1), valid_to=date(2025, 12, 31))
    usage = occupancy.usage_by_agreement([agreement, never], 2024)
    # 1 Feb – 30 Jun (29 + 31 + 30 + 31 + 30 = 151 days), 1 Jan – 30 Jun (182), March (31)
    assert (usage[agreement.pk].placement_days, usage[agreement.pk].individuals) == (151 + 182 + 31, 3)
    assert (usage[never.pk].placement_days, usage[never.pk].individuals) == (0, 0)
    assert occupancy.usage_by_agreement([agreement], 2023)[agreement.pk].placement_days == 61


@pytest.mark.django_db
def test_individuals_are_distinct_people():
    agreement = AgreementFactory(capacity_amount=Decimal(60), capacity_unit=INDIVIDUALS)
    person = ParticipantFactory()
    PlacementFactory(
        agreement=agreement,
        participant=person,
        start=date(2023, 1, 1),
        actual_end=date(2023, 3, 31),
        ended=True,
    )
    PlacementFactory(
        agreement=agreement, participant=person, start=date(2023, 9, 1), planned_end=date(2023, 9, 30)
    )
    PlacementFactory(agreement=agreement, start=date(2023, 12, 31), planned_end=date(2024, 1, 31))
    usage = occupancy.usage_by_agreement([agreement], 2023)[agreement.pk]
    assert (usage.individuals, usage.placement_days) == (2, 90 + 30 + 1)
    assert usage.display == "2 av 60 individer"
    by_year = occupancy.occupancy_by_year(agreement)
    assert [(o.year, o.individuals, o.placement_days) for o in by_year] == [(2023, 2, 121), (2024, 1, 31)]


@pytest.mark.django_db
def test_agreements_without_placements_have_zero_and_other_agreements_do_not_leak():
    first, second = AgreementFactory(), AgreementFactory()
    PlacementFactory(agreement=first, start=date(2023, 1, 1), planned_end=date(2023, 12, 31))
    usage = occupancy.usage_by_agreement([first, second], 2023)
    assert (usage[first.pk].placement_days, usage[second.pk].placement_days) == (365, 0)
    assert usage[second.pk].display == "0,0 av 40 helårsplatser"


@pytest.mark.django_db
def test_usage_is_two_queries(django_assert_num_queries):
    """The stamps and the year's rows of the per-year usage (participants/usage.py)."""
    agreements = [AgreementFactory() for _ in range(3)]
    for agreement in agreements:
        PlacementFactory.create_batch(2, agreement=agreement, start=date(2023, 2, 1))
    with django_assert_num_queries(2):
        occupancy.usage_by_agreement(agreements, 2023)
    with django_assert_num_queries(1):
        occupancy.occupancy_by_year(agreements[0])


@pytest.mark.django_db
def test_database_day_counts_equal_the_python_rule():
    """The SQL date arithmetic (PostgreSQL date − date, SQLite julianday) against
    `partnerships.indexation.covered_days` on many placements, leap years included."""
    agreement = AgreementFactory(
        valid_from=date(2019, 6, 15), valid_to=date(2025, 3, 1), capacity_amount=None, capacity_unit=""
    )
    rng = random.Random(20230701)
    for _ in range(60):
        start = agreement.valid_from + timedelta(days=rng.randrange(0, 2000))
        end = start + timedelta(days=rng.randrange(0, 800))
        end = min(end, agreement.valid_to)
        kind = rng.choice(["actual", "planned", "open"])
        PlacementFactory(
            agreement=agreement,
            start=start,
            planned_end=end if kind == "planned" else None,
            actual_end=end if kind == "actual" else None,
            status=PlacementStatus.ENDED if kind == "actual" else PlacementStatus.ONGOING,
            end_reason="work" if kind == "actual" else "",
        )
    placements = list(Placement.objects.select_related("agreement"))
    for year in range(2019, 2026):
        annotated = dict(Placement.objects.with_days_in_year(year).values_list("pk", "days"))
        for placement in placements:
            assert annotated[placement.pk] == covered_days(year, placement.start, placement.last_counted_day)
        expected_total = sum(covered_days(year, p.start, p.last_counted_day) for p in placements)
        expected_people = len(
            {p.participant_id for p in placements if covered_days(year, p.start, p.last_counted_day)}
        )
        usage = occupancy.usage_by_agreement([agreement], year)[agreement.pk]
        assert (usage.placement_days, usage.individuals) == (expected_total, expected_people)
