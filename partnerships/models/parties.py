"""An agreement's amendments (tilläggsavtal), its parties and its answers to the guideline's criteria."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.case_numbers import validate_case_number

from .. import indexation
from .. import years as plausible
from ..guidelines import Guideline, GuidelineCriterion  # noqa: E402, F401 (models of this app)
from .agreements import Agreement
from .fields import indexation_field, money_field, price_level_field
from .organisations import Partner

if TYPE_CHECKING:
    pass


class Amendment(models.Model):
    """Tilläggsavtal: from `starts_on` the agreement's yearly amounts are these, decided on
    `decision_date` under `case_number`. The years before keep their figures exactly; the year
    it falls in is prorated by day (docs/domain.md, "Amendments"; `indexation.period_amounts_for_year`).
    The agreement's own amounts are its first period; amendments are the periods after it."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("agreement")
    )
    starts_on = models.DateField(_("applies from"), validators=[plausible.validate_plausible_date])
    value_per_year = money_field(_("calculated value per year"))
    committee_cost_per_year = money_field(_("committee cost per year"))
    price_level_year = price_level_field()
    indexation_percent = indexation_field()
    decision_date = models.DateField(_("decision date"), validators=[plausible.validate_plausible_date])
    case_number = models.CharField(_("case number (Dnr)"), max_length=40, validators=[validate_case_number])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "starts_on"],
                name="amendment_one_per_start",
                violation_error_message=_("The agreement already has an amendment from this date."),
            ),
            models.CheckConstraint(
                condition=plausible.in_range("starts_on") & plausible.in_range("decision_date"),
                name="amendment_dates_2000_2100",
                violation_error_message=_("An amendment's dates lie from 2000-01-01 to 2100-12-31."),
            ),
            models.CheckConstraint(
                condition=Q(value_per_year__gte=0, committee_cost_per_year__gte=0),
                name="amendment_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(committee_cost_per_year__lte=F("value_per_year")),
                name="amendment_cost_within_value",
                violation_error_message=_("The committee cost cannot exceed the calculated value."),
            ),
            models.CheckConstraint(
                condition=Q(indexation_percent__gte=0, indexation_percent__lte=20),
                name="amendment_indexation_0_20",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.name} {self.starts_on:%Y-%m-%d}"

    def as_period(self) -> indexation.Period:
        return indexation.Period(
            starts_on=self.starts_on,
            value=self.value_per_year,
            committee_cost=self.committee_cost_per_year,
            price_level_year=self.price_level_year,
            rate_percent=self.indexation_percent,
        )


class AgreementParty(models.Model):
    """A partner's part in an agreement: its role and what it brings in kind."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead partner")
        CO_PARTNER = "co", _("co-partner")
        MUNICIPAL = "municipal", _("municipal co-financier")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="parties", verbose_name=_("partner")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LEAD)
    in_kind_contribution = models.DecimalField(
        _("in-kind contribution per year"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Premises, staff and the like, in kronor per year."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "partner"], name="party_once_per_agreement"),
            # "Exactly one": at most one here; at least one is the form's (a party row is added
            # after its agreement, so the database cannot require it row by row).
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(role="lead"),
                name="party_one_lead_per_agreement",
                violation_error_message=_("An agreement has exactly one lead partner."),
            ),
            models.CheckConstraint(
                condition=Q(in_kind_contribution__isnull=True) | Q(in_kind_contribution__gte=0),
                name="party_contribution_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.agreement.name}"


class Criterion(models.IntegerChoices):
    """The eight conditions of Linköping's guideline for IOP (KS2016-313), in its order: the
    numbers of its criteria (the demo's keys). The texts are data now (`Guideline`)."""

    OWN_INITIATIVE = 1, _("the activity is run on the initiative of the non-profit organisation")
    POLITICAL_PROGRAMME = (
        2,
        _(
            "the activity is a step in realising a political programme or plan in which non-profit "
            "organisations are specifically mentioned"
        ),
    )
    LOCAL_DEVELOPMENT = 3, _("the activity contributes to local development and participation in society")
    NOT_ASSOCIATION_GRANT = 4, _("the activity cannot be seen as part of the standard association grant")
    NO_MARKET = 5, _("there is no market or competitive situation to protect")
    BOTH_FINANCE = 6, _("both parties finance and/or resource the activity")
    NOT_DETAIL_REGULATED = 7, _("the activity is not regulated in detail by the municipality")
    NON_MARKET_RELATION = (
        8,
        _(
            "both parties want, and see a point in, a different contractual relationship or cooperation "
            "which is not based on market mechanisms and commercial logic"
        ),
    )


class AgreementCriterion(models.Model):
    """Whether, and why, an agreement meets one guideline criterion."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="criteria")
    # The criterion's number in the agreement's guideline (partnerships/guidelines.py).
    criterion = models.PositiveSmallIntegerField(_("criterion"))
    fulfilled = models.BooleanField(_("fulfilled"), null=True)
    justification = models.TextField(_("justification"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion"]
        verbose_name = _("guideline criterion")
        verbose_name_plural = _("guideline criteria")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "criterion"], name="criterion_once_per_agreement"),
            models.CheckConstraint(
                condition=Q(criterion__gte=1, criterion__lte=99), name="criterion_1_to_99"
            ),
        ]

    def __str__(self) -> str:
        return str(self.criterion)
