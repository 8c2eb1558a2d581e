"""The agreement (IOP-avtal): its model (its QuerySet is in agreement_queries.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.case_numbers import validate_case_number
from core.concurrency import version_field

from .. import indexation
from .. import years as plausible
from ..guidelines import Guideline, GuidelineCriterion  # noqa: E402, F401 (models of this app)
from .agreement_queries import AgreementQuerySet
from .fields import Level, indexation_field, money_field, price_level_field
from .organisations import Committee, Partner

if TYPE_CHECKING:
    from .parties import Amendment


# The longest line of agreements `Agreement.chain` follows each way (a guard against cycles).
CHAIN_LIMIT = 100


class Agreement(models.Model):
    """Överenskommelse: one IOP between a committee and one or more partners."""

    class Stage(models.TextChoices):
        DRAFT = "draft", _("draft")
        DECIDED = "decided", _("decided")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        DECIDED = "decided", _("decided")
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")

    class CapacityUnit(models.TextChoices):
        FULL_YEAR_PLACES = "places", _("full-year places")
        INDIVIDUALS_PER_YEAR = "individuals", _("individuals per year")

    name = models.CharField(_("name"), max_length=200)
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("committee")
    )
    partners = models.ManyToManyField(Partner, through="AgreementParty", related_name="agreements")
    purpose = models.TextField(_("purpose of the activity"))
    target_group = models.TextField(_("target group"), blank=True)
    level_from = models.PositiveSmallIntegerField(
        _("lowest level"),
        choices=Level.choices,
        null=True,
        blank=True,
        help_text=_("Arena Arbetsmarknad categorisation, where the activity is work-like."),
    )
    level_to = models.PositiveSmallIntegerField(
        _("highest level"), choices=Level.choices, null=True, blank=True
    )
    capacity_amount = models.DecimalField(
        _("capacity"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    runs_on_weekends = models.BooleanField(
        _("runs on weekends"),
        default=False,
        help_text=_("The partner can report attendance for Saturdays and Sundays."),
    )
    capacity_unit = models.CharField(
        _("capacity unit"), max_length=20, choices=CapacityUnit.choices, blank=True
    )
    value_per_year = money_field(_("calculated value per year"))
    committee_cost_per_year = money_field(_("committee cost per year"))
    price_level_year = price_level_field()
    indexation_percent = indexation_field()
    valid_from = models.DateField(_("valid from"), validators=[plausible.validate_plausible_date])
    valid_to = models.DateField(_("valid to"), validators=[plausible.validate_plausible_date])
    stage = models.CharField(_("decision"), max_length=10, choices=Stage.choices, default=Stage.DRAFT)
    case_number = models.CharField(
        _("case number (Dnr)"), max_length=40, blank=True, validators=[validate_case_number]
    )
    decision_date = models.DateField(
        _("decision date"), null=True, blank=True, validators=[plausible.validate_plausible_date]
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessor"),
    )
    notes = models.TextField(_("notes"), blank=True)
    # Issue 23: decided although a criterion is not met, only with this justification, which the
    # decision memo states (partnerships/deviation.py).
    deviation = models.TextField(
        _("deviation from the guideline"),
        blank=True,
        help_text=_("Why the agreement may be decided although a criterion of the guideline is not met."),
    )
    goals = models.ManyToManyField(
        "partnerships.Goal",
        through="partnerships.AgreementGoal",
        related_name="agreements",
        blank=True,
        verbose_name=_("municipal goals"),
        help_text=_(
            "The council's and the committee's goals the activity serves (the memo's “Municipal goals”)."
        ),
    )
    guideline = models.ForeignKey(
        "partnerships.Guideline",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("guideline"),
        help_text=_("The guideline the agreement is assessed under; a newer one does not change it."),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for",
        verbose_name=_("responsible official"),
        help_text=_("Gets the reminders before the agreement ends. Whoever registers it, unless changed."),
    )
    # The effective end when ended early (issue 26): its termination's last day, kept here so
    # that every list, schedule and status reads it without a query; `valid_to` keeps the end
    # the agreement was signed with. Set only with its Termination (terminations/services.py).
    ended_early_on = models.DateField(
        _("ended early on"),
        null=True,
        blank=True,
        editable=False,
        validators=[plausible.validate_plausible_date],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = version_field()

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_to", "name"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            # The messages are the form's too: AgreementForm places each under FIELD_OF_CONSTRAINT's
            # field (issue 25: the form repeated five of these rules with its own messages).
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")),
                name="agreement_valid_to_after_from",
                violation_error_code="agreement_valid_to_after_from",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=plausible.in_range("valid_from")
                & plausible.in_range("valid_to")
                & plausible.in_range("decision_date", nullable=True),
                name="agreement_dates_2000_2100",
                violation_error_message=_("An agreement's dates lie from 2000-01-01 to 2100-12-31."),
            ),
            models.CheckConstraint(
                condition=Q(value_per_year__gte=0, committee_cost_per_year__gte=0),
                name="agreement_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(committee_cost_per_year__lte=F("value_per_year")),
                name="agreement_cost_within_value",
                violation_error_code="agreement_cost_within_value",
                violation_error_message=_(
                    "The committee's cost cannot be higher than the calculated value of the activity."
                ),
            ),
            models.CheckConstraint(
                condition=Q(indexation_percent__gte=0, indexation_percent__lte=20),
                name="agreement_indexation_0_20",
            ),
            models.CheckConstraint(
                condition=Q(level_from__isnull=True, level_to__isnull=True)
                | Q(level_from__isnull=False, level_to__isnull=False),
                name="agreement_levels_both_or_neither",
                violation_error_code="agreement_levels_both_or_neither",
                violation_error_message=_("Give both the lowest and the highest level, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(level_from__isnull=True) | Q(level_from__lte=F("level_to")),
                name="agreement_levels_ordered",
                violation_error_code="agreement_levels_ordered",
                violation_error_message=_("The highest level cannot be below the lowest level."),
            ),
            models.CheckConstraint(
                condition=Q(capacity_amount__isnull=True, capacity_unit="")
                | (Q(capacity_amount__isnull=False) & ~Q(capacity_unit="")),
                name="agreement_capacity_with_unit",
                violation_error_code="agreement_capacity_with_unit",
                violation_error_message=_("Give both the capacity and its unit, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(capacity_amount__isnull=True) | Q(capacity_amount__gt=0),
                name="agreement_capacity_positive",
                violation_error_code="agreement_capacity_positive",
                violation_error_message=_("The capacity must be greater than zero."),
            ),
            models.CheckConstraint(condition=~Q(predecessor=F("pk")), name="agreement_not_own_predecessor"),
        ]

    # The form field under which each constraint's message shows (AgreementForm._post_clean).
    FIELD_OF_CONSTRAINT = {
        "agreement_valid_to_after_from": "valid_to",
        "agreement_cost_within_value": "committee_cost_per_year",
        "agreement_levels_both_or_neither": "level_to",
        "agreement_levels_ordered": "level_to",
        "agreement_capacity_with_unit": "capacity_unit",
        "agreement_capacity_positive": "capacity_amount",
    }

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from.year}–{self.valid_to.year})"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:agreement_detail", args=[self.pk])

    def status_on(self, day: date) -> str:
        """Draft until decided; then decided, active or ended by the validity dates."""
        if self.stage == self.Stage.DRAFT:
            return self.Status.DRAFT
        if day < self.valid_from:
            return self.Status.DECIDED
        if day > self.effective_end:
            return self.Status.ENDED
        return self.Status.ACTIVE

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def effective_end(self) -> date:
        """The last day the agreement runs: its termination's last day when it was ended early
        (issue 26), else `valid_to`, which keeps the end it was signed with."""
        return min(self.valid_to, self.ended_early_on) if self.ended_early_on else self.valid_to

    @property
    def termination_or_none(self):
        try:
            return self.termination
        except ObjectDoesNotExist:
            return None

    @property
    def ended_early(self) -> bool:
        return self.effective_end < self.valid_to

    def signatory_contact(self):
        """The partners' signatory (firmatecknare) for the memo and the agreement document:
        `contacts.signatory_for`."""
        from .contacts import signatory_for

        return signatory_for(self)

    @property
    def partner_contribution_per_year(self) -> Decimal:
        return self.value_per_year - self.committee_cost_per_year

    def amount_periods(self, amendments: list[Amendment] | None = None) -> list[indexation.Period]:
        """The agreement's money over time: its own amounts from its first day, then each
        amendment from its date (docs/domain.md, "Amendments"). Reads prefetched amendments, or the
        `amendments` given (a list's builder that fetched them for many agreements at once)."""
        first = indexation.Period(
            starts_on=self.valid_from,
            value=self.value_per_year,
            committee_cost=self.committee_cost_per_year,
            price_level_year=self.price_level_year,
            rate_percent=self.indexation_percent,
        )
        amendments = self.amendments.all() if amendments is None else amendments
        return [first, *(amendment.as_period() for amendment in amendments)]

    def yearly_amounts(self, year: int, amendments: list[Amendment] | None = None) -> indexation.YearAmounts:
        """The yearly rate in `year`'s prices, whole year, as the overview table prints it; a year
        an amendment falls in weighs the old and new amounts by their days."""
        return indexation.period_rate_for_year(
            self.amount_periods(amendments), end=self.effective_end, year=year
        )

    def schedule(self) -> list[indexation.YearAmounts]:
        """What the agreement is worth in each calendar year it covers, prorated by days across
        its amount periods, to its effective end (an agreement ended early stops there)."""
        return indexation.period_schedule(self.amount_periods(), end=self.effective_end)

    def guideline_criteria(self) -> list:
        """The criteria of the guideline the agreement is assessed under (its own, else the one a
        new agreement of its committee would get), in order."""
        from ..guidelines import criteria_by_agreement

        return criteria_by_agreement([self])[self.pk]

    @property
    def levels_display(self) -> str:
        """The levels as the committee's overview writes them (docs/domain.md, follow-up memo): every level of the
        range, the last one after an arrow — "delvis självständig → mycket självständig",
        "förberedande arbetsträning, delvis självständig → mycket självständig"."""
        from .fields import Level

        if self.level_from is None:
            return ""
        labels = [str(Level(level).label) for level in range(self.level_from, self.level_to + 1)]
        if len(labels) == 1:
            return labels[0]
        return f"{', '.join(labels[:-1])} → {labels[-1]}"

    @property
    def categorisation(self) -> str:
        """The overview's "Kategorisering/målgrupp": the levels where work-like, else the target group."""
        return self.levels_display or self.target_group

    @property
    def capacity_display(self) -> str:
        if self.capacity_amount is None:
            return ""
        amount = Decimal(self.capacity_amount).normalize()  # an int before a reload from the database
        return f"{amount:f} {self.CapacityUnit(self.capacity_unit).label}".replace(".", ",")

    def chain(self) -> list[Agreement]:
        """Every agreement in this one's line, oldest first (`chain.chain_of`)."""
        from .chain import chain_of

        return chain_of(self)
