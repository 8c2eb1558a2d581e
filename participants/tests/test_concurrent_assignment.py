"""Two coordinators take the last place at the same moment: exactly one succeeds.

Runs against PostgreSQL only (SQLite has no row locks and serialises writers instead). The
capacity check is slowed down so that, without the row lock, both requests would pass it
before either inserts — the test then fails with two placements.
"""

import threading
import time
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, connections  # noqa: F401 (read by the skipif condition)

from participants import assignment
from participants.assignment import AssignmentRefused, assign
from participants.models import Placement
from partnerships.models import Agreement

from .factories import AgreementFactory, ParticipantFactory, PlacementFactory


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="row locks (SELECT … FOR UPDATE) need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "unit", [Agreement.CapacityUnit.INDIVIDUALS_PER_YEAR, Agreement.CapacityUnit.FULL_YEAR_PLACES]
)
def test_two_coordinators_take_the_last_place_at_once(unit, monkeypatch):
    agreement = AgreementFactory(capacity_amount=Decimal("2"), capacity_unit=unit)
    PlacementFactory(agreement=agreement, start=date(2023, 1, 1), planned_end=date(2023, 12, 31))
    people = [ParticipantFactory(), ParticipantFactory()]

    check = assignment._refuse_unless_room

    def slow_check(**kwargs):
        check(**kwargs)
        time.sleep(0.5)

    monkeypatch.setattr(assignment, "_refuse_unless_room", slow_check)
    barrier = threading.Barrier(len(people))
    results: list[str] = []

    def coordinator(person):
        try:
            barrier.wait()
            assign(
                participant=person,
                agreement=agreement,
                start=date(2023, 1, 1),
                planned_end=date(2023, 12, 31),
                days_per_week=3,
                by=None,
                today=date(2023, 1, 1),
            )
            results.append("assigned")
        except AssignmentRefused:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=coordinator, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results) == ["assigned", "refused"]
    assert Placement.objects.filter(agreement=agreement).count() == 2
