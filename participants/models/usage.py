"""Per-year usage kept by the placements (issue 22): each agreement's participant figures per
calendar year and gender, so the key figures and occupancy of thousands of agreements read a
few rows each instead of counting distinct people among 600,000 placements.

Written only by `participants.usage.refresh`, in the same transaction as the placement write
that changes them (`participants.assignment`, the admin); `manage.py rebuild_usage` makes the
whole table again from the placements. Each agreement's rows were computed for the agreement's
end date recorded in `UsageStamp` (an open placement without a planned end counts to it): when
the agreement's dates change, the next read finds the stamp out of date and computes that
agreement again, so partnerships need not know this table exists.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.models import Agreement

from .people import Gender


class AgreementYearUsage(models.Model):
    """One agreement's figures for one calendar year and one gender (a participant has one):
    the sums over genders are the agreement's. Definitions as in `participants.statistics`."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    gender = models.CharField(max_length=10, choices=Gender.choices)
    individuals = models.PositiveIntegerField(default=0)  # distinct people enrolled in the year
    placement_days = models.PositiveIntegerField(default=0)
    started = models.PositiveIntegerField(default=0)
    ended_by_reason = models.JSONField(default=dict)  # EndReason value -> placements ended in the year

    class Meta:
        verbose_name = _("yearly usage")
        verbose_name_plural = _("yearly usage")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year", "gender"], name="usage_one_row_per_year_gender"
            ),
            models.CheckConstraint(
                condition=Q(gender__in=Gender.values),
                name="usage_gender_known",
                violation_error_message=_("Choose a gender from the list."),
            ),
        ]
        indexes = [models.Index(fields=["year", "agreement"], name="usage_year_agreement")]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.year} {self.gender}"


class UsageStamp(models.Model):
    """The agreement end date an agreement's usage rows were computed for."""

    agreement = models.OneToOneField(Agreement, on_delete=models.CASCADE, primary_key=True, related_name="+")
    valid_to = models.DateField()

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.valid_to:%Y-%m-%d}"
