"""Assigning (anvisa) participants to agreements' activities within capacity, and ending placements.

Capacity is contractual (docs/domain.md, follow-up memo: "40 helårsplatser"; the IKF decision memo (docs/domain.md): "60 individer per år"), so an
assignment that would exceed it is refused, even when two coordinators take the last place at
the same moment: `assign` locks the agreement's row (`SELECT … FOR UPDATE`) and checks the
capacity inside the lock, so the second request waits for the first to commit and then sees its
placement. (SQLite has no row locks; it serialises writers on the whole database instead.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import claim_version
from partnerships.indexation import covered_days
from partnerships.models import Agreement, Level

from . import occupancy, usage
from .models import EndReason, Participant, Placement, PlacementStatus, not_started_message


class AssignmentRefused(Exception):
    """A placement the rules do not allow; `message` is for the coordinator, in Swedish."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def level_matches(agreement: Agreement, level: int | None) -> bool:
    """An agreement without levels (not a work-like activity) takes any participant; one with
    levels takes participants whose assessed level lies within them (docs/domain.md, follow-up memo, Arena
    Arbetsmarknad's categorisation "för att kunna matcha deltagarens grad av självständighet")."""
    if agreement.level_from is None:
        return True
    return level is not None and agreement.level_from <= level <= agreement.level_to


def level_filter(level: int | None) -> Q:
    """`level_matches` as a database filter on agreements."""
    query = Q(level_from__isnull=True)
    if level is not None:
        query |= Q(level_from__lte=level, level_to__gte=level)
    return query


@dataclass(frozen=True)
class Option:
    """An agreement a participant can be assigned to, with its occupancy in the start year."""

    agreement: Agreement
    occupancy: occupancy.Occupancy


@dataclass(frozen=True)
class FullOption:
    """An agreement that would take the participant but has no room in the start year, and the
    day a place is next expected to free up (None: none before the agreement ends)."""

    agreement: Agreement
    occupancy: occupancy.Occupancy
    frees_on: date | None


def assignment_options(
    participant: Participant, start: date, *, among=None
) -> tuple[list[Option], list[FullOption]]:
    """The agreements the participant can be assigned to on `start` (most room first), and
    those that would take them but are full, with the day a place frees up (issue 25: a full
    activity vanished from the list without a word, and the capacity message showed only on a
    forced POST).

    Decided agreements valid on `start`, whose levels include the participant's level, with no
    open placement of the participant. Room is compared as the free share of each agreement's
    capacity, so places and individuals can be ranked together; agreements that state no capacity
    (no limit) come after those that do, so the contracted places are filled first. Two queries
    whatever the number of agreements. `among`: the agreements to choose from (the user's,
    `Agreement.objects.for_access`), or all.

    When a place frees up: capacity is a yearly figure (full-year places, or individuals per year:
    docs/domain.md, Capacity), and a full year's places are booked to their planned ends, so the
    next place comes with the next year, on 1 January — or earlier only if a placement is ended
    early, which then shows here at once. None when the agreement ends before then.
    """
    agreements = list(
        (Agreement.objects.all() if among is None else among)
        .decided()
        .filter(valid_from__lte=start, valid_to__gte=start)
        .filter(level_filter(participant.level))
        .exclude(Exists(Placement.objects.open().filter(agreement=OuterRef("pk"), participant=participant)))
        .select_related("committee")
        .order_by("name", "pk")
    )
    usage = occupancy.usage_by_agreement(agreements, start.year)
    options = [
        Option(agreement, usage[agreement.pk]) for agreement in agreements if not usage[agreement.pk].is_full
    ]
    full = [agreement for agreement in agreements if usage[agreement.pk].is_full]
    # (no agreement runs past 2100, so a start in 9999 finds none and needs no next year)
    new_year = date(start.year + 1, 1, 1) if full else None
    ranked = sorted(
        options,
        key=lambda option: (
            option.occupancy.free_share is None,
            -(option.occupancy.free_share or 0),
            option.agreement.name,
        ),
    )
    return ranked, [
        FullOption(agreement, usage[agreement.pk], new_year if new_year <= agreement.valid_to else None)
        for agreement in full
    ]


