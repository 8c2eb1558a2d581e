"""What each role's start page lists (issue 12). Everything "due" is asked of the QuerySet
methods the reminder job uses as well; a panel only chooses, limits and orders.

Each panel is a dict for its template include, built in a constant number of queries.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count

from accounts.access import Access
from accounts.models import Invitation
from audit.models import RetentionRun
from initiatives.models import Initiative
from notifications.models import Reminder
from notifications.reminders import FOLLOW_UP_DUE_DAYS, SIX_MONTHS_DAYS
from participants import occupancy
from participants.models import OUTCOME_MONTHS, Placement, months_after
from partnerships.forecast import build_forecast
from partnerships.models import Agreement
from reports.models import FollowUp, Memo

LIMIT = 25
DRAFT_AGE_DAYS = 30
PLACEMENT_WINDOW_DAYS = 14
NOTE_GAP_DAYS = 60


def official(access: Access, today: date) -> dict:
    follow_ups = FollowUp.objects.for_access(access)
    return {
        "ending": list(
            Agreement.objects.for_access(access)
            .ending_within(days=SIX_MONTHS_DAYS, on=today)
            .select_related("committee", "responsible")
            .order_by("valid_to", "name")[:LIMIT]
        ),
        "due": _with_deadline(follow_ups.due(on=today, within=FOLLOW_UP_DUE_DAYS)),
        "overdue": _with_deadline(follow_ups.overdue(on=today)),
        "submitted": _with_deadline(follow_ups.submitted()),
        "old_drafts": list(
            Agreement.objects.for_access(access)
            .drafts_older_than(days=DRAFT_AGE_DAYS, on=today)
            .select_related("committee")
            .order_by("updated_at")[:LIMIT]
        ),
        "draft_age_days": DRAFT_AGE_DAYS,
        # Initiatives not yet decided (issue 23): new ones and those whose completion was answered.
        "initiatives": list(
            Initiative.objects.for_access(access)
            .open()
            .select_related("committee")
            .order_by("submitted_at")[:LIMIT]
        ),
    }


def _with_deadline(follow_ups) -> list[FollowUp]:
    return follow_ups.order_by("year", "agreement__name").with_deadline(LIMIT)


def coordinator(access: Access, today: date) -> dict:
    placements = (
        Placement.objects.for_access(access).for_listing().filter(participant__anonymised_at__isnull=True)
    )
    running = list(Agreement.objects.for_access(access).running_on(today).order_by("name"))
    usage = occupancy.usage_by_agreement(running, today.year)
    return {
        "starting": list(
            placements.starting_within(days=PLACEMENT_WINDOW_DAYS, on=today).order_by("start")[:LIMIT]
        ),
        "ending": list(
            placements.ending_within(days=PLACEMENT_WINDOW_DAYS, on=today).order_by("planned_end")[:LIMIT]
        ),
        "no_note": list(
            placements.without_note_since(today - timedelta(days=NOTE_GAP_DAYS)).order_by("start")[:LIMIT]
        ),
        "outcomes_due": outcomes_due(placements, today),
        "capacity": [(agreement, usage[agreement.pk]) for agreement in running],
        "window_days": PLACEMENT_WINDOW_DAYS,
        "note_gap_days": NOTE_GAP_DAYS,
        "year": today.year,
    }


def outcomes_due(placements, today: date) -> list[tuple[Placement, int, date]]:
    """Outcomes after the activity due to be recorded (issue 24): (placement, months, the day
    it fell due), earliest first, at most LIMIT; one query per follow-up point."""
    due = [
        (placement, months, months_after(placement.actual_end, months))
        for months in OUTCOME_MONTHS
        for placement in placements.outcome_due(on=today, months=months).order_by("actual_end", "pk")[:LIMIT]
    ]
    return sorted(due, key=lambda item: (item[2], item[0].pk))[:LIMIT]


def secretary(access: Access, today: date) -> dict:
    next_year = today.year + 1
    agreements = (
        Agreement.objects.for_access(access).decided().valid_in(next_year).select_related("committee")
    )
    by_committee: dict = {}
    for agreement in agreements:
        by_committee.setdefault(agreement.committee, []).append(agreement)
    return {
        "submitted": _with_deadline(FollowUp.objects.for_access(access).submitted()),
        "draft_memos": list(
            Memo.objects.for_access(access)
            .annotate(version_count=Count("versions"))
            .filter(version_count=0)
            .select_related("committee")
            .order_by("-date")[:LIMIT]
        ),
        "next_year": next_year,
        "next_year_costs": [
            (committee, build_forecast(rows).total_for(next_year), len(rows))
            for committee, rows in sorted(by_committee.items(), key=lambda item: item[0].name)
        ],
    }


def partner(access: Access, today: date) -> dict:
    follow_ups = FollowUp.objects.for_access(access)
    running = list(Agreement.objects.for_access(access).running_on(today).order_by("name"))
    usage = occupancy.usage_by_agreement(running, today.year)
    return {
        "organisation": access.partner,
        "due": _with_deadline(follow_ups.due(on=today, within=FOLLOW_UP_DUE_DAYS)),
        "overdue": _with_deadline(follow_ups.overdue(on=today)),
        "sent_back": _with_deadline(follow_ups.sent_back()),
        "occupancy": [(agreement, usage[agreement.pk]) for agreement in running],
        "year": today.year,
    }


def administrator(access: Access, today: date) -> dict:
    from axes.models import AccessAttempt
    from django_tasks_db.models import DBTaskResult

    panel = {
        # Background jobs (django.tasks, operations) that ended in an exception, newest first.
        "failed_tasks": list(DBTaskResult.objects.failed().order_by("-finished_at")[:LIMIT]),
        "last_retention_run": RetentionRun.objects.order_by("-started_at", "-pk").first(),
        # E-mails the mail server did not take and no later run has sent (core/outbox.py).
        "failed_reminders": list(
            Reminder.objects.unsent().select_related("recipient").order_by("-created_at")[:LIMIT]
        ),
        "failed_invitations": list(Invitation.objects.unsent().order_by("-created_at")[:LIMIT]),
        "locked_out": list(
            AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by(
                "-attempt_time"
            )[:LIMIT]
        ),
    }
    panel["failed_count"] = sum(
        len(panel[key]) for key in ("failed_tasks", "failed_reminders", "failed_invitations")
    )
    return panel
