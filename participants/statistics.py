"""Yearly participant figures per agreement, for the follow-up memos (docs/domain.md, follow-up memo: "40 inskrivna
deltagare under 2021", "Under 2021 har verksamheten haft 54 inskrivna deltagare").

Definitions, for calendar year Y:
- enrolled (inskrivna): distinct participants with a placement covering at least one day of Y,
  by the occupancy rule (`participants.occupancy`: an open placement counts to its planned end,
  else to the agreement's end);
- started: placements whose start lies in Y;
- ended: placements whose actual end lies in Y (ended or interrupted), by end reason;
- outcomes: of the placements ended in Y, the situation recorded 6 and 12 months after the end
  (participants/models/outcomes.py, issue 24), by situation; a placement without one recorded
  is not counted there, so `followed_up` may be less than `ended`.
Each also by gender. Only aggregates leave this module: no names, no numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from partnerships.models import Agreement

from . import usage
from .dbfunctions import InIds, overlap_days
from .models import OUTCOME_MONTHS, EndReason, Gender, Placement, PlacementOutcome, Situation
from .occupancy import full_year_places


def _zeros(choices) -> dict[str, int]:
    return {value: 0 for value in choices.values}


def _outcome_zeros() -> dict[int, dict[str, dict[str, int]]]:
    """months → situation → gender → 0."""
    return {
        months: {situation: _zeros(Gender) for situation in Situation.values} for months in OUTCOME_MONTHS
    }


@dataclass(frozen=True)
class YearlyFigures:
    """One agreement's participant figures for one calendar year. Dict keys are the stored
    values of `Gender` and `EndReason` (every key present, zero when none)."""

    agreement_id: int
    year: int
    enrolled: int = 0
    started: int = 0
    ended: int = 0
    placement_days: int = 0
    ended_by_reason: dict[str, int] = field(default_factory=lambda: _zeros(EndReason))
    enrolled_by_gender: dict[str, int] = field(default_factory=lambda: _zeros(Gender))
    started_by_gender: dict[str, int] = field(default_factory=lambda: _zeros(Gender))
    ended_by_gender: dict[str, int] = field(default_factory=lambda: _zeros(Gender))
    ended_by_reason_and_gender: dict[str, dict[str, int]] = field(
        default_factory=lambda: {reason: _zeros(Gender) for reason in EndReason.values}
    )
    # Of the placements ended in the year: months → situation → gender → placements.
    outcomes: dict[int, dict[str, dict[str, int]]] = field(default_factory=_outcome_zeros)

    @property
    def full_year_places(self) -> Decimal:
        """Placement days in the year ÷ days in the year (`participants.occupancy`)."""
        return full_year_places(self.placement_days, self.year)


def _ends(agreements: Iterable[Agreement | int] | QuerySet) -> dict[int, date]:
    """Each agreement's id and end date, in the order given (one query unless they are objects)."""
    if isinstance(agreements, QuerySet):
        return dict(agreements.order_by().values_list("pk", "valid_to"))
    agreements = list(agreements)
    ids = [a for a in agreements if isinstance(a, int)]
    ends = {a.pk: a.valid_to for a in agreements if not isinstance(a, int)}
    if ids:
        ends.update(Agreement.objects.filter(InIds("pk", ids)).values_list("pk", "valid_to"))
    return ends


def yearly_figures(agreements: Iterable[Agreement | int] | QuerySet, year: int) -> dict[int, YearlyFigures]:
    """Figures for `year` keyed by agreement id, one entry for every agreement given (zeros when
    it had no participants), from the per-year usage the placements keep (participants/usage.py,
    issue 22): two queries whatever the number of agreements and placements (one more when
    `agreements` are ids or a queryset), instead of counting distinct people among every
    placement of the agreements (`live_yearly_figures`, which the table is tested against)."""
    ends = _ends(agreements)
    usage.current(ends.items())
    figures = {pk: YearlyFigures(agreement_id=pk, year=year) for pk in ends}
    totals = {pk: {"enrolled": 0, "started": 0, "ended": 0, "placement_days": 0} for pk in ends}
    for row in usage.rows(list(ends), year):
        one, total = figures[row.agreement_id], totals[row.agreement_id]
        total["enrolled"] += row.individuals
        total["placement_days"] += row.placement_days
        total["started"] += row.started
        one.enrolled_by_gender[row.gender] = row.individuals
        one.started_by_gender[row.gender] = row.started
        for reason, n in row.ended_by_reason.items():
            total["ended"] += n
            one.ended_by_reason[reason] += n
            one.ended_by_gender[row.gender] += n
            one.ended_by_reason_and_gender[reason][row.gender] += n
    _add_outcomes(figures, list(ends), year)
    return _with_totals(figures, totals, year)


