"""Assigning participants: within capacity, matching level and validity, most room first."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from participants.assignment import (
    AssignmentRefused,
    assign,
    assignment_options,
    end_placement,
    mark_started,
)
from participants.models import Placement, PlacementStatus
from partnerships.models import Agreement, Level

from .factories import AgreementFactory, ParticipantFactory, PlacementFactory

pytestmark = pytest.mark.django_db

INDIVIDUALS = Agreement.CapacityUnit.INDIVIDUALS_PER_YEAR
TODAY = date(2023, 3, 1)


def do_assign(participant, agreement, start=date(2023, 3, 1), planned_end=None, by=None, **kwargs):
    return assign(
        participant=participant,
        agreement=agreement,
        start=start,
        planned_end=planned_end,
        days_per_week=3,
        by=by,
        today=TODAY,
        **kwargs,
    )


def test_assign_creates_an_ongoing_placement(coordinator):
    agreement = AgreementFactory()
    person = ParticipantFactory()
    placement = do_assign(
        person, agreement, planned_end=date(2023, 8, 31), by=coordinator, goals="Svenska A1"
    )
    assert (placement.status, placement.assigned_by, placement.goals) == (
        PlacementStatus.ONGOING,
        coordinator,
        "Svenska A1",
    )
    assert placement.history.count() == 1


def test_a_future_start_is_assigned_not_ongoing():
    placement = do_assign(ParticipantFactory(), AgreementFactory(), start=date(2023, 4, 1))
    assert placement.status == PlacementStatus.ASSIGNED
    assert mark_started(placement=placement).status == PlacementStatus.ONGOING
    with pytest.raises(AssignmentRefused):
        mark_started(placement=placement)


def test_full_year_places_can_be_filled_exactly_but_not_exceeded():
    agreement = AgreementFactory(capacity_amount=Decimal("2"))
    do_assign(ParticipantFactory(), agreement, start=date(2023, 1, 1), planned_end=date(2023, 12, 31))
    do_assign(ParticipantFactory(), agreement, start=date(2023, 1, 1), planned_end=date(2023, 6, 30))
    do_assign(
        ParticipantFactory(), agreement, start=date(2023, 7, 1), planned_end=date(2023, 12, 31)
    )  # 2 × 365 days
    with pytest.raises(AssignmentRefused) as refused:
        do_assign(ParticipantFactory(), agreement, start=date(2023, 12, 31), planned_end=date(2023, 12, 31))
    assert refused.value.message == (
        f"”{agreement.name}” har inte plats för anvisningen 2023: 2,0 av 2 helårsplatser används redan."
    )
    assert Placement.objects.count() == 3
    # 2024 still has room
    do_assign(ParticipantFactory(), agreement, start=date(2024, 1, 1), planned_end=date(2024, 1, 31))


def test_an_open_placement_without_planned_end_reserves_the_rest_of_the_agreement():
    agreement = AgreementFactory(capacity_amount=Decimal("1"))
    do_assign(ParticipantFactory(), agreement, start=date(2024, 1, 1))  # open to 2024-12-31
    # fits 2023 alone, but would also take days of the full 2024
    with pytest.raises(AssignmentRefused) as refused:
        do_assign(ParticipantFactory(), agreement, start=date(2023, 6, 1), planned_end=date(2024, 1, 31))
    assert "2024" in refused.value.message
    do_assign(ParticipantFactory(), agreement, start=date(2023, 6, 1), planned_end=date(2023, 12, 31))


def test_ending_early_frees_the_place():
    agreement = AgreementFactory(capacity_amount=Decimal("1"))
    placement = do_assign(
        ParticipantFactory(), agreement, start=date(2023, 1, 1), planned_end=date(2023, 12, 31)
    )
    with pytest.raises(AssignmentRefused):
        do_assign(ParticipantFactory(), agreement, start=date(2023, 7, 1), planned_end=date(2023, 12, 31))
    end_placement(placement=placement, end=date(2023, 6, 30), reason="work")
    do_assign(ParticipantFactory(), agreement, start=date(2023, 7, 1), planned_end=date(2023, 12, 31))


def test_individuals_per_year_count_people_not_placements():
    agreement = AgreementFactory(capacity_amount=Decimal("2"), capacity_unit=INDIVIDUALS)
    first = ParticipantFactory()
    placement = do_assign(first, agreement, start=date(2023, 1, 1), planned_end=date(2023, 2, 28))
    do_assign(ParticipantFactory(), agreement, start=date(2023, 1, 1), planned_end=date(2023, 2, 28))
    with pytest.raises(AssignmentRefused) as refused:
        do_assign(ParticipantFactory(), agreement, start=date(2023, 11, 1), planned_end=date(2023, 11, 30))
    assert "2 av 2 individer" in refused.value.message
    # the same person again in the same year takes no new individual's place
    end_placement(placement=placement, end=date(2023, 2, 28), reason="other")
    do_assign(first, agreement, start=date(2023, 11, 1), planned_end=date(2023, 11, 30))
    # a new year starts from zero
    do_assign(ParticipantFactory(), agreement, start=date(2024, 1, 1), planned_end=date(2024, 1, 31))


def test_no_capacity_stated_means_no_limit():
    agreement = AgreementFactory(capacity_amount=None, capacity_unit="")
    for _ in range(3):
        do_assign(ParticipantFactory(), agreement, start=date(2023, 1, 1))
    assert agreement.placements.count() == 3


@pytest.mark.parametrize(
    ("agreement_levels", "participant_level", "allowed"),
    [
        ((None, None), None, True),
        ((None, None), Level.VERY_INDEPENDENT, True),
        ((Level.PARTLY_INDEPENDENT, Level.VERY_INDEPENDENT), Level.PARTLY_INDEPENDENT, True),
        ((Level.PARTLY_INDEPENDENT, Level.VERY_INDEPENDENT), Level.PREPARATORY, False),
        ((Level.PREPARATORY, Level.PREPARATORY), Level.PARTLY_INDEPENDENT, False),
        ((Level.PREPARATORY, Level.PREPARATORY), None, False),
    ],
)
def test_levels_must_match(agreement_levels, participant_level, allowed):
    agreement = AgreementFactory(level_from=agreement_levels[0], level_to=agreement_levels[1])
    person = ParticipantFactory(level=participant_level)
    assert bool(assignment_options(person, date(2023, 3, 1))[0]) is allowed
    if allowed:
        do_assign(person, agreement)
    else:
        with pytest.raises(AssignmentRefused):
            do_assign(person, agreement)


@pytest.mark.parametrize(
    ("start", "planned_end"),
    [
        (date(2022, 12, 31), None),  # before the agreement
        (date(2025, 1, 1), None),  # after it
        (date(2024, 6, 1), date(2025, 1, 31)),  # planned past its end
        (date(2023, 6, 1), date(2023, 5, 31)),  # planned end before start
    ],
)
def test_placements_lie_within_the_agreement(start, planned_end):
    agreement = AgreementFactory()
    with pytest.raises(AssignmentRefused):
        do_assign(ParticipantFactory(), agreement, start=start, planned_end=planned_end)
    assert not Placement.objects.exists()


def test_draft_agreements_take_no_placements():
    with pytest.raises(AssignmentRefused):
        do_assign(ParticipantFactory(), AgreementFactory(stage=Agreement.Stage.DRAFT))


def test_one_open_placement_per_agreement():
    agreement = AgreementFactory()
    person = ParticipantFactory()
    do_assign(person, agreement)
    with pytest.raises(AssignmentRefused) as refused:
        do_assign(person, agreement, start=date(2023, 6, 1))
    assert refused.value.message == "Deltagaren har redan en pågående anvisning i den här överenskommelsen."
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementFactory(participant=person, agreement=agreement)


def test_eligible_agreements_most_room_first():
    start = date(2023, 3, 1)
    roomy = AgreementFactory(name="Roomy", capacity_amount=Decimal("10"))
    tight = AgreementFactory(name="Tight", capacity_amount=Decimal("2"))
    people = AgreementFactory(name="People", capacity_amount=Decimal("4"), capacity_unit=INDIVIDUALS)
    AgreementFactory(name="Unlimited", capacity_amount=None, capacity_unit="")
    full = AgreementFactory(name="Full", capacity_amount=Decimal("1"))
    AgreementFactory(name="Not yet", valid_from=date(2023, 6, 1))
    AgreementFactory(name="Draft", stage=Agreement.Stage.DRAFT)
    AgreementFactory(name="Other level", level_from=Level.VERY_INDEPENDENT, level_to=Level.VERY_INDEPENDENT)
    PlacementFactory(agreement=roomy, start=date(2023, 1, 1), planned_end=date(2023, 12, 31))  # 9 of 10 free
    PlacementFactory(agreement=tight, start=date(2023, 1, 1), planned_end=date(2023, 12, 31))  # 1 of 2 free
    PlacementFactory(agreement=people, start=date(2023, 1, 1), planned_end=date(2023, 1, 31))  # 3 of 4 free
    PlacementFactory(agreement=full, start=date(2023, 1, 1), planned_end=date(2023, 12, 31))
    person = ParticipantFactory(level=Level.PREPARATORY)
    options = assignment_options(person, start)[0]
    assert [o.agreement.name for o in options] == ["Roomy", "People", "Tight", "Unlimited"]
    assert options[0].occupancy.room == 9
    # Full is offered as full, its next place on 1 January (issue 25); the factory's agreements run
    # to 2024-12-31, so one ending 2023-12-31 frees no place before it ends.
    _room, full_options = assignment_options(person, start)
    assert [(o.agreement.name, o.frees_on) for o in full_options] == [("Full", date(2024, 1, 1))]
    full.valid_to = date(2023, 12, 31)
    full.save()
    assert [(o.agreement.name, o.frees_on) for o in assignment_options(person, start)[1]] == [("Full", None)]
    do_assign(person, roomy)
    assert [o.agreement.name for o in assignment_options(person, start)[0]] == [
        "People",
        "Tight",
        "Unlimited",
    ]


def test_end_placement_rules():
    placement = do_assign(ParticipantFactory(), AgreementFactory(), start=date(2023, 3, 1))
    with pytest.raises(AssignmentRefused):
        end_placement(placement=placement, end=date(2023, 2, 28), reason="work")
    with pytest.raises(AssignmentRefused):
        end_placement(placement=placement, end=date(2025, 1, 1), reason="work")
    with pytest.raises(AssignmentRefused):
        end_placement(placement=placement, end=date(2023, 5, 1), reason="bored")
    ended = end_placement(
        placement=placement, end=date(2023, 5, 1), reason="ill_health", status=PlacementStatus.INTERRUPTED
    )
    assert (ended.actual_end, ended.end_reason, ended.status) == (
        date(2023, 5, 1),
        "ill_health",
        "interrupted",
    )
    with pytest.raises(AssignmentRefused):
        end_placement(placement=placement, end=date(2023, 5, 2), reason="work")


def test_room_is_ranked_as_a_share_of_capacity_not_as_places():
    """Issue 25 (a mutant lived: `room / capacity` → `room * capacity` kept every existing order).
    3 of 10 places free (30 %) is less room than 1 of 2 (50 %), though it is more places."""
    start = date(2023, 3, 1)
    big = AgreementFactory(name="Big", capacity_amount=Decimal("10"))
    small = AgreementFactory(name="Small", capacity_amount=Decimal("2"))
    for _ in range(7):
        PlacementFactory(agreement=big, start=date(2023, 1, 1), planned_end=date(2023, 12, 31))
    PlacementFactory(agreement=small, start=date(2023, 1, 1), planned_end=date(2023, 12, 31))
    options = assignment_options(ParticipantFactory(), start)[0]
    assert [(o.agreement.name, o.occupancy.free_share) for o in options] == [
        ("Small", Decimal("0.5")),
        ("Big", Decimal("0.3")),
    ]
