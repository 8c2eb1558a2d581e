"""Gallring: removing participants' personal identifiers after the retention period.

The rule (issue 5): a configurable period (`settings.RETENTION_MONTHS`) after a person's last
placement ended (its actual end), the personal identifiers are removed, while the committee's
yearly figures (`participants.statistics`) and occupancy (`participants.occupancy`) stay exactly
as they were. A person with an open placement (no actual end) is never due. A person registered
but never placed is due the same period after registration: otherwise nothing would ever remove
them.

What goes, and why:
- the personnummer (NULL), first and last name, phone, e-mail, address: they identify directly;
- district and needs: free text and a small area that together with gender and level can point
  at one person, and needs may hold health or social details;
- each placement's action-plan goals and each progress note's text: free text about the person;
- the same fields in django-simple-history's historical rows (history must not keep what
  gallring removed), and the names Django's admin log stored as the object's description.

What stays, and why: the participant row and its id (placements, the access log and the
retention run point at it), gender (the yearly figures are broken down by gender), level (the
matching scale, an aggregate dimension), every placement's agreement, dates, days per week,
status and end reason (the figures and occupancy are computed from them), each note's date and
progression scale (no free text), the attendance the partner reported (day and present or
not), and the outcomes 6 and 12 months after each placement (a category, like the end reason:
the key figures count them, issue 24; `Placement.objects.outcome_due` no longer lists an
anonymised person's, and none can be recorded). None of these identifies a person on its own.

The work is idempotent: an anonymised participant is never due again, so a second run changes
nothing (it only records that it ran).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone

from audit.models import RetentionRun
from partnerships import contact_retention

from .models import Attendance, Participant, Placement, PlacementOutcome, ProgressNote

CLEARED = {field: "" for field in Participant.IDENTIFYING_TEXT_FIELDS}


def cutoff(today: date, months: int) -> date:
    """The latest last-placement end that is due on `today`: the same day `months` calendar
    months earlier, clamped to the month's length (60 months before 2029-02-28 is 2024-02-28;
    one month before 2025-03-31 is 2025-02-28)."""
    if months < 1:
        raise ValueError("The retention period must be at least one month.")
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def due(today: date, months: int):
    """The participants due for gallring on `today`, annotated with `last_end`, by id."""
    return Participant.objects.due_for_retention(cutoff(today, months)).order_by("pk")


@dataclass(frozen=True)
class Counts:
    participants: int = 0
    placements: int = 0
    notes: int = 0
    history_rows: int = 0
    admin_log_rows: int = 0


def _anonymise(ids: list[int], now) -> Counts:
    placement_ids = set(Placement.objects.filter(participant__in=ids).values_list("pk", flat=True))
    # A placement moved to another participant in the admin still has old history rows here.
    placement_ids |= set(Placement.history.filter(participant_id__in=ids).values_list("id", flat=True))
    placement_ids = sorted(placement_ids)

    participants = Participant.objects.filter(pk__in=ids).update(
        personnummer=None, anonymised_at=now, updated_at=now, **CLEARED
    )
    placements = Placement.objects.filter(participant__in=ids).count()
    Placement.objects.filter(pk__in=placement_ids).exclude(goals="").update(goals="")
    notes = ProgressNote.objects.filter(placement__in=placement_ids).exclude(text="").update(text="")

    history_rows = (
        Participant.history.filter(id__in=ids).update(personnummer=None, **CLEARED)
        + Placement.history.filter(Q(participant_id__in=ids) | Q(id__in=placement_ids))
        .exclude(goals="")
        .update(goals="")
        + ProgressNote.history.filter(placement_id__in=placement_ids).exclude(text="").update(text="")
    )

    # The admin's own log keeps `str(obj)` (the person's name) as the object's description.
    note_ids = set(ProgressNote.history.filter(placement_id__in=placement_ids).values_list("id", flat=True))
    attendance_ids = set(
        Attendance.history.filter(placement_id__in=placement_ids).values_list("id", flat=True)
    )
    outcome_ids = set(
        PlacementOutcome.history.filter(placement_id__in=placement_ids).values_list("id", flat=True)
    )
    types = ContentType.objects.get_for_models(
        Participant, Placement, ProgressNote, Attendance, PlacementOutcome
    )
    admin_log_rows = 0
    for model, object_ids in (
        (Participant, ids),
        (Placement, placement_ids),
        (ProgressNote, note_ids),
        (Attendance, attendance_ids),
        (PlacementOutcome, outcome_ids),
    ):
        admin_log_rows += LogEntry.objects.filter(
            content_type=types[model], object_id__in=[str(pk) for pk in object_ids]
        ).update(object_repr=Concat(Value(f"{model._meta.model_name} #"), F("object_id")))
    # One history record per person saying when the identifiers went (by no user: the system).
    Participant.history.bulk_history_create(
        list(Participant.objects.filter(pk__in=ids)),
        update=True,
        default_change_reason="gallring",
        default_date=now,
    )
    return Counts(participants, placements, notes, history_rows, admin_log_rows)


@transaction.atomic
def run(*, today: date, months: int) -> RetentionRun:
    """Anonymise every participant due on `today` and record the run.

    The due participants' rows are locked first (`SELECT … FOR UPDATE` on PostgreSQL) and
    `participants.assignment.assign` locks the participant's row too, so a placement cannot be
    added to someone while they are being anonymised.
    """
    limit = cutoff(today, months)
    locked = list(due(today, months).select_for_update().values_list("pk", flat=True))
    # Asked again in a new statement, which (READ COMMITTED) sees a placement committed while we
    # waited for a lock; the locks then keep it so until the end of the transaction.
    ids = list(due(today, months).filter(pk__in=locked).values_list("pk", flat=True)) if locked else []
    now = timezone.now()
    counts = _anonymise(ids, now) if ids else Counts()
    contacts = contact_retention.clear(limit)  # partners' contacts, by their own rule (issue 26)
    return RetentionRun.objects.create(
        contacts=contacts,
        started_at=now,
        retention_months=months,
        cutoff=limit,
        participants=counts.participants,
        placements=counts.placements,
        notes=counts.notes,
        history_rows=counts.history_rows,
        admin_log_rows=counts.admin_log_rows,
        participant_ids=ids,
    )
