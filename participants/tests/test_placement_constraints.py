"""The database refuses what the forms and services refuse (CHECK, partial UNIQUE, triggers)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from participants.models import Participant, Placement, PlacementStatus

from .factories import AgreementFactory, ParticipantFactory, PlacementFactory

pytestmark = pytest.mark.django_db

needs_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="triggers exist on PostgreSQL only"
)


def refused(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementFactory(**fields)


def test_end_dates_not_before_start():
    refused(start=date(2023, 5, 1), planned_end=date(2023, 4, 30))
    refused(
        start=date(2023, 5, 1), actual_end=date(2023, 4, 30), status=PlacementStatus.ENDED, end_reason="work"
    )


@pytest.mark.parametrize("days", [0, 6])
def test_days_per_week_1_to_5(days):
    refused(days_per_week=days)


@pytest.mark.parametrize(
    "fields",
    [
        {"status": PlacementStatus.ENDED},  # ended without an end date or reason
        {"status": PlacementStatus.ENDED, "actual_end": date(2023, 6, 1)},  # without a reason
        {"status": PlacementStatus.ONGOING, "actual_end": date(2023, 6, 1), "end_reason": "work"},
        {"status": PlacementStatus.ONGOING, "end_reason": "work"},
        {"status": PlacementStatus.INTERRUPTED, "actual_end": date(2023, 6, 1), "end_reason": "boredom"},
        {"status": "lost"},
    ],
)
def test_status_matches_the_end(fields):
    refused(**fields)


def test_one_open_placement_per_participant_and_agreement():
    first = PlacementFactory()
    refused(participant=first.participant, agreement=first.agreement, start=date(2023, 6, 1))
    # an ended one does not block a new one
    PlacementFactory(
        participant=first.participant,
        agreement=first.agreement,
        start=date(2023, 1, 1),
        actual_end=date(2023, 1, 31),
        status=PlacementStatus.ENDED,
        end_reason="work",
    )
    # and another agreement is another matter
    PlacementFactory(participant=first.participant)


def test_participant_constraints():
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(personnummer="8112189876", first_name="A", last_name="B")
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantFactory(gender="unicorn")
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantFactory(level=4)
    person = ParticipantFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantFactory(personnummer=person.personnummer)


@pytest.mark.parametrize(
    ("start", "planned_end", "actual_end"),
    [
        (date(2022, 12, 31), None, None),
        (date(2023, 1, 1), date(2025, 1, 1), None),
        (date(2025, 1, 1), None, None),
    ],
)
def test_clean_keeps_placements_within_the_agreement(start, planned_end, actual_end):
    placement = Placement(
        participant=ParticipantFactory(),
        agreement=AgreementFactory(),
        start=start,
        planned_end=planned_end,
        actual_end=actual_end,
        days_per_week=2,
    )
    with pytest.raises(ValidationError) as raised:
        placement.full_clean()
    assert "Anvisningen måste ligga inom överenskommelsens giltighetstid, 2023-01-01 – 2024-12-31." in str(
        raised.value
    )


@needs_postgresql
@pytest.mark.parametrize(
    "fields",
    [
        {"start": date(2022, 12, 31)},
        {"start": date(2025, 1, 1)},
        {"start": date(2024, 6, 1), "planned_end": date(2025, 1, 1)},
        {
            "start": date(2024, 6, 1),
            "actual_end": date(2025, 1, 1),
            "status": PlacementStatus.ENDED,
            "end_reason": "work",
        },
    ],
)
def test_database_keeps_placements_within_the_agreement(fields):
    refused(agreement=AgreementFactory(), **fields)


@needs_postgresql
def test_database_keeps_placements_within_the_agreement_on_update():
    placement = PlacementFactory(start=date(2023, 3, 1), planned_end=date(2024, 6, 30))
    agreement = placement.agreement
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.filter(pk=placement.pk).update(planned_end=date(2025, 1, 1))
    agreement.valid_to = date(2024, 5, 31)
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.save()
    agreement.valid_to = date(2024, 6, 30)
    agreement.save()  # still covers the placement


def test_triggers_exist_where_promised():
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            pytest.skip("PostgreSQL only")
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgname IN ('placement_within_agreement', 'agreement_keeps_placements')"
        )
        assert sorted(row[0] for row in cursor.fetchall()) == [
            "agreement_keeps_placements",
            "placement_within_agreement",
        ]
