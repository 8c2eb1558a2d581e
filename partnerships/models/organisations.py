"""Committees (nämnder) and partner organisations (idéburna organisationer)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import version_field

from .. import payment_details
from ..guidelines import Guideline, GuidelineCriterion  # noqa: E402, F401 (models of this app)
from ..validators import validate_organisation_number

if TYPE_CHECKING:
    from accounts.access import Access


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
    # Edited in the admin only, which checks it (core/admin_safety.py: VersionedAdminMixin).
    # In the history too: a record with an excluded field reads the object again, a query per
    # record on the access history page (accounts/rights_history.py hides the version).
    version = version_field()

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
        """Annotate `agreement_count`, the partner's parties to agreements: a subquery per
        partner, so a page of partners in name order counts its own rows only (the unique name's
        index gives the order), not every partner's before the first page (issue 22)."""
        from .parties import AgreementParty

        counted = (
            AgreementParty.objects.filter(partner=OuterRef("pk"))
            .order_by()
            .values("partner")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            agreement_count=Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)
        )

    def in_committees_of(self, access: Access) -> PartnerQuerySet:
        """The partners that are a party to an agreement of `access`'s committees, through the
        one committee rule (`Access.in_committees`): every partner while the user sees all."""
        from .agreements import Agreement
        from .parties import AgreementParty

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
    street_address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    # Where the committee pays (the payment plan's finance export): bankgiro or plusgiro, an IBAN
    # for the rare partner paid abroad; digits only (IBAN: letters and digits), checked by
    # their check digits (payment_details.py).
    bankgiro = models.CharField(
        _("bankgiro"), max_length=8, blank=True, validators=[payment_details.validate_bankgiro]
    )
    plusgiro = models.CharField(
        _("plusgiro"), max_length=8, blank=True, validators=[payment_details.validate_plusgiro]
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True, validators=[payment_details.validate_iban])
    notes = models.TextField(_("notes"), blank=True)
    version = version_field()

    history = HistoricalRecords(excluded_fields=["version"])
    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(
                condition=(Q(bankgiro="", plusgiro="") | Q(bankgiro="", iban="") | Q(plusgiro="", iban="")),
                name="partner_one_payment_method",
                violation_error_message=_("Give one way to pay: a bankgiro, a plusgiro or an IBAN."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:partner_detail", args=[self.pk])

    @property
    def primary_contact(self):
        """The first of the partner's contacts (the one its single contact became, issue 26):
        what read `contact_person`, `email` and `phone` before reads it still."""
        contacts = self.contacts.all()  # prefetched in lists
        return contacts[0] if contacts else None

    @property
    def contact_person(self) -> str:
        return self.primary_contact.name if self.primary_contact else ""

    @property
    def email(self) -> str:
        return self.primary_contact.email if self.primary_contact else ""

    @property
    def phone(self) -> str:
        return self.primary_contact.phone if self.primary_contact else ""

    @property
    def address(self) -> str:
        """One line: "Storgatan 1, 582 22 Linköping"."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street_address, town) if part)

    @property
    def payment_account(self) -> str:
        """Where the committee pays, as the finance system reads it: "Bankgiro 5050-1055"."""
        if self.bankgiro:
            return f"Bankgiro {payment_details.format_bankgiro(self.bankgiro)}"
        if self.plusgiro:
            return f"Plusgiro {payment_details.format_plusgiro(self.plusgiro)}"
        if self.iban:
            return f"IBAN {payment_details.format_iban(self.iban)}"
        return ""
