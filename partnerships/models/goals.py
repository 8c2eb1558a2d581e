"""The municipality's goals and the committees' budget frames, as data (issue 24).

Both seeds print a "Kommunala mål" section naming the council's goal areas ("kommunfullmäktiges
övergripande målområden Samhälle och Medborgare"), a municipality-wide goal ("det
kommungemensamma målet *Stark gemenskap och människor i arbete*") and the committee's own goal
("nämndens mål *Hög egenförsörjningsgrad*"). Here the council's goal areas, the council's and
each committee's goals with their indicators are rows, and an agreement links the goals it
serves (`AgreementGoal`); the memo section is written from the links (reports/drafting/goals.py)
and the overview can be filtered by goal.

A committee's budget frame is what it sets aside for IOP in a calendar year; the forecast
(partnerships/forecast.py) holds its committed costs against it (partnerships/budget.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import years as plausible
from .fields import money_field
from .organisations import Committee

if TYPE_CHECKING:
    from accounts.access import Access


class GoalArea(models.Model):
    """Kommunfullmäktiges målområde: one of the council's overall goal areas (docs/domain.md, IKF decision memo)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("council goal area")
        verbose_name_plural = _("council goal areas")

    def __str__(self) -> str:
        return self.name


class GoalQuerySet(models.QuerySet):
    def for_access(self, access: Access) -> GoalQuerySet:
        """The council's goals (every committee's staff may link them) and the goals of the
        committees the user reaches; nothing for a user without the view permission."""
        if not access.has_perm("partnerships.view_agreement") or access.is_partner:
            return self.none()
        if access.sees_all_committees:
            return self
        return self.filter(Q(committee__isnull=True) | Q(committee__in=access.own_committees()))

    def council(self) -> GoalQuerySet:
        return self.filter(committee__isnull=True)


class Goal(models.Model):
    """A goal an agreement can serve: the council's own (kommungemensamt mål, no committee) or
    a committee's (nämndmål), within one of the council's goal areas."""

    area = models.ForeignKey(
        GoalArea,
        on_delete=models.PROTECT,
        related_name="goals",
        verbose_name=_("council goal area"),
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("committee"),
        help_text=_("Empty for a municipality-wide goal set by the council."),
    )
    name = models.CharField(_("name"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "name"],
                condition=Q(committee__isnull=False),
                name="goal_name_once_per_committee",
                violation_error_message=_("The committee already has a goal with this name."),
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(committee__isnull=True),
                name="council_goal_name_once",
                violation_error_message=_("The council already has a goal with this name."),
            ),
            models.CheckConstraint(condition=~Q(name=""), name="goal_has_a_name"),
        ]

    def __str__(self) -> str:
        owner = self.committee.abbreviation if self.committee_id else _("council")
        return f"{self.name} ({owner})"

    @property
    def is_council_goal(self) -> bool:
        return self.committee_id is None


class GoalIndicator(models.Model):
    """How a goal's fulfilment is measured (e.g. the share who went on to work or studies)."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("goal")
    )
    name = models.CharField(_("indicator"), max_length=300)
    target = models.CharField(_("target value"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["goal", "name"], name="indicator_once_per_goal"),
        ]

    def __str__(self) -> str:
        return self.name


class AgreementGoal(models.Model):
    """That an agreement serves a goal. A row of its own (not a bare many-to-many) so its
    history moves the data version and the cached overviews filtered by goal follow a change."""

    agreement = models.ForeignKey(
        "partnerships.Agreement", on_delete=models.CASCADE, related_name="goal_links"
    )
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="agreement_links")

    history = HistoricalRecords()

    class Meta:
        ordering = ["goal__area__order", "goal__order", "goal__name"]
        verbose_name = _("goal of the agreement")
        verbose_name_plural = _("goals of the agreement")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "goal"], name="goal_once_per_agreement"),
        ]

    def __str__(self) -> str:
        return str(self.goal)


class BudgetFrameQuerySet(models.QuerySet):
    def for_access(self, access: Access) -> BudgetFrameQuerySet:
        if not access.has_perm("partnerships.view_agreement") or access.is_partner:
            return self.none()
        return access.in_committees(self)

    def by_year(self, committee: Committee | int) -> dict[int, object]:
        """{year: amount} of one committee's frames."""
        return dict(self.filter(committee=committee).values_list("year", "amount"))


class BudgetFrame(models.Model):
    """What a committee sets aside for IOP in one calendar year (its budget frame)."""

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="budget_frames", verbose_name=_("committee")
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(plausible.FIRST_YEAR), MaxValueValidator(plausible.LAST_YEAR)],
    )
    amount = money_field(_("budget frame for IOP"))

    history = HistoricalRecords()
    objects = BudgetFrameQuerySet.as_manager()

    class Meta:
        ordering = ["committee__name", "year"]
        verbose_name = _("budget frame")
        verbose_name_plural = _("budget frames")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year"],
                name="budget_frame_once_per_committee_and_year",
                violation_error_message=_("The committee already has a budget frame for that year."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budget_frame_not_negative",
                violation_error_message=_("A budget frame cannot be negative."),
            ),
            models.CheckConstraint(
                condition=plausible.years_in_range("year"),
                name="budget_frame_year_2000_2100",
                violation_error_message=_("Enter a year from 2000 to 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee.abbreviation} {self.year}"
