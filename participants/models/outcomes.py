"""Outcomes after the activity (issue 24): where a participant is 6 and 12 months after a
placement ended, besides the reason given at the end (`Placement.end_reason`).

Both seeds fund the IOPs for "hög egenförsörjningsgrad"; the end reason says where a person went
on the day they left, the outcome whether it lasted. The coordinator records it (the only
municipal role that sees individuals) once the 6 or 12 months have passed; what is due is one
QuerySet method (`Placement.objects.outcome_due`) for the start page and the reminder job.

Retention (participants/retention.py): an outcome holds no free text and no identifier, only the
placement, the month and a category, like the end reason; it stays after `gallra`, so the yearly
figures do not change, and no outcome can be recorded for an anonymised person.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .placements import Placement

# The follow-up points after a placement ended, in months (issue 24).
OUTCOME_MONTHS = (6, 12)


class Situation(models.TextChoices):
    WORK = "work", _("work")
    STUDIES = "studies", _("studies")
    OTHER_MEASURE = "other_measure", _("another measure")
    JOB_SEEKING = "job_seeking", _("job seeking")
    INCOME_SUPPORT = "income_support", _("income support")
    UNKNOWN = "unknown", _("unknown")


# What the key figures count as "to work or studies" (reports/keyfigures.py).
WORK_OR_STUDIES_SITUATIONS = (Situation.WORK, Situation.STUDIES)


def months_after(day: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the month's length
    (2023-08-31 + 6 months is 2024-02-29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def latest_end_due(on: date, months: int) -> date:
    """The latest end date whose outcome `months` later is due on `on`: `months_after(end,
    months) <= on` exactly. On the last day of a month every end in the month `months` before is
    due (2024-02-29 takes the placements ended up to 2023-08-31)."""
    back = months_after(on, -months)
    if on.day == calendar.monthrange(on.year, on.month)[1]:
        back = back.replace(day=calendar.monthrange(back.year, back.month)[1])
    return back


class PlacementOutcome(models.Model):
    """The participant's situation `months` (6 or 12) after `placement` ended."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("placement")
    )
    months = models.PositiveSmallIntegerField(
        _("months after the end"), choices=[(m, m) for m in OUTCOME_MONTHS]
    )
    situation = models.CharField(_("situation"), max_length=20, choices=Situation.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["placement", "months"]
        verbose_name = _("outcome after the activity")
        verbose_name_plural = _("outcomes after the activity")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "months"],
                name="outcome_once_per_placement_and_month",
                violation_error_message=_("This outcome has already been recorded for the placement."),
            ),
            models.CheckConstraint(
                condition=Q(months__in=OUTCOME_MONTHS),
                name="outcome_months_6_or_12",
                violation_error_message=_("An outcome is recorded 6 or 12 months after the end."),
            ),
            models.CheckConstraint(
                condition=Q(situation__in=Situation.values),
                name="outcome_situation_known",
                violation_error_message=_("Choose one of the situations."),
            ),
        ]

    def __str__(self) -> str:
        # no name: the admin's log keeps this text (participants/retention.py)
        return f"#{self.placement_id}: {self.months} – {self.get_situation_display()}"
