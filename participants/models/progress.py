"""Progress notes and attendance of a placement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships import years as plausible

from .placements import Placement

if TYPE_CHECKING:
    pass


class Progression(models.IntegerChoices):
    """A small ordered scale of how the participant has moved since the last note."""

    SETBACK = 1, _("setback")
    UNCHANGED = 2, _("unchanged")
    SOME_PROGRESS = 3, _("some progress")
    CLEAR_PROGRESS = 4, _("clear progress")


class ProgressNote(models.Model):
    """A dated note on a participant's progression within one placement."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="notes", verbose_name=_("placement")
    )
    date = models.DateField(_("date"))
    progression = models.PositiveSmallIntegerField(_("progression"), choices=Progression.choices)
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(progression__gte=1, progression__lte=4),
                name="progress_note_progression_1_4",
                violation_error_message=_("Choose a progression from the list."),
            ),
            # Inside the placement's agreement and not in the future: `clean` (a CHECK cannot
            # know today's date or read the agreement); the database keeps the register's years.
            models.CheckConstraint(
                condition=plausible.in_range("date"),
                name="progress_note_date_2000_2100",
                violation_error_message=_("Enter a date from 2000-01-01 to 2100-12-31."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement.participant} {self.date:%Y-%m-%d}"

    def clean(self) -> None:
        """A note is dated on a day of its placement that has come: not before the placement
        started, not after its agreement ended, not in the future."""
        if self.date is None or self.placement_id is None:
            return
        placement = self.placement
        if self.date < placement.start:
            raise ValidationError({"date": _("The note cannot be dated before the placement started.")})
        if self.date > placement.agreement.valid_to:
            raise ValidationError(
                {
                    "date": _("The note cannot be dated after the agreement ended (%(end)s).")
                    % {"end": f"{placement.agreement.valid_to:%Y-%m-%d}"}
                }
            )
        if self.date > timezone.localdate():
            raise ValidationError({"date": _("The note cannot be dated in the future.")})


class Attendance(models.Model):
    """Whether a participant came on one day of their placement, as the partner reports it."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("placement")
    )
    date = models.DateField(_("date"))
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "date"],
                name="attendance_once_per_day",
                violation_error_message=_("Attendance for that day is already recorded."),
            ),
            # Within the placement and not in the future: portal.forms.AttendanceForm.
            models.CheckConstraint(
                condition=plausible.in_range("date"),
                name="attendance_date_2000_2100",
                violation_error_message=_("Enter a date from 2000-01-01 to 2100-12-31."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.date:%Y-%m-%d}"
