"""The committee's IOP agreements (idéburna offentliga partnerskap), their parties and money."""

from __future__ import annotations

import calendar
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import version_field

from . import indexation
from . import years as plausible
from .validators import validate_organisation_number

if TYPE_CHECKING:
    from accounts.access import Access


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """Whole kronor: never float, never öre (STYLE.md, Money)."""
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=0, validators=[MinValueValidator(0)], **kwargs
    )


def price_level_field() -> models.PositiveSmallIntegerField:
    """The year whose prices an amount period is stated in (an agreement's, an amendment's)."""
    return models.PositiveSmallIntegerField(
        _("price level"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year whose prices the amounts are stated in."),
    )


def indexation_field() -> models.DecimalField:
    """The yearly indexation of an amount period, 0–20 % (DOMAIN.md: 2 % a year by default)."""
    return models.DecimalField(
        _("yearly indexation (%)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("2.00"),
        validators=[MinValueValidator(0), MaxValueValidator(20)],
    )


class Level(models.IntegerChoices):
    """Arena Arbetsmarknad's ordered scale of a participant's independence in work-like activity."""

    PREPARATORY = 1, _("preparatory work training")
    PARTLY_INDEPENDENT = 2, _("partly independent")
    VERY_INDEPENDENT = 3, _("very independent")


class Committee(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, unique=True)
    administration = models.CharField(
        _("administration"), max_length=200, help_text=_("The department that prepares its decisions.")
    )
    # When the yearly follow-up of year Y is due: this day and month of year Y + 1. Seed 000 was
    # written on 2022-03-30 from follow-ups of 2021; 15 February leaves the administration time.
    follow_up_due_month = models.PositiveSmallIntegerField(
        _("follow-up due (month)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("The yearly follow-up is due on this day and month of the following year."),
    )
    follow_up_due_day = models.PositiveSmallIntegerField(
        _("follow-up due (day)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_due_month__gte=1, follow_up_due_month__lte=12)
                & Q(follow_up_due_day__gte=1, follow_up_due_day__lte=31),
                name="committee_follow_up_due_is_a_day",
                violation_error_message=_("The follow-up deadline must be a day of a month."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def follow_up_deadline(self, year: int) -> date:
        """The day the follow-up of calendar `year` is due: the committee's day and month of the
        following year (the last day of the month when the month is shorter, 29 → 28 February)."""
        last_day = calendar.monthrange(year + 1, self.follow_up_due_month)[1]
        return date(year + 1, self.follow_up_due_month, min(self.follow_up_due_day, last_day))

    def last_reported_year(self, on: date, *, grace_days: int = 0) -> int:
        """The latest year whose follow-up deadline falls on or before `on` + `grace_days`."""
        year = on.year
        while self.follow_up_deadline(year) > on + timedelta(days=grace_days):
            year -= 1
        return year


class PartnerQuerySet(models.QuerySet):
    def with_agreement_count(self) -> PartnerQuerySet:
        return self.annotate(agreement_count=models.Count("parties", distinct=True))

    def in_committees_of(self, access: Access) -> PartnerQuerySet:
        """The partners that are a party to an agreement of `access`'s committees, through the
        one committee rule (`Access.in_committees`): every partner while the user sees all."""
        if access.sees_all_committees:
            return self
        agreements = access.in_committees(Agreement.objects.all())
        return self.filter(pk__in=AgreementParty.objects.filter(agreement__in=agreements).values("partner"))


class Partner(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("non-profit association")
        FOUNDATION = "foundation", _("foundation")
        FAITH_COMMUNITY = "faith", _("faith community")
        MUNICIPAL_COMMITTEE = "committee", _("municipal committee")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Ten digits, e.g. 802002-4280."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    version = version_field()

    history = HistoricalRecords(excluded_fields=["version"])
    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:partner_detail", args=[self.pk])


# The longest line of agreements `Agreement.chain` follows each way (a guard against cycles).
CHAIN_LIMIT = 100


class AgreementQuerySet(models.QuerySet):
    def decided(self) -> AgreementQuerySet:
        """Agreements the committee has decided on: what its figures and papers count."""
        return self.filter(stage=Agreement.Stage.DECIDED)

    def for_forecast(self) -> AgreementQuerySet:
        """The decided agreements a budget forecast sums (partnerships/forecast.py), with the
        amendments every schedule reads prefetched, so the query count does not grow with rows."""
        return self.decided().prefetch_related("amendments").order_by("valid_from", "name")

    def valid_in(self, year: int) -> AgreementQuerySet:
        """Agreements whose validity overlaps calendar `year` (none outside the register's years,
        where no agreement can lie and `date()` may not even exist)."""
        if not plausible.is_plausible_year(year):
            return self.none()
        return self.filter(valid_from__lte=date(year, 12, 31), valid_to__gte=date(year, 1, 1))

    def with_status(self, today: date | None = None) -> AgreementQuerySet:
        """Annotate `current_status`, derived in the database as `Agreement.status` is in Python."""
        today = today or timezone.localdate()
        return self.annotate(
            current_status=Case(
                When(stage=Agreement.Stage.DRAFT, then=Value(Agreement.Status.DRAFT)),
                When(valid_from__gt=today, then=Value(Agreement.Status.DECIDED)),
                When(valid_to__lt=today, then=Value(Agreement.Status.ENDED)),
                default=Value(Agreement.Status.ACTIVE),
                output_field=models.CharField(),
            )
        )

    def for_listing(self) -> AgreementQuerySet:
        """Everything a list of agreements prints, in a constant number of queries."""
        return self.select_related("committee").prefetch_related(
            models.Prefetch("parties", queryset=AgreementParty.objects.select_related("partner")),
            "amendments",
        )

    def for_access(self, access: Access) -> AgreementQuerySet:
        """The agreements `access` reaches (accounts.access): a partner user its own
        organisation's decided ones (a draft, a renewal say, is the
        municipality's until the committee decides it), municipal staff with the view permission their committees' (for now
        every committee's: `Access.sees_all_committees`), anyone else none."""
        if access.is_partner:
            partner = access.partner
            return self.decided().filter(parties__partner=partner).distinct() if partner else self.none()
        if access.has_perm("partnerships.view_agreement"):
            return access.in_committees(self)
        return self.none()

    def ending_within(self, *, days: int, on: date | None = None) -> AgreementQuerySet:
        """Decided agreements still running on `on` that end within `days` days of it and have no
        decided successor: the ones someone must renew or let go (issue 12)."""
        on = on or timezone.localdate()
        return (
            self.decided()
            .filter(valid_to__gte=on, valid_to__lte=on + timedelta(days=days))
            .without_decided_successor()
        )

    def without_decided_successor(self) -> AgreementQuerySet:
        decided_successor = Agreement.objects.filter(
            predecessor=OuterRef("pk"), stage=Agreement.Stage.DECIDED
        )
        return self.exclude(Exists(decided_successor))

    def drafts_older_than(self, *, days: int, on: date | None = None) -> AgreementQuerySet:
        """Drafts nobody has touched for `days` days (the official's start page)."""
        on = on or timezone.localdate()
        return self.filter(stage=Agreement.Stage.DRAFT, updated_at__date__lt=on - timedelta(days=days))

    def running_on(self, day: date) -> AgreementQuerySet:
        return self.decided().filter(valid_from__lte=day, valid_to__gte=day)

    def years(self) -> list[int]:
        """Every calendar year covered by at least one agreement, ascending (one query)."""
        spans = self.order_by().values_list("valid_from__year", "valid_to__year").distinct()
        # Clipped to the register's years, as the database's CHECK keeps every agreement there.
        return sorted(
            {
                year
                for first, last in spans
                for year in range(max(first, plausible.FIRST_YEAR), min(last, plausible.LAST_YEAR) + 1)
            }
        )


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
    case_number = models.CharField(_("case number (Dnr)"), max_length=40, blank=True)
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
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")), name="agreement_valid_to_after_from"
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
            ),
            models.CheckConstraint(
                condition=Q(indexation_percent__gte=0, indexation_percent__lte=20),
                name="agreement_indexation_0_20",
            ),
            models.CheckConstraint(
                condition=Q(level_from__isnull=True, level_to__isnull=True)
                | Q(level_from__isnull=False, level_to__isnull=False, level_from__lte=F("level_to")),
                name="agreement_levels_ordered",
            ),
            models.CheckConstraint(
                condition=Q(capacity_amount__isnull=True, capacity_unit="")
                | (Q(capacity_amount__gt=0) & ~Q(capacity_unit="")),
                name="agreement_capacity_with_unit",
            ),
            models.CheckConstraint(condition=~Q(predecessor=F("pk")), name="agreement_not_own_predecessor"),
        ]

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
        if day > self.valid_to:
            return self.Status.ENDED
        return self.Status.ACTIVE

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def partner_contribution_per_year(self) -> Decimal:
        return self.value_per_year - self.committee_cost_per_year

    def amount_periods(self, amendments: list[Amendment] | None = None) -> list[indexation.Period]:
        """The agreement's money over time: its own amounts from its first day, then each
        amendment from its date (DOMAIN.md, "Amendments"). Reads prefetched amendments, or the
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
        return indexation.period_rate_for_year(self.amount_periods(amendments), end=self.valid_to, year=year)

    def schedule(self) -> list[indexation.YearAmounts]:
        """What the agreement is worth in each calendar year it covers, prorated by days across
        its amount periods."""
        return indexation.period_schedule(self.amount_periods(), end=self.valid_to)

    def guideline_criteria(self) -> list:
        """The criteria of the guideline the agreement is assessed under (its own, else the one a
        new agreement of its committee would get), in order."""
        from .guidelines import guideline_for_new

        guideline = (
            self.guideline
            if self.guideline_id
            else guideline_for_new(self.committee if self.committee_id else None)
        )
        return list(guideline.criteria.all())

    @property
    def levels_display(self) -> str:
        """The levels as the committee's overview writes them (seed 000): every level of the
        range, the last one after an arrow — "delvis självständig → mycket självständig",
        "förberedande arbetsträning, delvis självständig → mycket självständig"."""
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
        """Every agreement in this one's line, oldest first: predecessors, itself, successors
        (the earliest successor at each step). Two queries however long the line, and only the
        line's rows are read: one recursive query walks the links both ways (issue 10: it used
        to load every agreement's link), one loads the agreements."""
        table = connection.ops.quote_name(self._meta.db_table)
        sql = f"""
            WITH RECURSIVE back(id, predecessor_id, depth) AS (
                SELECT id, predecessor_id, 0 FROM {table} WHERE id = %s
                UNION ALL
                SELECT a.id, a.predecessor_id, back.depth + 1
                FROM {table} a JOIN back ON a.id = back.predecessor_id
                WHERE back.depth < %s
            ),
            forward(id, depth) AS (
                SELECT id, 0 FROM {table} WHERE id = %s
                UNION ALL
                SELECT (SELECT s.id FROM {table} s WHERE s.predecessor_id = forward.id
                        ORDER BY s.valid_from, s.id LIMIT 1),
                       forward.depth + 1
                FROM forward WHERE forward.id IS NOT NULL AND forward.depth < %s
            )
            SELECT id, -depth FROM back
            UNION ALL
            SELECT id, depth FROM forward WHERE id IS NOT NULL AND depth > 0
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.pk, CHAIN_LIMIT, self.pk, CHAIN_LIMIT])
            steps = sorted(cursor.fetchall(), key=lambda row: row[1])
        line, seen = [], set()
        for pk, _depth in steps:  # a cycle of links (A before B before A) is cut where it repeats
            if pk not in seen:
                seen.add(pk)
                line.append(pk)
        others = Agreement.objects.in_bulk([pk for pk in line if pk != self.pk])
        return [self if pk == self.pk else others[pk] for pk in line]


class Amendment(models.Model):
    """Tilläggsavtal: from `starts_on` the agreement's yearly amounts are these, decided on
    `decision_date` under `case_number`. The years before keep their figures exactly; the year
    it falls in is prorated by day (DOMAIN.md, "Amendments"; `indexation.period_amounts_for_year`).
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
    case_number = models.CharField(_("case number (Dnr)"), max_length=40)
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


class _AttachmentsStorage(LazyObject):
    """STORAGES["attachments"], looked up when first used and again after STORAGES changes.

    A FileField evaluates a callable storage once, when the model class is built; returning
    this proxy (as Django's own `default_storage` does) lets a test's STORAGES take effect.
    """

    def _setup(self) -> None:
        self._wrapped = storages["attachments"]


_attachments = _AttachmentsStorage()


@receiver(setting_changed)
def _reset_attachments_storage(*, setting: str, **kwargs) -> None:
    if setting == "STORAGES":
        _attachments._wrapped = empty


def attachments_storage():
    """Private storage: never below STATIC_URL or any public URL; served by a checked view.
    The local folder, or with S3_* settings a private S3 bucket (README, Production)."""
    return _attachments


def attachment_path(instance: AgreementAttachment, filename: str) -> str:
    # A random name on disk: the user's file name is kept in `original_name` only.
    return f"agreements/{instance.agreement_id}/{uuid.uuid4().hex}"


class AgreementAttachment(models.Model):
    """A document attached to an agreement: the signed agreement, an appendix, other."""

    class Kind(models.TextChoices):
        SIGNED_AGREEMENT = "signed", _("signed agreement")
        APPENDIX = "appendix", _("appendix")
        OTHER = "other", _("other document")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("agreement")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SIGNED_AGREEMENT)
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(_("file"), storage=attachments_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [models.CheckConstraint(condition=Q(size__gt=0), name="attachment_not_empty")]

    def __str__(self) -> str:
        return self.title or self.original_name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:attachment_download", args=[self.agreement_id, self.pk])


from .guidelines import Guideline, GuidelineCriterion  # noqa: E402, F401 (models of this app)
