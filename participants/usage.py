"""Keeping the per-year usage table (`participants.models.usage`) equal to the placements.

`refresh(agreement_ids)` computes the named agreements' rows again from their placements (one
query, arithmetic in Python: the rules of `participants.occupancy` and `.statistics`) and
replaces them; every function that writes a placement calls it in its own transaction
(`participants.assignment`, the admin). `current(agreements)` is what readers call first: it
refreshes the agreements whose end date changed since their rows were computed, or that have
none yet, so a read never sees rows computed for other dates. `rebuild()` (`manage.py
rebuild_usage`) makes the whole table again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from django.db import transaction

from partnerships.indexation import covered_days
from partnerships.models import Agreement

from .dbfunctions import InIds
from .models import AgreementYearUsage, Placement, UsageStamp

BATCH = 500  # agreements per refresh in a rebuild


def compute(agreement_id: int, valid_to: date, placements: Iterable[tuple]) -> list[AgreementYearUsage]:
    """The rows of one agreement from its placements, each (participant id, gender, start,
    planned end, actual end, end reason). A placement counts from its start to its actual end,
    else its planned end, else the agreement's end `valid_to` (`participants.occupancy`); it
    enrols its participant in every year it covers a day of, starts in its start's year and
    ends in its actual end's year (`participants.statistics`)."""
    people: dict[tuple[int, str], set[int]] = defaultdict(set)
    days: dict[tuple[int, str], int] = defaultdict(int)
    started: dict[tuple[int, str], int] = defaultdict(int)
    ended: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    for participant_id, gender, start, planned_end, actual_end, end_reason in placements:
        until = actual_end or planned_end or valid_to
        for year in range(start.year, until.year + 1):
            covered = covered_days(year, start, until)
            if covered > 0:
                people[year, gender].add(participant_id)
                days[year, gender] += covered
        started[start.year, gender] += 1
        if actual_end is not None:
            reasons = ended[actual_end.year, gender]
            reasons[end_reason] = reasons.get(end_reason, 0) + 1
    keys = sorted(set(people) | set(started) | set(ended))
    return [
        AgreementYearUsage(
            agreement_id=agreement_id,
            year=year,
            gender=gender,
            individuals=len(people.get((year, gender), ())),
            placement_days=days.get((year, gender), 0),
            started=started.get((year, gender), 0),
            ended_by_reason=ended.get((year, gender), {}),
        )
        for year, gender in keys
    ]


@transaction.atomic
def refresh(agreement_ids: Iterable[int]) -> None:
    """Compute the agreements' rows again and replace them, under a lock of the agreements'
    rows (the lock `assign` takes), so two refreshes of one agreement run one after the other."""
    ids = sorted(set(agreement_ids))
    if not ids:
        return
    ends = dict(
        Agreement.objects.select_for_update()
        .filter(InIds("pk", ids))
        .order_by("pk")
        .values_list("pk", "valid_to")
    )
    by_agreement: dict[int, list[tuple]] = defaultdict(list)
    for agreement_id, *placement in (
        Placement.objects.filter(InIds("agreement", ids))
        .values_list(
            "agreement_id",
            "participant_id",
            "participant__gender",
            "start",
            "planned_end",
            "actual_end",
            "end_reason",
        )
        .order_by()
    ):
        by_agreement[agreement_id].append(tuple(placement))
    computed = {
        agreement_id: compute(agreement_id, valid_to, by_agreement.get(agreement_id, ()))
        for agreement_id, valid_to in ends.items()
    }
    kept: dict[int, set[tuple]] = defaultdict(set)
    for row in AgreementYearUsage.objects.filter(InIds("agreement", list(ends))).order_by():
        kept[row.agreement_id].add(_values(row))
    stamps = dict(
        UsageStamp.objects.filter(InIds("agreement", list(ends))).values_list("agreement_id", "valid_to")
    )
    # Only what differs is written: a refresh that changes nothing writes nothing (a demo loaded
    # again, participants/tests/test_demo.py).
    changed = [pk for pk, rows in computed.items() if {_values(row) for row in rows} != kept.get(pk, set())]
    restamped = [pk for pk, valid_to in ends.items() if stamps.get(pk) != valid_to]
    if changed:
        AgreementYearUsage.objects.filter(InIds("agreement", changed)).delete()
        AgreementYearUsage.objects.bulk_create(
            [row for pk in changed for row in computed[pk]], batch_size=2000
        )
    if restamped:
        UsageStamp.objects.filter(InIds("agreement", restamped)).delete()
        UsageStamp.objects.bulk_create(
            [UsageStamp(agreement_id=pk, valid_to=ends[pk]) for pk in restamped], batch_size=2000
        )


def _values(row: AgreementYearUsage) -> tuple:
    return (
        row.year,
        row.gender,
        row.individuals,
        row.placement_days,
        row.started,
        tuple(sorted((reason, n) for reason, n in row.ended_by_reason.items() if n)),
    )


def refresh_for_participant(participant_id: int) -> None:
    """After a participant's gender changed: the agreements they were placed in."""
    refresh(Placement.objects.filter(participant_id=participant_id).values_list("agreement_id", flat=True))


def current(agreements: Iterable[tuple[int, date]]) -> None:
    """Before reading the rows of `agreements` ((id, end date) pairs): refresh those whose rows
    were computed for another end date, or never (one query when none is out of date)."""
    ends = dict(agreements)
    if not ends:
        return
    stamps = dict(
        UsageStamp.objects.filter(InIds("agreement", list(ends))).values_list("agreement_id", "valid_to")
    )
    stale = [pk for pk, valid_to in ends.items() if stamps.get(pk) != valid_to]
    if stale:
        refresh(stale)


def rows(agreement_ids: list[int], year: int) -> Iterator[AgreementYearUsage]:
    """The year's rows of the agreements (after `current`)."""
    return (
        AgreementYearUsage.objects.filter(InIds("agreement", agreement_ids), year=year).order_by().iterator()
    )


def rebuild() -> int:
    """Every agreement's rows again, in batches; returns the number of agreements."""
    ids = list(Agreement.objects.order_by("pk").values_list("pk", flat=True))
    for first in range(0, len(ids), BATCH):
        refresh(ids[first : first + BATCH])
    return len(ids)