def _with_totals(
    figures: dict[int, YearlyFigures], totals: dict[int, dict], year: int
) -> dict[int, YearlyFigures]:
    return {
        pk: YearlyFigures(
            agreement_id=pk,
            year=year,
            enrolled=totals[pk]["enrolled"],
            started=totals[pk]["started"],
            ended=totals[pk]["ended"],
            placement_days=totals[pk]["placement_days"],
            ended_by_reason=one.ended_by_reason,
            enrolled_by_gender=one.enrolled_by_gender,
            started_by_gender=one.started_by_gender,
            ended_by_gender=one.ended_by_gender,
            ended_by_reason_and_gender=one.ended_by_reason_and_gender,
            outcomes=one.outcomes,
        )
        for pk, one in figures.items()
    }


def _add_outcomes(figures: dict[int, YearlyFigures], ids: list[int], year: int) -> None:
    """The situations recorded 6 and 12 months after the placements that ended in `year`, by
    gender (issue 24): one aggregate query."""
    outcomes = (
        PlacementOutcome.objects.filter(placement__agreement__in=ids, placement__actual_end__year=year)
        .values("placement__agreement", "months", "situation", "placement__participant__gender")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in outcomes:
        by_gender = figures[row["placement__agreement"]].outcomes[row["months"]][row["situation"]]
        by_gender[row["placement__participant__gender"]] += row["n"]


def _ids(agreements: Iterable[Agreement | int] | QuerySet) -> list[int]:
    if isinstance(agreements, QuerySet):
        return list(agreements.values_list("pk", flat=True))
    return [agreement if isinstance(agreement, int) else agreement.pk for agreement in agreements]


def live_yearly_figures(
    agreements: Iterable[Agreement | int] | QuerySet, year: int
) -> dict[int, YearlyFigures]:
    """`yearly_figures` counted from the placements themselves: three aggregate queries over
    every placement of the agreements (one more to read the ids when `agreements` is a
    queryset). What the usage table must always equal (participants/tests/test_usage_table.py)."""
    ids = _ids(agreements)
    figures = {pk: YearlyFigures(agreement_id=pk, year=year) for pk in ids}
    if not ids:
        return figures
    placements = Placement.objects.filter(agreement__in=ids)
    totals = {pk: {"enrolled": 0, "started": 0, "ended": 0, "placement_days": 0} for pk in ids}

    enrolled = (
        placements.overlapping_year(year)
        .values("agreement", "participant__gender")
        .annotate(
            people=Count("participant", distinct=True),
            days=Sum(overlap_days(date(year, 1, 1), date(year, 12, 31))),
        )
        .order_by()
    )
    for row in enrolled:
        # A participant has one gender, so the distinct counts per gender add up to the total.
        totals[row["agreement"]]["enrolled"] += row["people"]
        totals[row["agreement"]]["placement_days"] += row["days"] or 0
        figures[row["agreement"]].enrolled_by_gender[row["participant__gender"]] = row["people"]

    started = (
        placements.filter(start__year=year)
        .values("agreement", "participant__gender")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in started:
        totals[row["agreement"]]["started"] += row["n"]
        figures[row["agreement"]].started_by_gender[row["participant__gender"]] = row["n"]

    ended = (
        placements.filter(actual_end__year=year)
        .values("agreement", "end_reason", "participant__gender")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in ended:
        one = figures[row["agreement"]]
        totals[row["agreement"]]["ended"] += row["n"]
        one.ended_by_reason[row["end_reason"]] += row["n"]
        one.ended_by_gender[row["participant__gender"]] += row["n"]
        one.ended_by_reason_and_gender[row["end_reason"]][row["participant__gender"]] += row["n"]

    _add_outcomes(figures, ids, year)
    return _with_totals(figures, totals, year)
