"""Attendance a week at a time: the grid of an agreement's placed participants × the days of one
ISO week, checked as a whole and saved all or nothing (issue 14).

A cell can be reported when its day lies within the placement, has come, and is a weekday, or a
weekend day of an activity that runs on weekends (`Agreement.runs_on_weekends`). A cell left
empty changes nothing; a cell that changes an earlier entry says so, naming the participant, the
day and the old and new answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import dateformat
from django.utils.translation import gettext as _

from participants.models import Attendance, Placement

ANSWERS = {"yes": True, "no": False}


def week_of(value: str | None, today: date) -> date:
    """The Monday of ISO week `value` ("2023-W10"), or of this week when it is not one."""
    try:
        year, _sep, week = (value or "").partition("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return today - timedelta(days=today.weekday())


def week_label(monday: date) -> str:
    """The week as people say it (issue 25: "2026-W49" was the label): "49 (30 nov–6 dec)", the
    days as "6–12 mar" within one month. Months in the active language (Django's "b")."""
    sunday = monday + timedelta(days=6)
    number = monday.isocalendar()[1]
    first = dateformat.format(monday, "j" if monday.month == sunday.month else "j b")
    return f"{number} ({first}–{dateformat.format(sunday, 'j b')})"


def iso_week(monday: date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def answer_label(present: bool) -> str:
    return _("present") if present else _("absent")


@dataclass
class Cell:
    placement: Placement
    day: date
    name: str
    open: bool
    recorded: Attendance | None
    posted: str = ""
    error: str = ""


@dataclass
class Week:
    monday: date
    days: list[date]
    rows: list[tuple[Placement, list[Cell]]]
    errors: list[str] = field(default_factory=list)


def closed_reason(placement: Placement, day: date, today: date) -> str:
    """Why `day` cannot be reported for `placement`, or "" when it can."""
    if day.weekday() >= 5 and not placement.agreement.runs_on_weekends:
        return _("The activity does not run on weekends.")
    last = min(filter(None, [placement.actual_end, placement.agreement.valid_to, today]))
    if day < placement.start or day > last:
        return _("Attendance can only be reported for days that have passed within the placement.")
    return ""


def build(placements: list[Placement], monday: date, today: date, data=None) -> Week:
    """The grid of `placements` for the week from `monday`, with `data` (a POST) laid over it."""
    days = [monday + timedelta(days=n) for n in range(7)]
    recorded = {
        (a.placement_id, a.date): a
        for a in Attendance.objects.filter(placement__in=placements, date__gte=days[0], date__lte=days[-1])
    }
    week = Week(monday=monday, days=days, rows=[])
    for placement in placements:
        cells = []
        for day in days:
            cell = Cell(
                placement=placement,
                day=day,
                name=f"p{placement.pk}_{day:%Y%m%d}",
                open=not closed_reason(placement, day, today),
                recorded=recorded.get((placement.pk, day)),
            )
            if data is not None:
                cell.posted = data.get(cell.name, "")
                if cell.posted and cell.posted not in ANSWERS:
                    cell.error = _("Choose present or absent.")
                elif cell.posted:
                    cell.error = closed_reason(placement, day, today)
                if cell.error:
                    week.errors.append(f"{placement.participant.full_name} {day:%Y-%m-%d}: {cell.error}")
            cells.append(cell)
        week.rows.append((placement, cells))
    return week


@transaction.atomic
def save(week: Week, *, by) -> list[str]:
    """Store every answered cell of a checked week (no errors), all or nothing. Returns a
    sentence for each earlier entry it changed."""
    assert not week.errors, "save only a week without errors"
    changed = []
    for placement, cells in week.rows:
        for cell in cells:
            if not cell.posted:
                continue
            present = ANSWERS[cell.posted]
            if cell.recorded is not None and cell.recorded.present != present:
                changed.append(
                    _("%(name)s %(date)s: the earlier entry was changed, %(old)s → %(new)s.")
                    % {
                        "name": placement.participant.full_name,
                        "date": f"{cell.day:%Y-%m-%d}",
                        "old": answer_label(cell.recorded.present),
                        "new": answer_label(present),
                    }
                )
            if cell.recorded is None or cell.recorded.present != present:
                Attendance.objects.update_or_create(
                    placement=placement, date=cell.day, defaults={"present": present, "recorded_by": by}
                )
    return changed