def _refuse_unless_allowed(
    *,
    participant: Participant,
    agreement: Agreement,
    start: date,
    planned_end: date | None,
    days_per_week: int,
) -> None:
    if agreement.stage != Agreement.Stage.DECIDED:
        raise AssignmentRefused(
            _("“%(name)s” is not decided yet and cannot take placements.") % {"name": agreement.name}
        )
    if not agreement.valid_from <= start <= agreement.valid_to:
        raise AssignmentRefused(
            _("The start date must lie within the agreement's validity, %(start)s – %(end)s.")
            % {"start": f"{agreement.valid_from:%Y-%m-%d}", "end": f"{agreement.valid_to:%Y-%m-%d}"}
        )
    if planned_end is not None and planned_end < start:
        raise AssignmentRefused(_("The planned end cannot be before the start."))
    if planned_end is not None and planned_end > agreement.valid_to:
        raise AssignmentRefused(
            _("The planned end cannot be after the agreement ends (%(end)s).")
            % {"end": f"{agreement.valid_to:%Y-%m-%d}"}
        )
    if not 1 <= days_per_week <= 5:
        raise AssignmentRefused(_("Days per week must be between 1 and 5."))
    if not level_matches(agreement, participant.level):
        level = Level(participant.level).label if participant.level else _("not assessed")
        raise AssignmentRefused(
            _(
                "“%(name)s” takes participants at the levels %(levels)s; this participant's level is %(level)s."
            )
            % {"name": agreement.name, "levels": agreement.levels_display, "level": level}
        )
    if Placement.objects.open().filter(participant=participant, agreement=agreement).exists():
        raise AssignmentRefused(_("The participant already has an open placement in this agreement."))


def _refuse_unless_room(
    *,
    participant: Participant,
    agreement: Agreement,
    start: date,
    last: date,
    replacing: Placement | None = None,
) -> None:
    """Every calendar year the placement covers must stay within the capacity. `replacing` is
    the placement itself when its dates change (`change_placement`): only the days it adds to
    what it already counted need room, and a shorter placement always fits."""
    if agreement.capacity_amount is None:
        return
    years = range(start.year, last.year + 1)
    usage = occupancy.usage_by_year(agreement, years, participant=participant)
    for year in years:
        used = usage[year]
        counted = covered_days(year, replacing.start, replacing.last_counted_day) if replacing else 0
        if not occupancy.fits(
            capacity_amount=agreement.capacity_amount,
            capacity_unit=agreement.capacity_unit,
            year=year,
            used_days=used.days,
            used_individuals=used.individuals,
            added_days=covered_days(year, start, last) - counted,
            adds_individual=not used.includes_participant,
        ):
            current = occupancy.Occupancy.for_agreement(agreement, year, used.days, used.individuals)
            raise AssignmentRefused(
                _("“%(name)s” has no room for this placement in %(year)s: %(occupancy)s are already used.")
                % {"name": agreement.name, "year": year, "occupancy": current.display}
            )


def _lock_agreement(agreement: Agreement) -> Agreement:
    """The agreement's row, locked for the rest of the transaction: every write that changes
    its occupancy (`assign`, `change_placement`) takes this lock first and checks the capacity
    inside it, so two of them are checked one after the other."""
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


@transaction.atomic
def assign(
    *,
    participant: Participant,
    agreement: Agreement,
    start: date,
    planned_end: date | None = None,
    days_per_week: int,
    by,
    goals: str = "",
    today: date | None = None,
) -> Placement:
    """Place `participant` in `agreement`'s activity from `start`, or raise AssignmentRefused.

    The agreement's row is locked for the rest of the transaction before anything is checked,
    so concurrent assignments to the same agreement are checked one after the other.
    A placement starting after `today` is "assigned"; one starting today or earlier "ongoing".
    """
    today = today or timezone.localdate()
    agreement = _lock_agreement(agreement)
    # Locked too, so `gallra` (which locks the participants it anonymises) and an assignment
    # cannot interleave: nobody is anonymised with an open placement.
    if list(
        Participant.objects.select_for_update()
        .filter(pk=participant.pk)
        .values_list("anonymised_at", flat=True)
    ) != [None]:
        raise AssignmentRefused(
            _("This participant's personal data have been removed; they cannot be assigned.")
        )
    _refuse_unless_allowed(
        participant=participant,
        agreement=agreement,
        start=start,
        planned_end=planned_end,
        days_per_week=days_per_week,
    )
    _refuse_unless_room(
        participant=participant, agreement=agreement, start=start, last=planned_end or agreement.valid_to
    )
    placement = Placement.objects.create(
        participant=participant,
        agreement=agreement,
        start=start,
        planned_end=planned_end,
        days_per_week=days_per_week,
        status=PlacementStatus.ASSIGNED if start > today else PlacementStatus.ONGOING,
        goals=goals,
        assigned_by=by if getattr(by, "pk", None) else None,
    )
    usage.refresh([agreement.pk])
    return placement


