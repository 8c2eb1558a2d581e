"""Ending an agreement early (issue 26): uppsägning with a notice period, or immediate hävning.

Recorded like an amendment (`Amendment`): the agreement keeps its original `valid_to`, and the
termination gives its effective end (`Agreement.effective_end`). Everything that counts days
(schedule, overview, forecast, payment plan) reads the effective end, so the years before keep
their figures and the last year is prorated by day like any partial year (indexation.py)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import years as plausible
from .agreements import Agreement


def notice_last_day(given_on: date, months: int) -> date:
    """The agreement's last day under a notice of `months` months given on `given_on`: the day
    before the same date `months` later (notice given 2024-03-15 with three months: the
    agreement runs to 2024-06-14; given on the 31st and the month is shorter, its last day).
    Nought months: the day notice is given (immediate hävning)."""
    if months == 0:
        return given_on
    index = given_on.year * 12 + given_on.month - 1 + months
    year, month = divmod(index, 12)
    same_day = date(year, month + 1, min(given_on.day, calendar.monthrange(year, month + 1)[1]))
    return same_day - timedelta(days=1)


class Termination(models.Model):
    class Kind(models.TextChoices):
        NOTICE = "notice", _("notice (uppsägning)")
        RESCISSION = "rescission", _("immediate termination (hävning)")

    class GivenBy(models.TextChoices):
        COMMITTEE = "committee", _("the committee")
        PARTNER = "partner", _("the partner")

    agreement = models.OneToOneField(
        Agreement, on_delete=models.CASCADE, related_name="termination", verbose_name=_("agreement")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NOTICE)
    given_by = models.CharField(_("notice given by"), max_length=12, choices=GivenBy.choices)
    given_on = models.DateField(_("notice given on"), validators=[plausible.validate_plausible_date])
    notice_months = models.PositiveSmallIntegerField(_("notice period (months)"), default=0)
    last_day = models.DateField(_("last day"), validators=[plausible.validate_plausible_date])
    reason = models.TextField(_("reason"), blank=True)
    decision_date = models.DateField(
        _("committee decision date"), null=True, blank=True, validators=[plausible.validate_plausible_date]
    )
    case_number = models.CharField(_("case number (Dnr)"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("termination")
        verbose_name_plural = _("terminations")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("given_on")),
                name="termination_last_day_after_notice",
                violation_error_message=_("The last day cannot be before the notice was given."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="notice") & Q(notice_months__gte=1, notice_months__lte=24))
                | (Q(kind="rescission") & Q(notice_months=0) & ~Q(reason="")),
                name="termination_kind_consistent",
                violation_error_message=_(
                    "A notice has a notice period of 1 to 24 months; an immediate termination has "
                    "none, and a reason."
                ),
            ),
            models.CheckConstraint(
                condition=Q(decision_date__isnull=True, case_number="")
                | Q(decision_date__isnull=False) & ~Q(case_number=""),
                name="termination_decision_with_case_number",
                violation_error_message=_("A committee decision has both a date and a case number."),
            ),
            models.CheckConstraint(
                condition=plausible.in_range("given_on")
                & plausible.in_range("last_day")
                & plausible.in_range("decision_date", nullable=True),
                name="termination_dates_2000_2100",
                violation_error_message=_("A termination's dates lie from 2000-01-01 to 2100-12-31."),
            ),
            models.CheckConstraint(
                condition=Q(given_by__in=["committee", "partner"]) & Q(kind__in=["notice", "rescission"]),
                name="termination_choices_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.name} → {self.last_day:%Y-%m-%d}"
