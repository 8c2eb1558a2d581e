"""Gallring and an assignment of the same person at the same moment: never an anonymised person
with an open placement, whichever starts first. Both lock the participant's row
(participants.retention.run, participants.assignment.assign). PostgreSQL only: SQLite has no
row locks and serialises writers instead."""

import threading
from datetime import date

import pytest
from django.db import connection, connections  # noqa: F401 (read by the skipif condition)

from participants import assignment, retention
from participants.assignment import AssignmentRefused, assign
from participants.models import Participant, Placement

from .factories import AgreementFactory, ParticipantFactory, PlacementFactory

pytestmark = [
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'", reason="row locks (SELECT … FOR UPDATE) need PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]


def due_person():
    person = ParticipantFactory()
    PlacementFactory(
        participant=person,
        start=date(2023, 1, 1),
        actual_end=date(2023, 3, 1),
        status="ended",
        end_reason="work",
    )
    return person


def assign_again(person, agreement):
    assign(
        participant=person,
        agreement=agreement,
        start=date(2024, 1, 1),
        planned_end=date(2024, 12, 31),
        days_per_week=2,
        by=None,
        today=date(2024, 1, 1),
    )


def run_both(first, second, locked: threading.Event) -> list[str]:
    results: list[str] = []

    def thread(work):
        try:
            results.append(work())
        except AssignmentRefused:
            results.append("refused")
        finally:
            connections.close_all()

    one = threading.Thread(target=thread, args=(first,))
    one.start()
    assert locked.wait(timeout=10)
    two = threading.Thread(target=thread, args=(second,))
    two.start()
    for t in (one, two):
        t.join(timeout=30)
    return results


def test_gallring_first_then_the_assignment_is_refused(monkeypatch):
    person, agreement = due_person(), AgreementFactory()
    locked = threading.Event()
    anonymise = retention._anonymise

    def slow_anonymise(ids, now):
        locked.set()  # the rows are locked by now
        threading.Event().wait(0.5)  # the assignment starts meanwhile and must wait
        return anonymise(ids, now)

    monkeypatch.setattr(retention, "_anonymise", slow_anonymise)
    results = run_both(
        lambda: retention.run(today=date(2025, 6, 1), months=12).participants,
        lambda: assign_again(person, agreement) or "assigned",
        locked,
    )
    assert sorted(map(str, results)) == ["1", "refused"]
    assert Participant.objects.get(pk=person.pk).is_anonymised
    assert not Placement.objects.filter(participant=person, actual_end__isnull=True).exists()


def test_assignment_first_then_gallring_keeps_the_person(monkeypatch):
    person, agreement = due_person(), AgreementFactory()
    locked = threading.Event()
    check = assignment._refuse_unless_room

    def slow_check(**kwargs):
        check(**kwargs)
        locked.set()  # agreement and participant rows are locked by now
        threading.Event().wait(0.5)

    monkeypatch.setattr(assignment, "_refuse_unless_room", slow_check)
    results = run_both(
        lambda: assign_again(person, agreement) or "assigned",
        lambda: retention.run(today=date(2025, 6, 1), months=12).participants,
        locked,
    )
    assert results == ["assigned", 0]
    assert not Participant.objects.get(pk=person.pk).is_anonymised