UNCHECKED = object()


@transaction.atomic
def change_placement(
    *,
    placement: Placement,
    planned_end: date | None,
    days_per_week: int,
    goals: str,
    seen_version: int | None | object = UNCHECKED,
) -> Placement:
    """Change an open placement's planned end, days per week and action plan goals, within the
    same rules and the same lock as `assign`: the agreement's row is locked first, then a later
    planned end must leave room in every year it reaches (AssignmentRefused otherwise). The
    history (django-simple-history) records what changed; a save that changes nothing records
    nothing. `seen_version`: the placement's version when the form was opened (EditConflict)."""
    agreement = _lock_agreement(placement.agreement)
    if seen_version is not UNCHECKED:
        claim_version(Placement, placement.pk, seen_version)
    placement = Placement.objects.select_for_update().select_related("participant").get(pk=placement.pk)
    placement.agreement = agreement
    if not placement.is_open:
        raise AssignmentRefused(_("The placement has already ended."))
    if placement.participant.anonymised_at is not None:
        raise AssignmentRefused(
            _("This participant's personal data have been removed; they cannot be assigned.")
        )
    if planned_end is not None and planned_end < placement.start:
        raise AssignmentRefused(_("The planned end cannot be before the start."))
    if planned_end is not None and planned_end > agreement.valid_to:
        raise AssignmentRefused(
            _("The planned end cannot be after the agreement ends (%(end)s).")
            % {"end": f"{agreement.valid_to:%Y-%m-%d}"}
        )
    if not 1 <= days_per_week <= 5:
        raise AssignmentRefused(_("Days per week must be between 1 and 5."))
    changes = {"planned_end": planned_end, "days_per_week": days_per_week, "goals": goals}
    if all(getattr(placement, field) == value for field, value in changes.items()):
        return placement
    _refuse_unless_room(
        participant=placement.participant,
        agreement=agreement,
        start=placement.start,
        last=planned_end or agreement.valid_to,
        replacing=placement,
    )
    for field, value in changes.items():
        setattr(placement, field, value)
    placement.version += 1
    placement.save(update_fields=[*changes, "version"])
    usage.refresh([agreement.pk])
    return placement


@transaction.atomic
def end_placement(
    *,
    placement: Placement,
    end: date,
    reason: str,
    status: str = PlacementStatus.ENDED,
    seen_version: int | None | object = UNCHECKED,
) -> Placement:
    """End an open placement on `end` (inclusive) for `reason`: "ended" when completed,
    "interrupted" when broken off. The freed days count as room from the day after.

    From a form, `seen_version` is the placement's version when it was opened: EditConflict
    when the placement changed since (core/concurrency.py). The agreement's row is locked first,
    as `assign` and `change_placement` lock it, since the per-year usage is refreshed under it."""
    _lock_agreement(placement.agreement)
    if seen_version is not UNCHECKED:
        claim_version(Placement, placement.pk, seen_version)
    placement = Placement.objects.select_for_update().select_related("agreement").get(pk=placement.pk)
    if not placement.is_open:
        raise AssignmentRefused(_("The placement has already ended."))
    if status not in (PlacementStatus.ENDED, PlacementStatus.INTERRUPTED):
        raise AssignmentRefused(_("Choose whether the placement ended or was interrupted."))
    if reason not in EndReason.values:
        raise AssignmentRefused(_("Choose a reason for the end."))
    if end < placement.start:
        raise AssignmentRefused(_("The end date cannot be before the start."))
    if end > placement.agreement.valid_to:
        raise AssignmentRefused(
            _("The end date cannot be after the agreement ends (%(end)s).")
            % {"end": f"{placement.agreement.valid_to:%Y-%m-%d}"}
        )
    placement.actual_end = end
    placement.end_reason = reason
    placement.status = status
    placement.version += 1
    placement.save(update_fields=["actual_end", "end_reason", "status", "version"])
    usage.refresh([placement.agreement_id])
    return placement


@transaction.atomic
def mark_started(*, placement: Placement, today: date | None = None) -> Placement:
    """An assigned placement has begun: its status becomes "ongoing". Not before its start
    date: a placement starting next year has not begun (`Placement.clean` says the same)."""
    today = today or timezone.localdate()
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.status != PlacementStatus.ASSIGNED:
        raise AssignmentRefused(_("Only an assigned placement can be marked as started."))
    if placement.start > today:
        raise AssignmentRefused(not_started_message(placement.start))
    placement.status = PlacementStatus.ONGOING
    placement.save(update_fields=["status"])
    return placement
